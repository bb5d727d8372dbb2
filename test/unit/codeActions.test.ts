// Code actions: add a claim id, set the status, add an unknown entity; the edits and their versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeActions } from '../../server/src/core/features/codeActions';
import { diagnose } from '../../server/src/core/features/diagnostics';
import { type CodeAction } from '../../server/src/core/features/types';
import { ENTITIES, applyTo, uri, withCaret } from './helpers';

async function actionsAt(path: string, marked: string, others: Record<string, string> = {}) {
  const { index, uri: u, pos, text } = await withCaret(path, marked, others);
  const problems = (await diagnose(index, u)).filter((d) => d.range.start.line === pos.line);
  const actions = codeActions(index, u, { start: pos, end: pos }, {
    problems, versionOf: (x) => (x === u ? 7 : null), lineText: (l) => text.split('\n')[l],
  });
  return { actions, problems, text, u, index };
}

const apply = (a: CodeAction, text: string, u: string) => applyTo(text, a.edit, u);

test('add a missing claim id made from its text, unique in the note, on the version it was computed on', async () => {
  const { actions, problems, text, u } = await actionsAt('n.md', '- #claim Prices |fall every year\n- #claim x ^prices-fall-every-year\n');
  const add = actions.find((a) => a.title.startsWith('Add claim id'))!;
  assert.equal(add.title, 'Add claim id ^prices-fall-every-year-2');
  assert.deepEqual([add.kind, add.isPreferred], ['quickfix', true]);
  assert.equal(add.fixes, problems.find((p) => p.code === 'missing-id'));
  assert.deepEqual(add.edit!.files.map((f) => [f.uri, f.version]), [[u, 7]]);
  assert.equal(apply(add, text, u), '- #claim Prices fall every year ^prices-fall-every-year-2\n- #claim x ^prices-fall-every-year\n');
});

test('set status: one action per status, replacing the field or adding it as a child item', async () => {
  const withField = await actionsAt('n.md', '- #claim A| ^a\n  - status:: plausible\n');
  assert.deepEqual(withField.actions.map((a) => a.title), [
    'Set status: ❔ Unverified', 'Set status: ✅ Supported', 'Set status: 💬 Disputed', 'Set status: ⚠️ Misleading', 'Set status: ❌ Refuted',
  ]);
  assert.ok(withField.actions.every((a) => a.kind === 'refactor.rewrite.status' && !a.fixes));
  assert.equal(apply(withField.actions[4], withField.text, withField.u), '- #claim A ^a\n  - status:: refuted\n');
  const without = await actionsAt('n.md', '  - #claim A| ^a\n    - by:: [[X]]\n');
  const disputed = without.actions.find((a) => a.title.includes('Disputed'))!;
  assert.equal(apply(disputed, without.text, without.u), '  - #claim A ^a\n    - status:: disputed\n    - by:: [[X]]\n');
});

test('add an unknown entity to the nearest entities.yaml, or create one at the workspace root', async () => {
  const near = await actionsAt('team/n.md', '- #claim [[Liang |Wenfeng]] ^a\n', { 'entities.yaml': ENTITIES, 'team/entities.yaml': '- id: x\n  name: X' });
  const add = near.actions.find((a) => a.title.startsWith('Add "Liang Wenfeng"'))!;
  assert.equal(add.title, 'Add "Liang Wenfeng" to team/entities.yaml');
  assert.equal(add.fixes, near.problems.find((p) => p.code === 'unknown-entity'));
  assert.deepEqual(add.edit!.creates, []);
  assert.equal(applyTo('- id: x\n  name: X', add.edit, uri('team/entities.yaml')), '- id: x\n  name: X\n- id: liang-wenfeng\n  name: Liang Wenfeng\n  type: other\n');
  const none = await actionsAt('n.md', '- #claim [[Liang |Wenfeng]] ^a\n');
  const create = none.actions.find((a) => a.title.startsWith('Add "Liang'))!;
  assert.deepEqual(create.edit!.creates, [uri('entities.yaml')]);
  assert.equal(applyTo('', create.edit, uri('entities.yaml')), '- id: liang-wenfeng\n  name: Liang Wenfeng\n  type: other\n');
});
