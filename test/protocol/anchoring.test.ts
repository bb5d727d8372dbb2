// Anchoring over the protocol: the built server on a copy of the samples, with
// extra notes whose quotes are broken. Definition on a quote, the anchoring
// diagnostics, the fuzzy quote fix applied, code lenses, hovers, and the
// source view's custom requests (shared/protocol.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type CodeAction, type CodeLens, type Hover, type Location, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import {
  SourceHighlightsRequest, SourceLocationRequest, type SourceLocationResult,
  TagSelectionRequest,
} from '../../shared/protocol';
import { TestClient, copySamples, positionOf } from './lspClient';

const NOTE = 'notes/openai-consumer-shift.md';
const ARTICLE = 'articles/openai-consumer-shift.txt';
const SAMPLE_SHA = 'a1b0f8a1422255184780c202a11b29b730359ee176e96feed9248adc9994b994';
const BROKEN = 'notes/broken.md';
const BROKEN_TEXT = `---
source:
  title: Broken quotes
  path: ../articles/openai-consumer-shift.txt
  sha256: 0000000000000000000000000000000000000000000000000000000000000000
---
# Broken

- #claim A quote with a typo. ^typo
  - quote:: "the commoditization of advanced langauge models"
- #claim A quote the article does not have. ^invented
  - quote:: "OpenAI will build its own smartphone"
`;
const MISSING = 'notes/missing.md';
const URL_ONLY = 'notes/url-only.md';

let client: TestClient;
let root: string;
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const value = (h: Hover | null) => (h?.contents as { value: string } | undefined)?.value ?? '';

before(async () => {
  root = copySamples({
    [BROKEN]: BROKEN_TEXT,
    [MISSING]: '---\nsource:\n  path: ../articles/gone.txt\n---\n- #claim Gone ^gone\n  - quote:: "anything at all"\n',
    [URL_ONLY]: '---\nsource:\n  url: https://example.com/post\n---\n- #claim Only online ^online\n  - quote:: "a destination site with 1 billion daily active users, the interview says"\n',
  });
  client = await TestClient.start(root);
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function request<T>(method: string, rel: string, position: { line: number; character: number }): Promise<T> {
  return client.connection.sendRequest(method, { textDocument: { uri: client.uri(rel) }, position }) as Promise<T>;
}

function sourceLocation(rel: string, position: { line: number; character: number }): Promise<SourceLocationResult> {
  return client.connection.sendRequest(SourceLocationRequest, { textDocument: { uri: client.uri(rel) }, position });
}

function applyEdit(edit: WorkspaceEdit, rel: string, text: string): string {
  const edits = (edit.documentChanges as TextDocumentEdit[]).filter((d) => d.textDocument.uri === client.uri(rel)).flatMap((d) => d.edits as TextEdit[]);
  return TextDocument.applyEdits(TextDocument.create(client.uri(rel), 'markdown', 1, text), edits);
}

test('definition on a quote:: goes to the passage in the source file', async () => {
  const text = read(NOTE);
  const lines = read(ARTICLE).split('\n');
  const pivot = await request<Location[]>('textDocument/definition', NOTE, positionOf(text, 'quote:: "OpenAI is shifting', 3));
  assert.deepEqual(pivot, [{ uri: client.uri(ARTICLE), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 120 } } }]);
  assert.equal(lines[1]!.slice(0, 120), 'OpenAI is shifting focus from AI model development to building a tech consumer company with a billion daily active users');
  // An elided quote: from its first part to the end of its last.
  const elided = await request<Location[]>('textDocument/definition', NOTE, positionOf(text, 'quote:: "Altman draws a parallel', 3));
  assert.deepEqual(elided.map((l) => l.range), [{ start: { line: 15, character: 97 }, end: { line: 15, character: 413 } }]);
  assert.match(lines[15]!.slice(97, 413), /^Altman draws a parallel to the transistor, .* will become commoditized$/);
});

