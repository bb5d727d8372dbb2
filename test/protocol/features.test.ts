// Protocol tests: the built server, started as its own process over stdio,
// driven by a real LSP client on a copy of the samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type CodeAction, type CompletionList, type DocumentSymbol, type Hover, type Location, type TextDocumentEdit,
  type TextEdit, type WorkspaceEdit, type WorkspaceSymbol, type CodeLens,
} from 'vscode-languageserver-protocol';
import { positionOf, samplesServer } from './lspClient';

const session = samplesServer();
const NOTE = 'notes/openai-consumer-shift.md';
const OTHER = 'notes/deepseek-notes.md';
const read = (rel: string) => fs.readFileSync(path.join(session.root, rel), 'utf8');
const short = (l: Location) => `${path.relative(session.root, new URL(l.uri).pathname)}:${l.range.start.line}:${l.range.start.character}`;


function request<T>(method: string, rel: string, position: { line: number; character: number }, extra: object = {}): Promise<T> {
  return session.client.connection.sendRequest(method, { textDocument: { uri: session.client.uri(rel) }, position, ...extra }) as Promise<T>;
}

function applyEdit(edit: WorkspaceEdit, rel: string, text: string): string {
  const edits = (edit.documentChanges as TextDocumentEdit[]).filter((d) => d.textDocument.uri === session.client.uri(rel)).flatMap((d) => d.edits as TextEdit[]);
  return TextDocument.applyEdits(TextDocument.create(session.client.uri(rel), 'markdown', 1, text), edits);
}

test('the server reports the indexed samples', () => {
  const ready = session.client.statuses.find((s) => s.state === 'ready')!;
  assert.deepEqual({ ...ready, ms: undefined }, { state: 'ready', notes: 4, claims: 21, links: 41, entities: 12, skipped: 0, ms: undefined });
});

test('hover on an entity mention shows its card', async () => {
  await session.client.open(NOTE);
  const h = await request<Hover>('textDocument/hover', NOTE, positionOf(read(NOTE), '[[Sam Altman]]', 3));
  assert.deepEqual(h.range, { start: { line: 12, character: 41 }, end: { line: 12, character: 55 } });
  assert.equal((h.contents as { value: string }).value, [
    '**Sam Altman** · person',
    '',
    'American entrepreneur who has been chief executive of OpenAI since 2019.',
    '',
    'Also: Altman',
    '',
    '[url](https://en.wikipedia.org/wiki/Sam_Altman)',
    '',
    '**10** claims in **1** note',
    '',
    '❔ Unverified 1 · ✅ Supported 4 · 👍 Plausible 4 · 💬 Disputed 1',
    '',
    '- ✅ Supported: A destination site with a billion daily users is worth more than the best model. — `notes/openai-consumer-shift`',
    "- ✅ Supported: OpenAI did not set out to be a consumer company; ChatGPT's success pushed it there. — `notes/openai-consumer-shift`",
    '- ❔ Unverified: The consumer turn is not what many OpenAI employees signed up for. — `notes/openai-consumer-shift`',
  ].join('\n'));
});

test('hover on a claim id shows the claim card with speaker, quote and references', async () => {
  const h = await request<Hover>('textDocument/hover', NOTE, positionOf(read(NOTE), '^transistor', 2));
  assert.equal((h.contents as { value: string }).value, [
    '**👍 Plausible** · Frontier models will commoditise the way transistors did.',
    '',
    'by Sam Altman · kind: prediction · confidence: 0.7 · `notes/openai-consumer-shift#^transistor`',
    '',
    '> “Altman draws a parallel to the transistor ... most models, except for the very leading edge, will become commoditized”',
    '',
    `Exact · [openai-consumer-shift.txt:16](${session.client.uri('articles/openai-consumer-shift.txt')}#L16,98)`,
    '',
    '…on of advanced language models. **Altman draws a parallel to the transistor** … **most models, except for the very leading edge, will become commoditized** and easily accessible to a wide…',
    '',
    'supports ^consumer-pivot',
    '',
    'Referenced 2 times from `notes/deepseek-notes`, `notes/openai-consumer-shift`',
  ].join('\n'));
});

test('definition: an alias mention goes to the registry entry, a claim reference to the claim, source.path to the file', async () => {
  const text = read(NOTE);
  assert.deepEqual((await request<Location[]>('textDocument/definition', NOTE, positionOf(text, '[[DeepSEE]]', 3))).map(short), ['entities.yaml:13:8']);
  const other = read(OTHER);
  await session.client.open(OTHER);
  const toClaim = await request<Location[]>('textDocument/definition', OTHER, positionOf(other, '^transistor]]', 3));
  assert.deepEqual(toClaim.map((l) => [short(l), l.range.end.line]), [['notes/openai-consumer-shift.md:64:2', 70]]);
  assert.deepEqual((await request<Location[]>('textDocument/definition', NOTE, positionOf(text, '../articles', 4))).map(short), ['articles/openai-consumer-shift.txt:0:0']);
});

test('references: every mention of an entity, and every reference to a claim', async () => {
  const refs = await request<Location[]>('textDocument/references', NOTE, positionOf(read(NOTE), '[[Sam Altman]]', 3), { context: { includeDeclaration: true } });
  assert.deepEqual(refs.map(short), [
    'entities.yaml:6:8', 'entities/openai.md:12:23',
    ...[[12, 41], [28, 9], [36, 77], [39, 9], [55, 9], [65, 9], [73, 9], [115, 9], [116, 9], [123, 9], [130, 9], [147, 9], [156, 9]]
      .map(([l, c]) => `${NOTE}:${l}:${c}`),
  ]);
  const claimRefs = await request<Location[]>('textDocument/references', NOTE, positionOf(read(NOTE), '^transistor', 2), { context: { includeDeclaration: false } });
  assert.deepEqual(claimRefs.map(short), [`${OTHER}:24:15`, `${NOTE}:77:14`]);
});

