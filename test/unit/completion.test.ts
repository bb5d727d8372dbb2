// Completion: entities and notes after `[[`, claim ids, field names and values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completion } from '../../server/src/core/features/completion';
import { ENTITIES, withCaret } from './helpers';

async function complete(marked: string, others: Record<string, string> = {}) {
  const { index, uri, pos, text } = await withCaret('n.md', marked, { 'entities.yaml': ENTITIES, ...others });
  return completion(index, uri, pos, text.split('\n')[pos.line]);
}

test('after [[ it offers entities (matched on name, alias or id) and notes, closing the link', async () => {
  const all = await complete('- #claim talks to [[|\n', { 'deepseek-notes.md': '# D' });
  assert.deepEqual(all.items.map((i) => i.label), ['Sam Altman', 'DeepSeek', 'Anthropic', 'deepseek-notes', 'n']);
  const some = await complete('- #claim talks to [[deeps|\n', { 'deepseek-notes.md': '# D' });
  assert.deepEqual(some.items.map((i) => [i.label, i.edit.newText]), [['DeepSeek', 'DeepSeek]]'], ['deepseek-notes', 'deepseek-notes]]']]);
  const alias = await complete('- #claim [[altm|]] x\n');
  assert.deepEqual(alias.items.map((i) => [i.label, i.edit.newText]), [['Sam Altman', 'Sam Altman']]);
});

test('after #^ it offers the claim ids of the named note', async () => {
  const r = await complete('- #claim see [[other#^|\n', { 'other.md': '- #claim One ^one\n- #claim Two ^two\n' });
  assert.deepEqual(r.items.map((i) => i.label), ['one', 'two']);
});

test('in relation fields it offers this note\'s claim ids', async () => {
  const r = await complete('- #claim A ^a\n- #claim B ^b\n  - supports:: ^|\n');
  assert.deepEqual(r.items.map((i) => [i.label, i.edit.newText]), [['a', 'a'], ['b', 'b']]);
  const r2 = await complete('- #claim A ^a\n- #claim B ^b\n  - refines:: ^a, |\n');
  assert.deepEqual(r2.items.map((i) => i.edit.newText), ['^a', '^b']);
});

test('field names at the start of a claim\'s child item; values after status::, kind:: and by::', async () => {
  const fields = await complete('- #claim A ^a\n  - st|\n');
  assert.equal(fields.items[0].label, 'status');
  assert.deepEqual([fields.items[0].kind, fields.items[0].edit.newText], ['field', 'status:: ']);
  assert.ok(fields.items.some((i) => i.label === 'contradicts'));
  assert.deepEqual((await complete('- #claim A ^a\n  - sa|\n')).items.filter((i) => i.label.startsWith('sa')).map((i) => i.edit.newText), ['same-as:: ']);
  const statuses = await complete('- #claim A ^a\n  - status:: |\n');
  assert.deepEqual(statuses.items.map((i) => i.label), ['unverified', 'supported', 'plausible', 'disputed', 'misleading', 'refuted']);
  const kinds = await complete('- #claim/forecast A ^a\n- #claim B ^b\n  - kind:: |\n');
  assert.deepEqual(kinds.items.map((i) => i.label), ['fact', 'forecast', 'opinion', 'prediction', 'quote', 'statistic']);
  const by = await complete('- #claim A ^a\n  - by:: |\n');
  assert.deepEqual(by.items.map((i) => i.edit.newText), ['[[Sam Altman]]', '[[DeepSeek]]', '[[Anthropic]]']);
});

test('nothing is offered in plain prose', async () => {
  assert.equal((await complete('Just prose |\n')).items.length, 0);
});