test('diagnostics: source changed, fuzzy quote with the source text, quote not found, source missing', async () => {
  const broken = await client.open(BROKEN);
  assert.deepEqual((await client.diagnosticsFor(broken)).map((d) => [`${d.range.start.line}:${d.range.start.character}`, d.severity, d.code, d.message]), [
    ['3:8', 2, 'source-changed', `Source changed since source.sha256 was recorded: ../articles/openai-consumer-shift.txt now has sha256 ${SAMPLE_SHA}.`],
    ['9:12', 2, 'quote-fuzzy', "Quote differs from the source (2 edits): 'langauge' → 'language'"],
    ['11:12', 1, 'quote-not-found', 'Quote not found in ../articles/openai-consumer-shift.txt.'],
  ]);
  const missing = await client.open(MISSING);
  assert.deepEqual((await client.diagnosticsFor(missing)).map((d) => [d.code, d.message]), [
    ['source-missing', 'Source file not found: ../articles/gone.txt'],
  ]);
  // The sample note's source matches its sha256 and every quote is exact; two occur twice. Its DeepSeek
  // cost claim is noted in deepseek-notes too, with another verdict: the warning points there.
  const note = await client.open(NOTE);
  const noteDiagnostics = await client.diagnosticsFor(note);
  assert.deepEqual(noteDiagnostics.map((d) => [d.range.start.line, d.severity, d.message]), [
    [96, 2, '[[deepseek-notes#^low-cost-training]] is the same claim, but its verdict is Supported (upheld) and this one\'s is Disputed (open).'],
    // Each place listed, with a quick fix per place that pins it (anchorsRecord.test.ts).
    [29, 4, [
      'This quote occurs 2 times in ../articles/openai-consumer-shift.txt, each as closely; the first is taken.',
      '1. line 17: …models. «He states that a destination site with …», indicating a clear…',
      '2. line 25: …acquisition. «He states that a destination site with …», indicating that…',
      'Pin the one you mean (quick fix): it is recorded in .claimlens/anchors.json.',
    ].join('\n')],
    [30, 4, [
      'This quote occurs 2 times in ../articles/openai-consumer-shift.txt, each as closely; the first is taken.',
      '1. line 50: …Their focus on a "«1 billion daily active user destination…»" reflects this…',
      '2. line 55: …statement that a "«1 billion daily active user destination…»" is more valuable…',
      'Pin the one you mean (quick fix): it is recorded in .claimlens/anchors.json.',
    ].join('\n')],
  ]);
  assert.deepEqual(noteDiagnostics[0]!.relatedInformation?.map((r) => [r.location.uri.endsWith('/notes/deepseek-notes.md'), r.location.range.start.line, r.message]),
    [[true, 28, '[[deepseek-notes#^low-cost-training]]: Supported']]);
});

test('the quick fix replaces a fuzzy quote with the source\'s text; the warning goes away', async () => {
  const uri = await client.open(BROKEN, BROKEN_TEXT);
  const ds = await client.diagnosticsFor(uri);
  const fuzzy = ds.filter((d) => d.code === 'quote-fuzzy');
  const actions = await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: fuzzy[0]!.range, context: { diagnostics: fuzzy },
  }) as CodeAction[];
  assert.equal(actions[0]!.title, 'Replace with the source\'s text: "the commoditization of advanced language models"');
  assert.equal((actions[0]!.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
  const fixed = applyEdit(actions[0]!.edit!, BROKEN, BROKEN_TEXT);
  assert.equal(fixed.split('\n')[9], '  - quote:: "the commoditization of advanced language models"');
  const version = await client.change(uri, fixed);
  assert.deepEqual((await client.diagnosticsFor(uri, version)).map((d) => d.code), ['source-changed', 'quote-not-found']);
  await client.change(uri, BROKEN_TEXT);
});

test('code lens above each claim: status · references · quote result', async () => {
  const titles = async (rel: string) => ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: client.uri(rel) } })) as CodeLens[])
    .map((l) => `${l.range.start.line}: ${l.command!.title}`);
  const sample = await titles(NOTE);
  assert.deepEqual(sample.slice(0, 3), [
    '20: ✅ Supported · 2 references · 1 quote exact',
    '27: ✅ Supported · 0 references · 2 quotes exact',
    '38: ✅ Supported · 3 references · 2 quotes exact',
  ]);
  assert.equal(sample.find((t) => t.startsWith('64:')), '64: 👍 Plausible · 2 references · 1 quote exact');
  await client.open(BROKEN, BROKEN_TEXT);
  assert.deepEqual(await titles(BROKEN), ["8: ❔ Unverified · 0 references · 1 quote fuzzy ('langauge' → 'language')", '10: ❔ Unverified · 0 references · 1 quote not found']);
  assert.deepEqual(await titles(MISSING), ['4: ❔ Unverified · 0 references · 1 quote not checked']);
});