test('document symbols: the claims nested under their headings', async () => {
  const syms = await session.client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: session.client.uri(NOTE) } }) as DocumentSymbol[];
  const top = syms[0];
  assert.equal(top.name, "OpenAI's consumer pivot");
  assert.deepEqual(top.children!.map((s) => [s.name, s.children!.length]), [
    ['The strategy shift', 5], ['Models become commodities', 3], ['DeepSeek', 3], ['Money', 4], ['What comes next', 2], ['About the source', 1],
  ]);
  assert.deepEqual(top.children![1].children!.map((c) => c.detail), ['👍 Plausible ^transistor', '👍 Plausible ^llm-standard-feature', '👍 Plausible ^fast-releases']);
});

test('workspace symbols: entities by alias and claims by text', async () => {
  const syms = await session.client.connection.sendRequest('workspace/symbol', { query: 'hangzhou' }) as WorkspaceSymbol[];
  assert.deepEqual(syms.map((s) => [s.name, s.containerName]), [
    ['Hangzhou', 'place'],
    ['DeepSeek is an independent AI lab based in Hangzhou, not part of Anthropic.', 'notes/deepseek-notes#^independent-lab'],
  ]);
});

test('completion after status:: offers the statuses, after [[ the entities', async () => {
  const scratch = 'notes/scratch.md';
  await session.client.open(scratch, '- #claim Something ^s\n  - status:: \n- #claim [[Deeps\n');
  const statuses = await request<CompletionList>('textDocument/completion', scratch, { line: 1, character: 14 });
  assert.deepEqual(statuses.items.map((i) => i.label), ['unverified', 'supported', 'plausible', 'disputed', 'misleading', 'refuted']);
  const entities = await request<CompletionList>('textDocument/completion', scratch, { line: 2, character: 16 });
  assert.deepEqual(entities.items.map((i) => [i.label, (i.textEdit as TextEdit).newText]), [['DeepSeek', 'DeepSeek]]'], ['deepseek-notes', 'deepseek-notes]]']]);
});

test('code lens above each claim: status, references and quote result', async () => {
  const lenses = await session.client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: session.client.uri(NOTE) } }) as CodeLens[];
  assert.equal(lenses.length, 18);
  const transistor = lenses.find((l) => l.range.start.line === 64)!;
  assert.equal(transistor.command!.title, '👍 Plausible · 2 references · 1 quote exact');
});

test('diagnostics of an edited note; a quick fix applied clears its diagnostic', async () => {
  const rel = 'notes/draft.md';
  const text = '- #claim [[Nobody Known]] said prices fall\n  - status:: maybe\n- #claim Dup ^d\n- #claim Dup again ^d\n';
  const uri = await session.client.open(rel, text);
  const ds = await session.client.diagnosticsFor(uri);
  assert.deepEqual(ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`), [
    '0:2 missing-id', '1:13 unknown-status', '2:14 duplicate-id', '3:20 duplicate-id', '0:11 unknown-entity',
  ]);
  const actions = await session.client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } },
    context: { diagnostics: ds.filter((d) => d.range.start.line === 0) },
  }) as CodeAction[];
  assert.deepEqual(actions.map((a) => a.title).slice(0, 3), ['Add "Nobody Known" to entities.yaml', 'Add claim id ^nobody-known-said-prices-fall', 'Set status: ❔ Unverified']);
  // VS Code asks for quick fixes only on a diagnostic, and drops (with a warning) any action of another kind.
  const quickfixes = await session.client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } },
    context: { diagnostics: ds.filter((d) => d.range.start.line === 0), only: ['quickfix'] },
  }) as CodeAction[];
  assert.deepEqual(quickfixes.map((a) => [a.kind, a.title]), [
    ['quickfix', 'Add "Nobody Known" to entities.yaml'], ['quickfix', 'Add claim id ^nobody-known-said-prices-fall'],
  ]);
  assert.ok(actions.some((a) => a.kind === 'refactor.rewrite.status'), 'asked for every kind, the status actions are offered');
  const fixed = applyEdit(actions[1].edit!, rel, text);
  assert.equal(fixed.split('\n')[0], '- #claim [[Nobody Known]] said prices fall ^nobody-known-said-prices-fall');
  const version = await session.client.change(uri, fixed);
  const after = await session.client.diagnosticsFor(uri, version);
  assert.ok(!after.some((d) => d.code === 'missing-id'));
  assert.equal(after.length, 4);
});

test('rename a claim id: one workspace edit over both notes, with document versions', async () => {
  const edit = await request<WorkspaceEdit>('textDocument/rename', NOTE, positionOf(read(NOTE), '^transistor', 2), { newName: 'commodity-models' });
  const changes = edit.documentChanges as TextDocumentEdit[];
  assert.deepEqual(changes.map((c) => [path.basename(c.textDocument.uri), c.textDocument.version, c.edits.length]), [
    ['openai-consumer-shift.md', 1, 2], ['deepseek-notes.md', 1, 1],
  ]);
  assert.match(applyEdit(edit, OTHER, read(OTHER)), /supports:: \[\[openai-consumer-shift#\^commodity-models\]\]/);
  const renamed = applyEdit(edit, NOTE, read(NOTE));
  assert.match(renamed, /transistors did\. \^commodity-models\n/);
  assert.match(renamed, /refines:: \^commodity-models\n/);
});

test('rename to a name that is taken is refused with a message', async () => {
  await assert.rejects(
    request('textDocument/rename', NOTE, positionOf(read(NOTE), '^transistor', 2), { newName: 'agi-lab' }),
    /already has a claim \^agi-lab/,
  );
});
