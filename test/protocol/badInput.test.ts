// SPEC §8 over the protocol: bad input gives a clear diagnostic, and the
// server keeps answering everything else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Hover } from 'vscode-languageserver-protocol';
import { TestClient, copySamples, positionOf } from './lspClient';

let client: TestClient;
let root: string;

before(async () => {
  root = copySamples({
    'notes/binary.md': Buffer.from([0x23, 0x20, 0x00, 0xff, 0x00, 0x10]),
    'notes/latin1.md': Buffer.from('# caf\xe9\n', 'latin1'),
    'broken.entities.yaml': '- id: x\n  name: [never closed\n',
  });
  client = await TestClient.start(root);
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The server still answers a hover on the sample note: the check after every bad input. */
async function stillAnswers(): Promise<void> {
  const rel = 'notes/openai-consumer-shift.md';
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  const h = await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: client.uri(rel) }, position: positionOf(text, '[[DeepSEE]]', 3),
  }) as Hover;
  assert.match((h.contents as { value: string }).value, /^\*\*DeepSeek\*\* · organization/);
}

async function diagnosticsOf(rel: string, text: string): Promise<string[]> {
  const uri = await client.open(rel, text);
  return (await client.diagnosticsFor(uri)).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.message}`);
}

test('a binary .md and a note that is not UTF-8 are skipped with a reason; the rest is indexed', async () => {
  const ready = client.statuses.find((s) => s.state === 'ready')!;
  assert.equal(ready.skipped, 2);
  assert.equal(ready.claims, 21);
  await stillAnswers();
});

test('malformed YAML front matter: an error at its position, the claims below still read', async () => {
  assert.deepEqual(await diagnosticsOf('notes/bad-yaml.md', '---\nsource:\n  title: "unclosed\n---\n- #claim Still a claim ^still\n'), [
    '2:18 1 YAML: Missing closing "quote',
  ]);
  await stillAnswers();
});

test('an unclosed [[, an empty #claim and a missing source each get a diagnostic', async () => {
  assert.deepEqual(await diagnosticsOf('notes/rough.md', '---\nsource:\n  path: ../articles/nowhere.txt\n---\n- #claim [[Sam Altman and more ^a\n- #claim\n'), [
    '4:9 2 This [[ is never closed: end the link with ]].',
    '5:2 2 This #claim has no text: write the claim after the tag.',
    '2:8 1 Source file not found: ../articles/nowhere.txt',
  ]);
  await stillAnswers();
});

test('a malformed registry reports its YAML error; its good neighbours still resolve', async () => {
  const uri = client.uri('broken.entities.yaml');
  await client.open('broken.entities.yaml', fs.readFileSync(path.join(root, 'broken.entities.yaml'), 'utf8'));
  const ds = await client.diagnosticsFor(uri);
  assert.equal(ds.length, 1);
  assert.match(String(ds[0].message), /^YAML: /);
  await stillAnswers();
});

test('a note deleted while open keeps its open text; a 50 MB note is skipped with a reason', async () => {
  const big = '- #claim line\n'.repeat(4 * 1024 * 1024);
  assert.deepEqual(await diagnosticsOf('notes/huge.md', big), ['0:0 2 Claimlens did not read this file: larger than 10 MB (claimlens.maxFileSize), skipped.']);
  fs.rmSync(path.join(root, 'notes/deepseek-notes.md'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('notes/deepseek-notes.md'), type: 3 }] });
  const text = fs.readFileSync(path.join(root, 'notes/openai-consumer-shift.md'), 'utf8');
  const uri = await client.open('notes/openai-consumer-shift.md', text);
  const ds = await client.diagnosticsFor(uri);
  assert.deepEqual(ds.filter((d) => d.code !== 'quote-ambiguous').map((d) => d.message), ['No claim ^independent-lab (no note named "deepseek-notes").']);
  await stillAnswers();
});

test('every note of the bad-input corpus, on disk and opened in the editor, leaves hover and symbols answering on a sound note', async () => {
  const corpus = path.join(__dirname, '..', 'bad-input');
  const notes = fs.readdirSync(corpus).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.ok(notes.length >= 14, `only ${notes.length} cases`);
  const dir = copySamples(Object.fromEntries(notes.map((f) => [`bad/${f}`, fs.readFileSync(path.join(corpus, f))])));
  const c = await TestClient.start(dir);
  try {
    const sound = 'notes/openai-consumer-shift.md';
    const text = fs.readFileSync(path.join(dir, sound), 'utf8');
    for (const f of notes) {
      const bytes = fs.readFileSync(path.join(corpus, f));
      // The editor shows what it can decode; the server gets that text.
      await c.open(`bad/${f}`, bytes.toString('utf8'));
      const h = await c.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: c.uri(sound) }, position: positionOf(text, '[[DeepSEE]]', 3),
      }) as Hover;
      assert.match((h.contents as { value: string }).value, /^\*\*DeepSeek\*\* · organization/, `hover after ${f}`);
      const symbols = await c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: c.uri(sound) } }) as unknown[];
      assert.ok(symbols.length > 0, `symbols after ${f}`);
    }
    console.log(`bad input: ${notes.length} corpus notes read and opened beside a sound note; hover and symbols answered after each`);
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
