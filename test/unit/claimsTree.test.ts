// The claims panel's data: groups with counts by note, entity and status, a
// group's claims on demand, filters, and the claim under the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClaimGroups } from '../../server/src/core/features/claimGroups';
import { claimCounts, claimsInGroup, claimsOverview, claimsTreeLocate, NO_ENTITY } from '../../server/src/core/features/claimsTree';
import { ENTITIES, indexOf, uri } from './helpers';

const A = `# A
- #claim [[Sam Altman]] wants a billion users. ^billion
  - status:: supported
- #claim [[DeepSeek]] is cheap and [[Altman]] knows it. ^cheap
  - status:: refuted
- #claim Nobody is named here. ^plain
`;
const B = `# B
- #claim [[DeepSEE]] trains on less. ^less
  - status:: refuted
`;

async function workspace() {
  return (await indexOf({ 'entities.yaml': ENTITIES, 'notes/a.md': A, 'notes/b.md': B })).index;
}

/** The panel's counts over the workspace, in step with it as the service keeps them. */
async function panel() {
  const groups = new ClaimGroups(await workspace());
  groups.sync();
  return groups;
}

const counts = (o: { groups: Array<{ key: string; count: number }> }) => o.groups.map((g) => `${g.key}:${g.count}`);

test('grouped by note: one group per note, named by file with its folder, counted', async () => {
  const o = claimsOverview(await panel(), 'note');
  assert.deepEqual(o.groups, [
    { key: uri('notes/a.md'), label: 'a', detail: 'notes', count: 3 },
    { key: uri('notes/b.md'), label: 'b', detail: 'notes', count: 1 },
  ]);
  assert.equal(o.total, 4);
  assert.equal(o.shown, 4);
});

test('grouped by status: in the workspace order, unstated status counts as the first one', async () => {
  const o = claimsOverview(await panel(), 'status');
  assert.deepEqual(counts(o), ['unverified:1', 'supported:1', 'refuted:2']);
  assert.deepEqual(o.groups.map((g) => g.label), ['Unverified', 'Supported', 'Refuted']);
});

test('grouped by entity: a claim naming two entities is in both; aliases resolve; claims naming none come last', async () => {
  const groups = await panel();
  const o = claimsOverview(groups, 'entity');
  assert.deepEqual(counts(o), ['deepseek:2', 'sam-altman:2', `${NO_ENTITY}:1`]);
  assert.deepEqual(o.groups.map((g) => g.label), ['DeepSeek', 'Sam Altman', 'No entity']);
  assert.equal(o.shown, 4, 'each claim counted once in the total shown');
  assert.deepEqual(claimsInGroup(groups, 'entity', 'deepseek').claims.map((c) => c.id), ['cheap', 'less']);
});

test('filters by text (text or id, any case) and by status; the overview says how many pass', async () => {
  const groups = await panel();
  const byText = claimsOverview(groups, 'note', { text: 'CHEAP' });
  assert.deepEqual(counts(byText), [`${uri('notes/a.md')}:1`]);
  assert.equal(byText.shown, 1);
  assert.equal(byText.total, 4);
  assert.equal(claimsOverview(groups, 'note', { text: 'less' }).shown, 1, 'matched on the id too');
  const refuted = claimsOverview(groups, 'status', { status: ['refuted'] });
  assert.deepEqual(counts(refuted), ['refuted:2']);
  assert.deepEqual(claimsInGroup(groups, 'note', uri('notes/a.md'), { status: ['refuted', 'supported'] }).claims.map((c) => c.id), ['billion', 'cheap']);
});

test("a group's claims carry what the panel shows and needs to reveal them", async () => {
  const [first] = claimsInGroup(await panel(), 'note', uri('notes/a.md')).claims;
  assert.deepEqual(first, {
    uri: uri('notes/a.md'), note: 'notes/a', line: 1, id: 'billion', text: 'Sam Altman wants a billion users.', status: 'supported',
    range: { start: { line: 1, character: 2 }, end: { line: 2, character: 22 } },
  });
});

