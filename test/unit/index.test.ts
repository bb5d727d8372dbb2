// The workspace index: what it reads, what it skips, and how one file's
// change updates the answers without re-reading the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { ENTITIES, ROOT, indexOf, uri } from './helpers';

test('reads notes, registries and the config; skips hidden folders, node_modules and .gitignore\'d files', async () => {
  const { index } = await indexOf({
    'notes/a.md': '- #claim A ^a\n',
    'notes/drafts/b.md': '- #claim B ^b\n',
    '.obsidian/c.md': '- #claim C ^c\n',
    'node_modules/pkg/readme.md': '- #claim D ^d\n',
    'build/out.md': '- #claim E ^e\n',
    'notes/drafts/.gitignore': 'b.md\n',
    '.gitignore': 'build/\n',
    'entities.yaml': ENTITIES,
    'people/team.entities.yaml': '- id: x\n  name: X\n',
    '.claimlens.yaml': 'statuses:\n  - id: open\n  - id: closed\n    rating: 1\n',
  });
  assert.deepEqual([...index.notes.keys()], [uri('notes/a.md')]);
  assert.deepEqual([...index.registries.keys()].sort(), [uri('entities.yaml'), uri('people/team.entities.yaml')]);
  assert.deepEqual(index.config.statuses.map((s) => [s.id, s.rating]), [['open', undefined], ['closed', 1]]);
});

test('include and exclude globs choose the notes', async () => {
  const ws = new InMemoryWorkspace([ROOT], { [uri('a/x.md')]: '# x', [uri('b/y.md')]: '# y', [uri('b/skip/z.md')]: '# z' });
  const index = new WorkspaceIndex(ws, { include: ['b/**/*.md'], exclude: ['**/skip/**'] });
  await index.build();
  assert.deepEqual([...index.notes.keys()], [uri('b/y.md')]);
});

test('a binary .md, invalid UTF-8 and a file over the size limit are skipped with a reason', async () => {
  const ws = new InMemoryWorkspace([ROOT], {
    [uri('bin.md')]: new Uint8Array([0x23, 0x00, 0x01, 0x02]),
    [uri('latin1.md')]: new Uint8Array([0x23, 0x20, 0xe9, 0x74, 0xe9]),
    [uri('big.md')]: '- #claim x\n'.repeat(200),
    [uri('ok.md')]: '- #claim fine ^f\n',
  });
  const index = new WorkspaceIndex(ws, { maxFileSize: 1000 });
  await index.build();
  assert.deepEqual([...index.notes.keys()], [uri('ok.md')]);
  assert.match(index.skipped.get(uri('bin.md'))!, /binary/);
  assert.match(index.skipped.get(uri('latin1.md'))!, /UTF-8/);
  assert.match(index.skipped.get(uri('big.md'))!, /larger than/);
  assert.match(index.fileProblems(uri('bin.md'))[0].message, /did not read this file: binary/);
});

test('an edit re-indexes one note: mentions and references follow, other notes untouched', async () => {
  const { index } = await indexOf({
    'entities.yaml': ENTITIES,
    'a.md': '- #claim Altman speaks [[Sam Altman]] ^a1\n',
    'b.md': '- #claim Refers [[a#^a1]] ^b1\n',
  });
  const sam = index.resolveEntity('sam altman')[0];
  const a = index.notes.get(uri('a.md'))!;
  const b = index.notes.get(uri('b.md'))!;
  assert.equal(index.mentionsOf(sam).length, 1);
  assert.equal(index.referencesTo(a, 'a1').length, 1);
  index.update(uri('b.md'), '- #claim Now mentions [[Altman]] too ^b1\n');
  assert.equal(index.notes.get(uri('a.md')), a, 'the other note is not re-parsed');
  assert.notEqual(index.notes.get(uri('b.md')), b);
  assert.deepEqual(index.mentionsOf(sam).map((m) => m.uri), [uri('a.md'), uri('b.md')]);
  assert.equal(index.referencesTo(a, 'a1').length, 0);
});

test('registry edits, deletes and renames change what resolves', async () => {
  const { index } = await indexOf({ 'entities.yaml': ENTITIES, 'n.md': '- #claim [[Liang Wenfeng]] ^x\n' });
  assert.equal(index.resolveEntity('Liang Wenfeng').length, 0);
  index.update(uri('entities.yaml'), ENTITIES + '- id: liang\n  name: Liang Wenfeng\n');
  assert.equal(index.resolveEntity('liang  wenfeng')[0].id, 'liang');
  index.delete(uri('entities.yaml'));
  assert.equal(index.resolveEntity('Sam Altman').length, 0);
  index.update(uri('moved/entities.yaml'), ENTITIES);
  assert.equal(index.resolveEntity('DeepSEE')[0].id, 'deepseek');
});

test('names resolve by id, name or alias: case-insensitive, NFKC and whitespace folded', async () => {
  const { index } = await indexOf({ 'entities.yaml': ENTITIES + '- id: cafe\n  name: "Café Ｎｏｉｒ"\n' });
  for (const n of ['sam-altman', 'SAM   ALTMAN', 'altman', 'deepsee', 'Café Noir', 'café\tnoir']) {
    assert.equal(index.resolveEntity(n).length, 1, n);
  }
});

test('notes resolve by file name, and by path when the link has a folder', async () => {
  const { index } = await indexOf({ 'a/x.md': '# 1', 'b/x.md': '# 2', 'c/Other Note.md': '# 3' });
  assert.equal(index.resolveNote('x').length, 2);
  assert.deepEqual(index.resolveNote('b/x').map((n) => n.uri), [uri('b/x.md')]);
  assert.deepEqual(index.resolveNote('other note').map((n) => n.name), ['c/Other Note']);
});
