// The claims panel's data: groups with counts by note, entity and status, a
// group's claims on demand, filters, and the claim under the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

const counts = (o: { groups: Array<{ key: string; count: number }> }) => o.groups.map((g) => `${g.key}:${g.count}`);

test('grouped by note: one group per note, named by file with its folder, counted', async () => {
  const o = claimsOverview(await workspace(), 'note');
  assert.deepEqual(o.groups, [
    { key: uri('notes/a.md'), label: 'a', detail: 'notes', count: 3 },
    { key: uri('notes/b.md'), label: 'b', detail: 'notes', count: 1 },
  ]);
  assert.equal(o.total, 4);
  assert.equal(o.shown, 4);
});

test('grouped by status: in the workspace order, unstated status counts as the first one', async () => {
  const o = claimsOverview(await workspace(), 'status');
  assert.deepEqual(counts(o), ['unverified:1', 'supported:1', 'refuted:2']);
  assert.deepEqual(o.groups.map((g) => g.label), ['Unverified', 'Supported', 'Refuted']);
});

test('grouped by entity: a claim naming two entities is in both; aliases resolve; claims naming none come last', async () => {
  const index = await workspace();
  const o = claimsOverview(index, 'entity');
  assert.deepEqual(counts(o), ['deepseek:2', 'sam-altman:2', `${NO_ENTITY}:1`]);
  assert.deepEqual(o.groups.map((g) => g.label), ['DeepSeek', 'Sam Altman', 'No entity']);
  assert.equal(o.shown, 4, 'each claim counted once in the total shown');
  assert.deepEqual(claimsInGroup(index, 'entity', 'deepseek').claims.map((c) => c.id), ['cheap', 'less']);
});

test('filters by text (text or id, any case) and by status; the overview says how many pass', async () => {
  const index = await workspace();
  const byText = claimsOverview(index, 'note', { text: 'CHEAP' });
  assert.deepEqual(counts(byText), [`${uri('notes/a.md')}:1`]);
  assert.equal(byText.shown, 1);
  assert.equal(byText.total, 4);
  assert.equal(claimsOverview(index, 'note', { text: 'less' }).shown, 1, 'matched on the id too');
  const refuted = claimsOverview(index, 'status', { status: ['refuted'] });
  assert.deepEqual(counts(refuted), ['refuted:2']);
  assert.deepEqual(claimsInGroup(index, 'note', uri('notes/a.md'), { status: ['refuted', 'supported'] }).claims.map((c) => c.id), ['billion', 'cheap']);
});

test("a group's claims carry what the panel shows and needs to reveal them", async () => {
  const [first] = claimsInGroup(await workspace(), 'note', uri('notes/a.md')).claims;
  assert.deepEqual(first, {
    uri: uri('notes/a.md'), note: 'notes/a', line: 1, id: 'billion', text: 'Sam Altman wants a billion users.', status: 'supported',
    range: { start: { line: 1, character: 2 }, end: { line: 2, character: 22 } },
  });
});

test('a large group comes a page at a time, saying how many are left', async () => {
  const index = await workspace();
  assert.deepEqual(claimsInGroup(index, 'status', 'refuted', {}, 0, 1), { claims: [claimsInGroup(index, 'status', 'refuted').claims[0]], more: 1 });
  const second = claimsInGroup(index, 'status', 'refuted', {}, 1, 1);
  assert.deepEqual([second.claims.map((c) => c.id), second.more], [['less'], 0]);
});

test('the claim under the cursor is found on any of its lines, with its groups', async () => {
  const index = await workspace();
  const hit = claimsTreeLocate(index, 'entity', uri('notes/a.md'), 4);
  assert.equal(hit?.claim.id, 'cheap');
  assert.deepEqual(hit?.groups, ['deepseek', 'sam-altman']);
  assert.equal(claimsTreeLocate(index, 'note', uri('notes/a.md'), 0), undefined, 'the heading is no claim');
});

test('counts for the status bar: one note, or every note', async () => {
  const index = await workspace();
  assert.deepEqual(claimCounts(index, [index.notes.get(uri('notes/a.md'))!]), { claims: 3, byStatus: { supported: 1, refuted: 1, unverified: 1 } });
  assert.equal(claimCounts(index, index.notes.values()).claims, 4);
});