test('a large group comes a page at a time, saying how many are left', async () => {
  const groups = await panel();
  assert.deepEqual(claimsInGroup(groups, 'status', 'refuted', {}, 0, 1), { claims: [claimsInGroup(groups, 'status', 'refuted').claims[0]], more: 1 });
  const second = claimsInGroup(groups, 'status', 'refuted', {}, 1, 1);
  assert.deepEqual([second.claims.map((c) => c.id), second.more], [['less'], 0]);
});

test('the claim under the cursor is found on any of its lines, with its groups', async () => {
  const groups = await panel();
  const hit = claimsTreeLocate(groups, 'entity', uri('notes/a.md'), 4);
  assert.equal(hit?.claim.id, 'cheap');
  assert.deepEqual(hit?.groups, ['deepseek', 'sam-altman']);
  assert.equal(claimsTreeLocate(groups, 'note', uri('notes/a.md'), 0), undefined, 'the heading is no claim');
});

test('counts for the status bar: one note, or every note', async () => {
  const index = await workspace();
  assert.deepEqual(claimCounts(index, [index.notes.get(uri('notes/a.md'))!]), { claims: 3, byStatus: { supported: 1, refuted: 1, unverified: 1 } });
  assert.equal(claimCounts(index, index.notes.values()).claims, 4);
});

/** Every grouping's groups, counts and first claims, filtered and not: what the panel can show. */
function snapshot(groups: ClaimGroups): string[] {
  const out: string[] = [];
  for (const grouping of ['note', 'status', 'entity'] as const) {
    for (const filter of [{}, { text: 'a' }, { status: ['refuted'] }]) {
      const o = claimsOverview(groups, grouping, filter);
      out.push(`${grouping} ${JSON.stringify(filter)} ${o.shown}/${o.total} in ${o.groupCount}`);
      for (const g of o.groups) {
        const page = claimsInGroup(groups, grouping, g.key, filter, 0, 2);
        out.push(`  ${g.label} ${g.count} ${g.detail ?? ''}: ${page.claims.map((c) => c.id ?? c.line).join(',')} +${page.more}`);
      }
    }
  }
  return out;
}

test('the groups come a page at a time, in order, and a page reaches a group asked for through it', async () => {
  const groups = await panel();
  const all = claimsOverview(groups, 'entity');
  assert.equal(all.groupCount, 3);
  const first = claimsOverview(groups, 'entity', {}, { limit: 1 });
  assert.deepEqual([first.groups.map((g) => g.key), first.groupCount, first.shown, first.total], [['deepseek'], 3, 4, 4]);
  assert.deepEqual(claimsOverview(groups, 'entity', {}, { offset: 1, limit: 1 }).groups.map((g) => g.key), ['sam-altman']);
  assert.deepEqual(claimsOverview(groups, 'entity', {}, { limit: 1, through: NO_ENTITY }).groups.map((g) => g.key), ['deepseek', 'sam-altman', NO_ENTITY]);
  assert.deepEqual(claimsOverview(groups, 'entity', {}, { limit: 2, through: 'deepseek' }).groups.map((g) => g.key), ['deepseek', 'sam-altman'], 'a group already on the page changes nothing');
  assert.deepEqual(claimsOverview(groups, 'note', {}, { offset: 5, limit: 10 }).groups, [], 'past the end: no group');
});

