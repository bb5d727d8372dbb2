// The export anchors quotes exactly as the editor does: a source open in the
// editor with unsaved changes is read from the editor, by the export as by
// hover. The saved file on disk is not what counts while the editor holds a
// newer text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Hover } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ExportRequest } from '../../shared/protocol';
import { positionOf, samplesServer } from './lspClient';

const ARTICLE = 'articles/openai-consumer-shift.txt';
const NOTE = 'notes/openai-consumer-shift.md';
const QUOTE = 'OpenAI is shifting focus from AI model development to building a tech consumer company with a billion daily active users';

const session = samplesServer();

async function exportedAnchor(name: string): Promise<{ anchor: string; start?: number }> {
  const { client, root } = session;
  const file = path.join(root, `${name}.json`);
  await client.connection.sendRequest(ExportRequest, { format: 'json', target: URI.file(file).toString(), overwrite: false });
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const quote = doc.claims.flatMap((c: any) => c.quotes).find((q: any) => q.text === QUOTE);
  assert.ok(quote, 'the quote is exported');
  return { anchor: quote.anchor, start: quote.start };
}

async function hoverText(): Promise<string> {
  const { client, root } = session;
  const text = fs.readFileSync(path.join(root, NOTE), 'utf8');
  const h = await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: client.uri(NOTE) }, position: positionOf(text, 'quote:: "OpenAI is shifting', 3),
  }) as Hover;
  return (h.contents as { value: string }).value;
}

test('an export anchors against a source\'s unsaved text in the editor, as hover does, and against the disk again once it is closed', async () => {
  const { client, root } = session;
  const saved = fs.readFileSync(path.join(root, ARTICLE), 'utf8');
  await client.open(NOTE);
  const before = await exportedAnchor('saved');
  assert.equal(before.anchor, 'exact');
  assert.match(await hoverText(), /\nExact · \[openai-consumer-shift.txt:2\]/);

  // The analyst opens the article and deletes the quoted sentence, without saving.
  const uri = await client.open(ARTICLE, saved);
  const edited = saved.replace(QUOTE, 'A sentence the editor replaced');
  assert.notEqual(edited, saved);
  await client.change(uri, edited);
  await client.diagnosticsUntil(client.uri(NOTE), (ds) => ds.some((d) => d.code === 'quote-not-found'), 'the quote reported missing from the unsaved text');
  assert.equal((await exportedAnchor('unsaved')).anchor, 'not-found');
  assert.match(await hoverText(), /\n\*\*Not found\*\* in `openai-consumer-shift.txt`/);
  assert.equal(fs.readFileSync(path.join(root, ARTICLE), 'utf8'), saved, 'the file on disk is untouched');

  // Moving the sentence down (unsaved) moves the exported offsets with it.
  const moved = 'A new first paragraph.\n\n' + saved;
  await client.change(uri, moved);
  await client.diagnosticsUntil(client.uri(NOTE), (ds) => !ds.some((d) => d.code === 'quote-not-found'), 'the quote found again');
  const shifted = await exportedAnchor('moved');
  assert.equal(shifted.anchor, 'exact');
  assert.equal(shifted.start, before.start! + 'A new first paragraph.\n\n'.length);

  // Closed without saving: the disk is the truth again.
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  // The notification is read before the next request, so the export already sees the disk.
  const closed = await exportedAnchor('closed');
  assert.deepEqual(closed, before);
});
