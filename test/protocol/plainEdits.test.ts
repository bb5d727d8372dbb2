// A client that declares no `workspaceEdit` capabilities (as a minimal LSP
// editor does) gets every proposed edit as the plain `changes` map, and
// nothing that would need it to create a file: such a code action is left
// out, and Tag Selection says why it cannot make a note.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type CodeAction, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TagSelectionRequest } from '../../shared/protocol';
import { TestClient, copySamples, positionOf } from './lspClient';

const NOTE = 'notes/openai-consumer-shift.md';
const OTHER = 'notes/deepseek-notes.md';
let client: TestClient;
let root: string;
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

before(async () => {
  // No registry: adding an entity would have to create entities.yaml.
  root = copySamples({ 'articles/untagged.txt': 'A passage no note quotes yet.\n' });
  fs.rmSync(path.join(root, 'entities.yaml'));
  client = await TestClient.start(root, {}, {});
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function applyChanges(edit: WorkspaceEdit, rel: string, text: string): string {
  return TextDocument.applyEdits(TextDocument.create(client.uri(rel), 'markdown', 1, text), edit.changes?.[client.uri(rel)] ?? []);
}

test('without documentChanges: edits come as the changes map, and what needs a new file is not offered', async () => {
  const rename = await client.connection.sendRequest('textDocument/rename', {
    textDocument: { uri: client.uri(NOTE) }, position: positionOf(read(NOTE), '^transistor', 2), newName: 'commodity-models',
  }) as WorkspaceEdit;
  assert.equal(rename.documentChanges, undefined);
  assert.deepEqual(Object.keys(rename.changes!).map((u) => path.basename(u)), ['openai-consumer-shift.md', 'deepseek-notes.md']);
  assert.match(applyChanges(rename, OTHER, read(OTHER)), /supports:: \[\[openai-consumer-shift#\^commodity-models\]\]/);
  assert.match(applyChanges(rename, NOTE, read(NOTE)), /transistors did\. \^commodity-models\n/);

  const rel = 'notes/draft.md';
  const uri = await client.open(rel, '- #claim [[Nobody Known]] said prices fall\n');
  const ds = await client.diagnosticsFor(uri);
  const actions = await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, context: { diagnostics: ds, only: ['quickfix'] },
  }) as CodeAction[];
  assert.ok(ds.some((d) => d.code === 'unknown-entity'), 'the entity is unknown, so adding it is a fix the server knows');
  assert.deepEqual(actions.map((a) => a.title), ['Add claim id ^nobody-known-said-prices-fall']);
  assert.deepEqual(actions[0]!.diagnostics, ds.filter((d) => d.code === 'missing-id'));
  assert.equal(applyChanges(actions[0]!.edit!, rel, '- #claim [[Nobody Known]] said prices fall\n'),
    '- #claim [[Nobody Known]] said prices fall ^nobody-known-said-prices-fall\n');

  const tagged = await client.connection.sendRequest(TagSelectionRequest, {
    textDocument: { uri: client.uri('articles/untagged.txt') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
  });
  assert.ok('error' in tagged);
  assert.match(tagged.error, /cannot create/);
});
