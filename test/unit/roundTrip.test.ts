// Properties over generated workspaces (fast-check) that nothing is lost or
// changed by accident: notes written from a generated model parse back to it
// and export to JSON with every claim, status, field and mention; a rename
// applied to the notes gives notes that parse to the same model with only the
// renamed name changed, and no other character of any file differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { buildExportModel } from '../../server/src/core/export/exportModel';
import { writeJson } from '../../server/src/core/export/json';
import { rename } from '../../server/src/core/features/rename';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { ROOT, applyTo, uri } from './helpers';

const ENTITIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella'];
const REGISTRY = ENTITIES.map((n, i) => `- id: e${i}\n  name: ${n}\n  type: organization\n`).join('');
const STATUSES = ['unverified', 'supported', 'plausible', 'disputed', 'misleading', 'refuted'];

const word = fc.stringMatching(/^[a-z]{2,9}$/);
const claimArb = fc.record({
  words: fc.array(word, { minLength: 1, maxLength: 8 }),
  mention: fc.option(fc.integer({ min: 0, max: ENTITIES.length - 1 }), { nil: undefined }),
  status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
  fields: fc.array(fc.tuple(fc.constantFrom('note', 'confidence', 'region', 'kind'), fc.array(word, { minLength: 1, maxLength: 4 })), { maxLength: 3 }),
  supportsPrevious: fc.boolean(),
});
const noteArb = fc.array(claimArb, { minLength: 1, maxLength: 8 });
const workspaceArb = fc.array(noteArb, { minLength: 1, maxLength: 4 });

type GenClaim = { words: string[]; mention?: number; status?: string; fields: Array<[string, string[]]>; supportsPrevious: boolean };

function noteText(n: number, claims: GenClaim[]): string {
  const lines = [`# Note ${n}`, ''];
  claims.forEach((c, i) => {
    const mention = c.mention === undefined ? '' : ` [[${ENTITIES[c.mention]}]]`;
    lines.push(`- #claim ${c.words.join(' ')}${mention} ^n${n}c${i}`);
    if (c.status) lines.push(`  - status:: ${c.status}`);
    for (const [k, v] of c.fields) lines.push(`  - ${k}:: ${v.join(' ')}`);
    if (c.supportsPrevious && i > 0) lines.push(`  - supports:: ^n${n}c${i - 1}`);
  });
  return lines.join('\n') + '\n';
}

async function indexed(notes: GenClaim[][]) {
  const files: Record<string, string> = { [uri('entities.yaml')]: REGISTRY };
  notes.forEach((claims, n) => { files[uri(`notes/n${n}.md`)] = noteText(n, claims); });
  const ws = new InMemoryWorkspace([ROOT], files);
  const index = new WorkspaceIndex(ws);
  await index.build();
  return { ws, index, files };
}

test('generated notes export to JSON with every claim, status, field and mention as written', async () => {
  let cases = 0;
  await fc.assert(fc.asyncProperty(workspaceArb, async (notes) => {
    cases++;
    const { index } = await indexed(notes);
    const json = JSON.parse(writeJson(await buildExportModel(index, new Anchoring(index))));
    const expected = notes.flatMap((claims, n) => claims.map((c, i) => ({
      id: `notes/n${n}#^n${n}c${i}`,
      text: c.words.join(' ') + (c.mention === undefined ? '' : ` ${ENTITIES[c.mention]}`),
      status: c.status ?? 'unverified',
      entities: c.mention === undefined ? [] : [`e${c.mention}`],
      supports: c.supportsPrevious && i > 0 ? [`notes/n${n}#^n${n}c${i - 1}`] : [],
      fields: Object.fromEntries([...new Set(c.fields.filter(([k]) => k !== 'kind').map(([k]) => k))]
        .map((k) => [k, c.fields.filter(([f]) => f === k).map(([, v]) => v.join(' '))])),
      kind: c.fields.find(([k]) => k === 'kind')?.[1].join(' '),
    })));
    const actual = json.claims.map((c: any) => ({
      id: c.id, text: c.text, status: c.status, entities: c.entities, supports: c.supports, fields: c.fields ?? {}, kind: c.kind,
    }));
    assert.deepEqual(actual.sort((a: any, b: any) => (a.id < b.id ? -1 : 1)), expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
  }), { numRuns: 150 });
  console.log(`export round trip: ${cases} generated workspaces, every claim, status, field and mention kept`);
});

test('renaming a claim id changes that id and the references to it, and no other character of any file', async () => {
  let cases = 0;
  await fc.assert(fc.asyncProperty(workspaceArb, fc.nat(), fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/), async (notes, pick, fresh) => {
    const { index, files } = await indexed(notes);
    const all = notes.flatMap((claims, n) => claims.map((_, i) => ({ n, i })));
    const target = all[pick % all.length]!;
    const newId = `renamed-${fresh}`;
    const noteUri = uri(`notes/n${target.n}.md`);
    const text = files[noteUri]!;
    const oldId = `n${target.n}c${target.i}`;
    const at = text.indexOf(`^${oldId}\n`) + 1;
    const before = text.slice(0, at);
    const pos = { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
    const edit = rename(index, noteUri, pos, newId, () => 1);
    assert.ok(edit, 'the id can be renamed');
    cases++;
    for (const [u, original] of Object.entries(files)) {
      const after = applyTo(original, edit, u);
      // Exactly the id's occurrences changed: put the old id back and the file is as it was.
      assert.equal(after.split(`^${newId}`).join(`^${oldId}`), original, `${u} changed elsewhere`);
    }
    const renamedText = applyTo(text, edit, noteUri);
    const reindexed = new WorkspaceIndex(new InMemoryWorkspace([ROOT], { ...files, [noteUri]: renamedText }));
    await reindexed.build();
    const ids = reindexed.notes.get(noteUri)!.claims.map((c) => c.id);
    assert.deepEqual(ids, notes[target.n]!.map((_, i) => (i === target.i ? newId : `n${target.n}c${i}`)));
    const refs = reindexed.notes.get(noteUri)!.refs.map((r) => r.id);
    assert.ok(!refs.includes(oldId), 'no reference is left pointing at the old id');
  }), { numRuns: 150 });
  console.log(`rename: ${cases} generated workspaces, only the renamed id changed`);
});