test('kept up to date from the change stream: after edits, new notes, a deleted note, a new entity and a new config, the counts are those of a fresh look', async () => {
  const { index } = await indexOf({ 'entities.yaml': ENTITIES, 'notes/a.md': A, 'notes/b.md': B });
  const groups = new ClaimGroups(index);
  index.onDidChange((uris) => groups.changed(uris));
  groups.sync();
  const fresh = () => { const g = new ClaimGroups(index); g.sync(); return snapshot(g); };
  const check = (what: string) => { groups.sync(); assert.deepEqual(snapshot(groups), fresh(), what); };
  check('as built');
  index.update(uri('notes/a.md'), A.replace('[[DeepSeek]] is cheap', '[[Anthropic]] is cheap').replace('status:: supported', 'status:: misleading'));
  check('a note edited: its claims change group');
  index.update(uri('notes/c.md'), '# C\n- #claim [[OpenAI]] grows. ^grows\n- #claim [[Sam Altman]] and [[Altman]] are one. ^one\n  - status:: weird\n');
  check('a new note, naming an unknown entity and a status the workspace does not define');
  const before = claimsOverview(groups, 'entity').groups.map((g) => g.key);
  assert.ok(!before.includes('openai'));
  index.update(uri('entities.yaml'), ENTITIES + '- id: openai\n  name: OpenAI\n  type: organization\n');
  check('an entity added: claims naming it move from "No entity" to its group');
  assert.deepEqual(claimsOverview(groups, 'entity').groups.find((g) => g.key === 'openai')?.count, 1);
  index.update(uri('entities.yaml'), ENTITIES.replace('aliases: [Altman]', 'aliases: []').replace('name: DeepSeek', 'name: Deep Seek'));
  check('an alias removed and an entity renamed: the mentions of the alias name nobody, the group takes the new name');
  index.update(uri('notes/b.md'), '# B\nNo claim here any more.\n');
  check('a note losing its last claim leaves the note grouping');
  index.update(uri('notes/b.md'), B);
  check('and comes back with its claim');
  index.delete(uri('notes/b.md'));
  check('a note deleted');
  index.update(uri('.claimlens.yaml'), 'statuses:\n  - id: refuted\n  - id: supported\n');
  check('a new config: a claim without a status counts as its first status');
  assert.deepEqual(counts(claimsOverview(groups, 'status')), ['refuted:3', 'misleading:1', 'weird:1']);
});

test('during the cold index, which announces nothing until it is done, catching up finds the notes read since', async () => {
  const { index } = await indexOf({ 'entities.yaml': ENTITIES, 'notes/a.md': A });
  const groups = new ClaimGroups(index);
  groups.sync();
  assert.equal(groups.total, 3);
  // Not announced on the stream: as the cold build reads a file.
  index.notes.set(uri('notes/b.md'), (await indexOf({ 'entities.yaml': ENTITIES, 'notes/b.md': B })).index.notes.get(uri('notes/b.md'))!);
  groups.sync();
  assert.equal(groups.total, 3, 'nothing announced, nothing looked at');
  groups.catchUp();
  groups.sync();
  assert.equal(groups.total, 4);
  assert.deepEqual(claimsOverview(groups, 'entity').groups.map((g) => `${g.key}:${g.count}`), ['deepseek:2', 'sam-altman:2', `${NO_ENTITY}:1`]);
});

test('built in slices: a question before the build is done finishes it', async () => {
  const groups = new ClaimGroups(await workspace());
  assert.equal(groups.sync(() => true), false, 'one note, then the time is up');
  assert.equal(groups.total, 3);
  assert.equal(groups.sync(), true);
  assert.equal(groups.total, 4);
});

test('the note and status groupings need no entity resolved; entities resolved later, after edits, count as a fresh look does', async () => {
  const { index } = await indexOf({ 'entities.yaml': ENTITIES, 'notes/a.md': A, 'notes/b.md': B });
  const groups = new ClaimGroups(index);
  index.onDidChange((uris) => groups.changed(uris));
  groups.sync(undefined, 'notes');
  assert.deepEqual(counts(claimsOverview(groups, 'status')), ['unverified:1', 'supported:1', 'refuted:2']);
  assert.deepEqual(claimsInGroup(groups, 'note', uri('notes/b.md')).claims.map((c) => c.id), ['less']);
  assert.throws(() => claimsInGroup(groups, 'entity', 'deepseek'), /not resolved/, 'a question by entity must sync its entities first');
  index.update(uri('notes/b.md'), B.replace('[[DeepSEE]]', '[[Anthropic]]'));
  index.update(uri('entities.yaml'), ENTITIES + '- id: openai\n  name: OpenAI\n');
  index.update(uri('notes/c.md'), '# C\n- #claim [[OpenAI]] grows. ^grows\n');
  // Resolved a note at a time, as the build behind the cold index does, with an edit between two steps.
  assert.equal(groups.sync(() => true), false);
  index.update(uri('notes/a.md'), A.replace('[[DeepSeek]] is cheap', '[[OpenAI]] is cheap'));
  while (!groups.sync(() => true));
  const fresh = new ClaimGroups(index);
  fresh.sync();
  assert.deepEqual(snapshot(groups), snapshot(fresh));
  assert.deepEqual(counts(claimsOverview(groups, 'entity')), ['openai:2', 'sam-altman:2', 'anthropic:1', `${NO_ENTITY}:1`]);
});
