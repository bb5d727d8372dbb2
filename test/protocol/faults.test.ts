// Faults a real editor session meets, over stdio against the built server:
// requests before initialize, a second initialize, a stale didChange, files
// and folders created, renamed and deleted on disk while a note is open, a
// registry edited outside the editor, and edits that arrive while the cold
// index is still running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DocumentSymbol, type Hover, type WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { TestClient, copySamples, positionOf, responseError } from './lspClient';

const symbols = (c: TestClient, query: string) =>
  c.connection.sendRequest('workspace/symbol', { query }) as Promise<WorkspaceSymbol[]>;
const docSymbols = (c: TestClient, uri: string) =>
  c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<DocumentSymbol[]>;
const names = (ds: DocumentSymbol[]): string[] => ds.flatMap((d) => [d.name, ...names(d.children ?? [])]);

/** Runs `body` against a server on a fresh copy of the samples (started by `start`), then stops it and removes the copy. */
async function onSamples(body: (c: TestClient, root: string) => Promise<void>,
  start: (root: string) => Promise<TestClient> | TestClient = (root) => TestClient.start(root), prepare?: (root: string) => void): Promise<void> {
  const root = copySamples();
  prepare?.(root);
  const c = await start(root);
  try {
    await body(c, root);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('a request before initialize is answered -32002, and a second initialize is refused', async () => {
  await onSamples(async (c) => {
    const early = await responseError(c.connection.sendRequest('textDocument/hover', { textDocument: { uri: c.uri('notes/a.md') }, position: { line: 0, character: 0 } }));
    assert.equal(early.code, -32002);
    await c.initialize();
    const again = await responseError(c.initialize());
    assert.deepEqual([again.code, again.message], [-32600, 'The server is already initialized.']);
  }, (root) => TestClient.spawn(root));
});

test('a didChange older than the document is refused and logged; later edits apply to the newer text', async () => {
  await onSamples(async (c) => {
    const uri = await c.open('notes/fresh.md', '- #claim One. ^one\n');
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: '- #claim Three. ^three\n' }] });
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '- #claim Two. ^two\n' }] });
    await c.until(() => c.logs.some((l) => l.includes('refused a change to version 2')), 'the refusal logged');
    assert.deepEqual(names(await docSymbols(c, uri)), ['Three.']);
    // An incremental edit on top is applied to version 3's text, not to the refused one.
    await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 14 } }, text: 'Four' }] });
    await c.diagnosticsFor(uri, 4);
    assert.deepEqual(names(await docSymbols(c, uri)), ['Four.']);
  });
});

test('files and folders created, renamed and deleted on disk while a note is open; a registry edited outside the editor', async () => {
  await onSamples(async (c, root) => {
    const changed = (changes: Array<[string, 1 | 2 | 3]>) => c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map(([rel, type]) => ({ uri: c.uri(rel), type })),
    });
    const found = async (query: string) => (await symbols(c, query)).map((s) => path.relative(root, new URL(s.location.uri).pathname));
    const open = await c.open('notes/openai-consumer-shift.md');
    // A folder of notes appears (a watcher reports the folder, not each file).
    fs.mkdirSync(path.join(root, 'inbox', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(root, 'inbox', 'deep', 'late.md'), '- #claim Arrived while the editor was open. ^late-arrival\n');
    await changed([['inbox', 1]]);
    await c.until(() => c.statuses.length > 0, 'a status');
    assert.deepEqual(await found('late-arrival'), ['inbox/deep/late.md']);
    // The folder is renamed.
    fs.renameSync(path.join(root, 'inbox'), path.join(root, 'archive'));
    await changed([['inbox', 3], ['archive', 1]]);
    assert.deepEqual(await found('late-arrival'), ['archive/deep/late.md']);
    // A note replaced on disk, then the folder deleted.
    fs.writeFileSync(path.join(root, 'archive', 'deep', 'late.md'), '- #claim Rewritten by another tool. ^rewritten\n');
    await changed([['archive/deep/late.md', 2]]);
    assert.deepEqual(await found('rewritten'), ['archive/deep/late.md']);
    fs.rmSync(path.join(root, 'archive'), { recursive: true });
    await changed([['archive', 3]]);
    assert.deepEqual(await found('rewritten'), []);
    // The registry gains a description outside the editor; hover shows it.
    const registry = path.join(root, 'entities.yaml');
    fs.writeFileSync(registry, fs.readFileSync(registry, 'utf8').replace('American entrepreneur who has been chief executive of OpenAI since 2019.', 'Edited on disk.'));
    await changed([['entities.yaml', 2]]);
    const text = fs.readFileSync(path.join(root, 'notes/openai-consumer-shift.md'), 'utf8');
    const h = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: open }, position: positionOf(text, '[[Sam Altman]]', 3) }) as Hover;
    assert.match((h.contents as { value: string }).value, /Edited on disk\./);
  });
});

test('edits sent while the cold index runs are all applied once it is done', async () => {
  const claims = Array.from({ length: 30 }, (_, i) => `- #claim Filler ${i} about [[Topic ${i % 5}]] ^f${i}\n`).join('');
  const fill = (root: string) => { for (let n = 0; n < 2000; n++) fs.writeFileSync(path.join(root, 'notes', `filler-${n}.md`), claims); };
  await onSamples(async (c) => {
    await c.initialize();
    await c.connection.sendNotification('initialized', {});
    // Sent at once, before the index can be done.
    const uri = await c.open('notes/draft.md', '- #claim First draft. ^draft\n');
    await c.change(uri, '- #claim Second draft. ^draft\n');
    await c.change(uri, '- #claim Final wording. ^final\n');
    assert.ok(!c.statuses.some((s) => s.state === 'ready'), 'the edits were sent before the index was ready');
    await c.until(() => c.statuses.some((s) => s.state === 'ready'), 'the index', 60000);
    assert.deepEqual(names(await docSymbols(c, uri)), ['Final wording.']);
    assert.deepEqual((await symbols(c, 'final')).map((s) => s.name), ['Final wording.']);
  }, (root) => TestClient.spawn(root), fill);
});
