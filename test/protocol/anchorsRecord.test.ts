// The anchors record over the protocol, against the built server: a quote
// that matches in three places gets one quick fix per place, each a server
// command that pins its place in .claimlens/anchors.json (the quote is never
// rewritten), and the pin holds through an unrelated edit; Confirm Quotes
// writes the record, sorted and stable; a decision on a changed source that
// rewrites a quote has the client apply the note's versioned edit before the
// record is written; nothing is written in Restricted Mode.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type ApplyWorkspaceEditParams, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { ConfirmQuotesRequest, ReviewChangedSourcesRequest, ReviewQuoteRequest } from '../../shared/protocol';
import { copySamples, PROJECT, TestClient } from './lspClient';

const ARTICLE = 'articles/minutes.txt';
const NOTE = 'notes/minutes.md';
const NOTE_TEXT = `---
source:
  path: ../${ARTICLE}
---
# Minutes
- #claim The treasurer approved the budget. ^budget
  - quote:: "Yes, said the"
`;

let client: TestClient;
let root: string;
const record = () => path.join(root, '.claimlens/anchors.json');

before(async () => {
  root = copySamples({
    [ARTICLE]: 'Council meeting, 3 June.\nIs the motion carried? Yes, said the chair.\nIs the budget approved? Yes, said the treasurer.\nIs the meeting closed? Yes, said the secretary.\n',
    [NOTE]: NOTE_TEXT,
  });
  client = await TestClient.start(root);
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const hints = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'quote-ambiguous');

test('three places alike: one quick fix per place, each a command that pins it; the pin holds after an unrelated edit', async () => {
  const uri = await client.open(NOTE, NOTE_TEXT);
  const [hint] = hints(await client.diagnosticsFor(uri));
  assert.ok(hint);
  assert.equal(String(hint.message).split('\n')[0], 'This quote occurs 3 times in ../articles/minutes.txt, each as closely; the first is taken.');
  const actions = await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: hint.range, context: { diagnostics: [hint], only: ['quickfix'] },
  }) as CodeAction[];
  assert.deepEqual(actions.map((a) => a.title), [
    'Pin occurrence 1 of 3 (line 2: …motion carried? «Yes, said the» chair. Is the…)',
    'Pin occurrence 2 of 3 (line 3: …approved? «Yes, said the» treasurer. Is…)',
    'Pin occurrence 3 of 3 (line 4: …meeting closed? «Yes, said the» secretary.)',
  ]);
  assert.ok(actions.every((a) => !a.edit && a.command?.command === 'claimlens.pinOccurrence'), 'the quote is never rewritten');
  assert.deepEqual(actions[0]!.diagnostics, [hint], 'each fix names the hint it answers');

  await client.connection.sendRequest('workspace/executeCommand', { command: actions[1]!.command!.command, arguments: actions[1]!.command!.arguments });
  const entry = JSON.parse(fs.readFileSync(record(), 'utf8')).quotes['notes/minutes.md#^budget/1'];
  assert.deepEqual([entry.occurrence, entry.suffix], [2, ' treasurer.\nIs the meeting close']);
  await client.diagnosticsUntil(uri, (ds) => hints(ds).length === 0, 'the hint to go once the place is pinned');

  // An unrelated edit: a claim added above. The pin holds, and go to definition goes to the treasurer's "Yes".
  const edited = NOTE_TEXT.replace('# Minutes\n', '# Minutes\n- #claim The meeting opened on time. ^opened\n');
  const version = await client.change(uri, edited);
  assert.deepEqual(hints(await client.diagnosticsFor(uri, version)), []);
  const [target] = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 7, character: 16 } }) as Array<{ range: { start: { line: number } } }>;
  assert.equal(target!.range.start.line, 2, 'line 3 of the article: the treasurer');
  await client.change(uri, NOTE_TEXT);
});

test('Confirm Quotes writes the record, sorted and stable, and keeps the pin', async () => {
  const first = await client.connection.sendRequest(ConfirmQuotesRequest, {});
  assert.ok('records' in first, JSON.stringify(first));
  assert.deepEqual(first.records.map((r) => [r.uri === client.uri('.claimlens/anchors.json'), r.recorded, r.ambiguous, r.unanchored]), [[true, 23, 2, 0]]);
  const text = fs.readFileSync(record(), 'utf8');
  const keys = Object.keys(JSON.parse(text).quotes);
  assert.deepEqual(keys, [...keys].sort());
  assert.equal(JSON.parse(text).quotes['notes/minutes.md#^budget/1'].occurrence, 2, 'the pinned place stays pinned');
  const again = await client.connection.sendRequest(ConfirmQuotesRequest, {});
  assert.ok('records' in again);
  assert.equal(again.records[0]!.updated, 0);
  assert.equal(fs.readFileSync(record(), 'utf8'), text, 'the same bytes');
  assert.deepEqual(fs.readdirSync(path.dirname(record())), ['anchors.json'], 'no temporary file left');
});

