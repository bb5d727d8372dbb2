// Rename an entity or a claim id: one workspace edit over every file, with versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRename, rename, RenameError } from '../../server/src/core/features/rename';
import { ENTITIES, applyTo, caret, indexOf, uri } from './helpers';

test('rename an entity from a mention: registry name and every mention by that name, display text kept', async () => {
  const files = {
    'entities.yaml': ENTITIES,
    'a.md': '- #claim [[Sam Altman]] and [[Altman]] ^a\n',
    'b.md': 'Prose [[sam altman|Sam]] here.\n',
  };
  const c = caret('- #claim [[Sam Alt|man]] and [[Altman]] ^a\n');
  const { index } = await indexOf({ ...files, 'a.md': c.text });
  assert.deepEqual(prepareRename(index, uri('a.md'), c.pos), { range: { start: { line: 0, character: 11 }, end: { line: 0, character: 21 } }, placeholder: 'Sam Altman' });
  const edit = rename(index, uri('a.md'), c.pos, 'Samuel H. Altman', () => null)!;
  assert.equal(applyTo(files['a.md'], edit, uri('a.md')), '- #claim [[Samuel H. Altman]] and [[Altman]] ^a\n');
  assert.equal(applyTo(files['b.md'], edit, uri('b.md')), 'Prose [[Samuel H. Altman|Sam]] here.\n');
  assert.match(applyTo(ENTITIES, edit, uri('entities.yaml')), /^ {2}name: Samuel H. Altman$/m);
  assert.throws(() => rename(index, uri('a.md'), c.pos, 'DeepSeek', () => null), RenameError);
  assert.throws(() => rename(index, uri('a.md'), c.pos, 'bad|name', () => null), RenameError);
});

test('rename a claim id: the ^id and every reference to it, in this note and others', async () => {
  const c = caret('- #claim A ^a|1\n- #claim B ^b\n  - supports:: ^a1\n');
  const other = '- #claim C [[n#^a1]] ^c\n';
  const { index } = await indexOf({ 'n.md': c.text, 'o.md': other });
  const edit = rename(index, uri('n.md'), c.pos, 'first', (u) => (u === uri('n.md') ? 3 : null))!;
  assert.equal(applyTo(c.text, edit, uri('n.md')), '- #claim A ^first\n- #claim B ^b\n  - supports:: ^first\n');
  assert.equal(applyTo(other, edit, uri('o.md')), '- #claim C [[n#^first]] ^c\n');
  assert.deepEqual(edit.files.map((f) => [f.uri, f.version]), [[uri('n.md'), 3], [uri('o.md'), null]]);
  assert.deepEqual(edit.creates, []);
  assert.throws(() => rename(index, uri('n.md'), c.pos, 'b', () => null), /already has a claim \^b/);
});
