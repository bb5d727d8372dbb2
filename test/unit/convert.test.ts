// The edge's conversions (lsp/convert.ts): diagnostics the client sends back
// read as Problems, fixes tied to the client's own diagnostic objects, and
// edits written in the form the client declared it can apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Diagnostic } from 'vscode-languageserver';
import { type CodeAction, type Edit } from '../../server/src/core/features/types';
import { type Problem } from '../../server/src/core/notes/model';
import { editSupport, toCodeAction, toDiagnostic, toProblem, toWorkspaceEdit } from '../../server/src/lsp/convert';

const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

test('a diagnostic sent back reads as the Problem it was published from', () => {
  const p: Problem = { code: 'quote-fuzzy', severity: 'warning', range, message: 'differs', data: { value: '"a"', replacement: '"b"' } };
  assert.deepEqual(toProblem(toDiagnostic(p)), p);
  const severities = [1, 2, 3, 4, undefined].map((severity) => toProblem({ range, message: 'm', ...(severity ? { severity: severity as Diagnostic['severity'] } : {}) }).severity);
  assert.deepEqual(severities, ['error', 'warning', 'information', 'hint', 'error']);
  // Another tool's diagnostic: a numeric code, data that is no record, a Markdown message.
  assert.deepEqual(toProblem({ range, code: 42, data: ['x'], message: { kind: 'markdown', value: '**m**' } }),
    { code: '42', severity: 'error', range, message: '**m**' });
});

const edit: Edit = { creates: [], files: [{ uri: 'file:///ws/n.md', version: 3, edits: [{ range: at(0), newText: 'x' }] }] };
const creating: Edit = { creates: ['file:///ws/entities.yaml'], files: [{ uri: 'file:///ws/entities.yaml', version: null, edits: [{ range: at(0), newText: '- id: a\n' }] }] };
const vscode = editSupport({ workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } } });
const noCreate = editSupport({ workspace: { workspaceEdit: { documentChanges: true } } });
const plain = editSupport({});

test('edits: versioned document changes with creations when the client takes them, else the changes map', () => {
  assert.deepEqual([vscode, noCreate, plain], [
    { documentChanges: true, createFiles: true }, { documentChanges: true, createFiles: false }, { documentChanges: false, createFiles: false },
  ]);
  assert.deepEqual(toWorkspaceEdit(creating, vscode), { documentChanges: [
    { kind: 'create', uri: 'file:///ws/entities.yaml', options: { ignoreIfExists: true } },
    { textDocument: { uri: 'file:///ws/entities.yaml', version: null }, edits: [{ range: at(0), newText: '- id: a\n' }] },
  ] });
  assert.deepEqual(toWorkspaceEdit(edit, noCreate), { documentChanges: [{ textDocument: { uri: 'file:///ws/n.md', version: 3 }, edits: [{ range: at(0), newText: 'x' }] }] });
  assert.deepEqual(toWorkspaceEdit(edit, plain), { changes: { 'file:///ws/n.md': [{ range: at(0), newText: 'x' }] } });
  // A new file cannot be written as text edits: the edit cannot be given at all.
  assert.equal(toWorkspaceEdit(creating, noCreate), undefined);
  assert.equal(toWorkspaceEdit(creating, plain), undefined);
});

test('a code action names the client\'s own diagnostic, and is left out when the client cannot apply its edit', () => {
  const sent: Diagnostic = { range, severity: 4, code: 'missing-id', message: 'no id', source: 'claimlens' };
  const fixes = toProblem(sent);
  const action: CodeAction = { title: 'Add claim id ^a', kind: 'quickfix', fixes, isPreferred: true, edit };
  const lsp = toCodeAction(action, vscode, (p) => (p === fixes ? sent : toDiagnostic(p)))!;
  assert.equal(lsp.diagnostics![0], sent);
  assert.deepEqual([lsp.kind, lsp.isPreferred], ['quickfix', true]);
  assert.equal(toCodeAction({ ...action, edit: creating }, noCreate, toDiagnostic), undefined);
  assert.equal(toCodeAction({ title: 'Set status', kind: 'refactor.rewrite.status', edit }, plain, toDiagnostic)!.diagnostics, undefined);
});

test('a problem\'s related places become the diagnostic\'s relatedInformation', () => {
  const range = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
  const d = toDiagnostic({
    code: 'contradiction-upheld', severity: 'warning', message: 'both upheld', range,
    related: [{ uri: 'file:///ws/b.md', range, message: '[[b#^b]]: Supported' }],
  });
  assert.deepEqual(d.relatedInformation, [{ location: { uri: 'file:///ws/b.md', range }, message: '[[b#^b]]: Supported' }]);
  assert.equal(toDiagnostic({ code: 'x', severity: 'hint', message: 'm', range }).relatedInformation, undefined);
});