test('a record broken in the editor (a merge conflict) is an error on the record; the notes are anchored as if it were absent', async () => {
  const recordUri = client.uri('.claimlens/anchors.json');
  const saved = fs.readFileSync(record(), 'utf8');
  const note = await client.open(NOTE, NOTE_TEXT);
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: recordUri, languageId: 'json', version: 1, text: `<<<<<<< HEAD\n${saved}=======\n{}\n>>>>>>> theirs\n` },
  });
  const [problem] = await client.diagnosticsFor(recordUri, 1);
  assert.deepEqual([problem!.code, problem!.severity, problem!.range.start.line], ['anchors-record', 1, 0]);
  assert.match(String(problem!.message), /^The anchors record is not valid JSON \(.*\); its quotes count as not confirmed\.$/);
  await client.diagnosticsUntil(note, (ds) => hints(ds).length === 1, 'the pin to count for nothing while the record is broken');
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: recordUri, version: 2 }, contentChanges: [{ text: saved }] });
  assert.deepEqual(await client.diagnosticsFor(recordUri, 2), []);
  await client.diagnosticsUntil(note, (ds) => hints(ds).length === 0, 'the pin to hold again');
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: recordUri } });
});

test('accepting a reworded passage: the client applies the note\'s versioned edit, then the record is written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-review-'));
  fs.cpSync(path.join(PROJECT, 'test/fixtures/stealth-edit'), dir, { recursive: true });
  const review = await TestClient.start(dir);
  try {
    const applied: ApplyWorkspaceEditParams[] = [];
    review.connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => { applied.push(p); return { applied: true }; });
    const noteText = fs.readFileSync(path.join(dir, 'notes/harbour-bridge.md'), 'utf8');
    const uri = await review.open('notes/harbour-bridge.md', noteText);
    const report = await review.connection.sendRequest(ReviewChangedSourcesRequest, {});
    // The golden report was made in a workspace at file:///ws: the same report, for this folder.
    const here = `${review.uri('')}/`;
    assert.equal(report.markdown, fs.readFileSync(path.join(dir, 'review.md'), 'utf8').replaceAll('file:///ws/', here)
      .replaceAll(encodeURIComponent('file:///ws/'), encodeURIComponent(here)));
    const accept = report.actions.find((a) => a.title === 'Accept the new passage' && a.args.key.endsWith('^repair-cost/1'))!;
    const result = await review.connection.sendRequest(ReviewQuoteRequest, accept.args);
    assert.deepEqual(result, { done: 'Accepted the new passage: the quote now reads as the article does.', edited: uri });
    assert.equal(applied.length, 1);
    const change = applied[0]!.edit.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 }, 'pinned to the version it was computed on');
    const rewritten = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, noteText), change.edits as TextEdit[]);
    assert.equal(rewritten.split('\n')[15], '  - quote:: "the repairs would cost £4.8 million"');
    const entry = JSON.parse(fs.readFileSync(path.join(dir, '.claimlens/anchors.json'), 'utf8')).quotes['notes/harbour-bridge.md#^repair-cost/1'];
    assert.equal(entry.quote, 'the repairs would cost £4.8 million');
    // The editor now holds the rewritten note: its warning is gone, the others remain.
    const version = await review.change(uri, rewritten);
    const ds = await review.diagnosticsFor(uri, version);
    assert.deepEqual(ds.filter((d) => d.code === 'source-changed-unreviewed').map((d) => d.range.start.line + 1), [20, 24]);
  } finally {
    await review.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('in Restricted Mode nothing is written, and the analyst is told why', async () => {
  const dir = copySamples();
  const untrusted = await TestClient.start(dir, { trusted: false });
  try {
    const r = await untrusted.connection.sendRequest(ConfirmQuotesRequest, {});
    assert.deepEqual(r, { error: 'Claimlens does not write the anchors record in Restricted Mode. Trust this workspace to confirm quotes or decide on changed sources.' });
    assert.equal(fs.existsSync(path.join(dir, '.claimlens')), false);
  } finally {
    await untrusted.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
