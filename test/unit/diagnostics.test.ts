// Diagnostics of a note and of a registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../server/src/core/features/diagnostics';
import { ENTITIES, indexOf, uri } from './helpers';

const summary = (ds: Awaited<ReturnType<typeof diagnose>>) =>
  ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}`);

test('a note: unknown entity, duplicate id, dangling reference, unknown status, missing id', async () => {
  const { index } = await indexOf({
    'entities.yaml': ENTITIES,
    'other.md': '- #claim There ^there\n',
    'n.md': `- #claim [[Sam Altman]] and [[Nobody]] ^a
  - status:: maybe
  - supports:: ^nowhere, [[other#^there]], [[other#^gone]]
  - evidence:: [[Some Paper]]
- #claim Again ^a
- #claim No id here
Prose mentions [[Unknown Person]] freely.
`,
  });
  assert.deepEqual(summary(await diagnose(index, uri('n.md'))), [
    '1:13 warning unknown-status',
    '5:2 hint missing-id',
    '0:40 error duplicate-id',
    '4:16 error duplicate-id',
    '0:30 warning unknown-entity',
    '2:15 warning dangling-ref',
    '2:43 warning dangling-ref',
  ]);
});

test('cycles among supports are reported on the edge that closes them, across notes', async () => {
  const { index } = await indexOf({
    'a.md': '- #claim A ^a\n  - supports:: [[b#^b]]\n',
    'b.md': '- #claim B ^b\n  - supports:: [[a#^a]]\n- #claim C ^c\n  - supports:: ^b\n',
  });
  const ds = await diagnose(index, uri('a.md'));
  assert.deepEqual(ds.map((d) => d.message), ['"supports" goes round in a circle: ^a → ^b → ^a.']);
  assert.equal((await diagnose(index, uri('b.md'))).filter((d) => d.code === 'relation-cycle').length, 1);
});

test('missing source file is an error; a source outside the workspace is not read', async () => {
  const { index } = await indexOf({
    'notes/n.md': '---\nsource:\n  path: ../articles/gone.txt\n---\n',
    'notes/m.md': '---\nsource:\n  path: ../articles/here.txt\n---\n',
    'notes/o.md': '---\nsource:\n  path: ../../outside.txt\n---\n',
    'articles/here.txt': 'text',
  });
  assert.deepEqual(summary(await diagnose(index, uri('notes/n.md'))), ['2:8 error source-missing']);
  assert.deepEqual(summary(await diagnose(index, uri('notes/m.md'))), []);
  assert.deepEqual(summary(await diagnose(index, uri('notes/o.md'))), ['2:8 warning source-outside']);
});

test('a registry: names and aliases claimed by two entities are flagged on both; YAML errors keep their position', async () => {
  const { index } = await indexOf({
    'entities.yaml': ENTITIES + '- id: sam2\n  name: Samuel\n  aliases: [Altman]\n',
    'bad.entities.yaml': '- id: x\n  name: [broken\n',
  });
  const ds = await diagnose(index, uri('entities.yaml'));
  assert.deepEqual(ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`), [
    '3:12 "Altman" also names Samuel (sam2): a mention of it is ambiguous.',
    '15:12 "Altman" also names Sam Altman (sam-altman): a mention of it is ambiguous.',
  ]);
  const bad = await diagnose(index, uri('bad.entities.yaml'));
  assert.equal(bad[0].code, 'registry-yaml');
  // The unclosed flow list is noticed where the file ends, just below it.
  assert.equal(bad[0].range.start.line, 2);
  assert.match(String(bad[0].message), /^YAML: .*\]/);
});

test('a skipped binary note gets one clear diagnostic', async () => {
  const { index } = await indexOf({ 'bin.md': new Uint8Array([0, 1, 2, 3]) });
  const ds = await diagnose(index, uri('bin.md'));
  assert.deepEqual(ds.map((d) => d.message), ['Claimlens did not read this file: binary file (it contains NUL bytes), skipped.']);
});