test('hover on a claim shows each quote\'s result and source line; on source: the quotes not found', async () => {
  const card = value(await request<Hover>('textDocument/hover', BROKEN, positionOf(BROKEN_TEXT, '^typo', 2)));
  assert.deepEqual(card.split('\n').slice(4, 9), [
    '> “the commoditization of advanced langauge models”',
    '',
    `Fuzzy (2 edits) · [openai-consumer-shift.txt:16](${client.uri(ARTICLE)}#L16,49)`,
    '',
    '…ry drivers behind this shift is **the commoditization of advanced language models**. Altman draws a parallel to the…',
  ]);
  const source = value(await request<Hover>('textDocument/hover', BROKEN, positionOf(BROKEN_TEXT, 'title: Broken', 8)));
  assert.equal(source, [
    '**Broken quotes**', '', '2 claims, 2 quotes', '', 'Quotes not found: 1 of 2 · 1 only approximately', '',
    '⚠️ The file has changed since source.sha256 was recorded.',
  ].join('\n'));
});

test('Go to Source: the passage in the saved file, else the article\'s URL with a text fragment', async () => {
  const text = read(NOTE);
  const file = await sourceLocation(NOTE, positionOf(text, '^agi-lab', 2));
  assert.deepEqual(file, { kind: 'file', uri: client.uri(ARTICLE), range: { start: { line: 17, character: 147 }, end: { line: 17, character: 220 } } });
  const url = await sourceLocation(URL_ONLY, { line: 4, character: 4 });
  assert.deepEqual(url, { kind: 'url', url: 'https://example.com/post#:~:text=a%20destination%20site%20with,the%20interview%20says' });
  assert.equal(await sourceLocation(NOTE, { line: 0, character: 0 }), null);
});

test('the source view: the article\'s quoted passages, and hovering one shows its claim card', async () => {
  const { isSource, highlights } = await client.connection.sendRequest(SourceHighlightsRequest, { textDocument: { uri: client.uri(ARTICLE) } });
  assert.equal(isSource, true);
  assert.equal(highlights.length, 26);
  assert.deepEqual(highlights.slice(0, 3).map((h) => [h.range.start.line, h.range.start.character, h.range.end.character, h.method, h.claimId, path.basename(h.note)]), [
    [1, 0, 120, 'exact', 'consumer-pivot', 'openai-consumer-shift.md'],
    [2, 0, 10, 'exact', 'self-dated', 'openai-consumer-shift.md'],
    [15, 48, 95, 'fuzzy', 'typo', 'broken.md'],
  ]);
  const h = await request<Hover>('textDocument/hover', ARTICLE, { line: 2, character: 4 });
  assert.deepEqual(h.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } });
  assert.equal(value(h).split('\n')[0], '**✅ Supported** · The page is dated 28 March 2025, written in Chinese date format.');
});

test('an edit of the open source anchors its quotes again in the editor\'s text', async () => {
  const uri = await client.open(BROKEN, BROKEN_TEXT);
  await client.diagnosticsUntil(uri, (d) => d.some((x) => x.code === 'quote-fuzzy'), 'the note as written');
  const article = read(ARTICLE);
  await client.open(ARTICLE, article.replace('the commoditization of advanced language models', 'the spread of language models'));
  const ds = await client.diagnosticsUntil(uri, (d) => !d.some((x) => x.code === 'quote-fuzzy'), 'the fuzzy quote to be not found');
  assert.deepEqual(ds.map((d) => [d.range.start.line, d.code]), [[3, 'source-changed'], [9, 'quote-not-found'], [11, 'quote-not-found']]);
  await client.change(client.uri(ARTICLE), article);
  await client.diagnosticsUntil(uri, (d) => d.some((x) => x.code === 'quote-fuzzy'), 'the fuzzy quote to be back');
});

test('Tag Selection as Claim: the passage becomes a new claim at the end of the article\'s note', async () => {
  const line = read(ARTICLE).split('\n')[26]!;
  const sentence = 'This suggests a desire to maintain a positive user experience and avoid the potential pitfalls of intrusive advertising.';
  const start = line.indexOf(sentence);
  const result = await client.connection.sendRequest(TagSelectionRequest, {
    textDocument: { uri: client.uri(ARTICLE) }, range: { start: { line: 26, character: start }, end: { line: 26, character: start + sentence.length } },
  });
  assert.ok(!('error' in result));
  assert.equal(result.uri, client.uri(NOTE));
  const note = read(NOTE);
  const after = applyEdit(result.edit, NOTE, note);
  // A sentence is short enough to stay whole as the claim's text.
  assert.equal(after, `${note}\n- #claim ${sentence} ^this-suggests-a-desire-to\n` +
    `  - quote:: "${sentence}"\n  - status:: unverified\n`);
  assert.deepEqual(result.selection, { start: { line: 171, character: 9 }, end: { line: 171, character: 9 + sentence.length } });
});
