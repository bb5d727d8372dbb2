// Anchoring a note's quotes in its sources, in an in-memory workspace: which
// file each quote is checked against, what is read and when it is read again,
// and the diagnostics, card lines, code lens titles, definitions and source
// view that come out of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote } from '../../server/src/core/anchoring/anchor';
import { prepareSource } from '../../server/src/core/anchoring/sourceText';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { anchoringProblems, correctedQuote, quoteDetail, quoteSummary, sourceDetail } from '../../server/src/core/features/anchorViews';
import { codeActions } from '../../server/src/core/features/codeActions';
import { codeLenses } from '../../server/src/core/features/codeLens';
import { definition } from '../../server/src/core/features/definition';
import { diagnose } from '../../server/src/core/features/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { quoteDefinition, sourceHighlights, sourceHover, sourceTarget, textFragmentUrl } from '../../server/src/core/features/sourceNavigation';
import { type Hover } from '../../server/src/core/features/types';
import { applyTo, caret, indexOf, uri } from './helpers';

const ARTICLE = [
  'OpenAI shifts focus',
  'OpenAI is shifting focus from model development to building a consumer company.',
  'Altman draws a parallel to the transistor: most models will become commoditized.',
  'Ads are not the plan. Ads are not the plan.',
  '',
].join('\n');

const NOTE = `---
source:
  title: Shift
  url: https://example.com/shift
  path: ../articles/a.txt
---
# Shift
- #claim OpenAI turns to consumers. ^pivot
  - quote:: "OpenAI is shifting focus from model development"
  - quote:: “Altman draws a parallel … will become commoditized”
- #claim Models commoditise. ^commodity
  - quote:: "MOST  models will become commoditised"
- #claim No ads. ^ads
  - quote:: "Ads are not the plan."
  - quote:: "Ads are the whole plan for next year"
- #claim Not quoted. ^bare
`;

const text = (h: Hover | undefined) => h?.markdown ?? '';

async function setup(files: Record<string, string> = {}, options: ConstructorParameters<typeof Anchoring>[1] = {}) {
  const { index, ws } = await indexOf({ 'articles/a.txt': ARTICLE, 'notes/n.md': NOTE, ...files });
  const reads: string[] = [];
  const read = ws.readFile.bind(ws);
  ws.readFile = async (u: string) => { reads.push(u.slice('file:///ws/'.length)); return read(u); };
  const anchoring = new Anchoring(index, options);
  const note = index.notes.get(uri('notes/n.md'))!;
  return { index, ws, anchoring, note, reads };
}

test('each quote is anchored in the note\'s source: exact, elided, normalized, fuzzy, twice, not found', async () => {
  const { anchoring, note } = await setup();
  const a = await anchoring.anchorNote(note);
  assert.deepEqual(a.quotes.map((q) => [q.claim.id, q.index, q.method, q.result?.start, q.result?.end, q.result?.occurrences]), [
    ['pivot', 0, 'exact', 20, 67, 1],
    ['pivot', 1, 'exact', 100, 179, 1],
    ['commodity', 0, 'fuzzy', 143, 179, 1],
    ['ads', 0, 'exact', 181, 202, 2],
    ['ads', 1, 'not-found', 0, 0, 0],
  ]);
  assert.equal(ARTICLE.slice(20, 67), 'OpenAI is shifting focus from model development');
  assert.equal(ARTICLE.slice(143, 179), 'most models will become commoditized');
  assert.deepEqual(a.quotes[1]!.result!.parts!.map((p) => ARTICLE.slice(p.start, p.end)), ['Altman draws a parallel', 'will become commoditized']);
  assert.deepEqual(a.quotes[0]!.result!.fileStartPos, { line: 1, character: 0 });
});

test('a note is anchored again only when it or its source changes; the source is read once per version', async () => {
  const { index, ws, anchoring, note, reads } = await setup();
  const first = await anchoring.anchorNote(note);
  assert.equal(await anchoring.anchorNote(note), first);
  assert.deepEqual(reads, ['articles/a.txt']);
  ws.set(uri('articles/a.txt'), ARTICLE.replace('Ads are not the plan. ', ''));
  const second = await anchoring.anchorNote(note);
  assert.notEqual(second, first);
  assert.deepEqual(second.quotes.map((q) => q.result?.occurrences), [1, 1, 1, 1, 0]);
  assert.deepEqual(reads, ['articles/a.txt', 'articles/a.txt']);
  // An edit of the note re-parses it; the quotes it kept come from the cache, not from the file.
  index.update(uri('notes/n.md'), NOTE.replace('- #claim Not quoted. ^bare\n', ''));
  const edited = await anchoring.anchorNote(index.notes.get(uri('notes/n.md'))!);
  assert.equal(edited.quotes.length, 5);
  assert.deepEqual(reads, ['articles/a.txt', 'articles/a.txt']);
});

test('a cold source costs one stat and one read: the read trusts the stat just taken', async () => {
  const { ws, anchoring, note, reads } = await setup();
  const stats: string[] = [];
  const stat = ws.stat.bind(ws);
  ws.stat = async (u: string) => { stats.push(u.slice('file:///ws/'.length)); return stat(u); };
  await anchoring.anchorNote(note);
  assert.deepEqual(stats, ['articles/a.txt']);
  assert.deepEqual(reads, ['articles/a.txt']);
});

test('an open document wins over the saved file, by its version', async () => {
  const open = { version: 3, getText: () => 'Nothing here but ads are not the plan.' };
  const { anchoring, note, reads } = await setup({}, { openDocument: (u) => (u === uri('articles/a.txt') ? open : undefined) });
  const a = await anchoring.anchorNote(note);
  assert.deepEqual(a.quotes.map((q) => q.method), ['not-found', 'not-found', 'not-found', 'normalized', 'not-found']);
  assert.deepEqual(a.sources.map((s) => s.state), [{ status: 'ok', uri: uri('articles/a.txt'), kind: 'text', version: 'open:3' }]);
  assert.deepEqual(reads, []);
});

test('sources: list, picked with source:: <id>; an unknown id and a missing, unreadable or outside file', async () => {
  const note = `---
sources:
  - id: one
    path: ../articles/a.txt
  - id: two
    path: ../articles/gone.txt
  - id: three
    path: ../articles/bad.txt
  - id: far
    path: ../../elsewhere/x.txt
---
- #claim A ^a
  - quote:: "Ads are not the plan."
- #claim B ^b
  - source:: two
  - quote:: "anything"
- #claim C ^c
  - source:: three
  - quote:: "anything"
- #claim D ^d
  - source:: far
  - quote:: "anything"
- #claim E ^e
  - source:: nine
  - quote:: "anything"
`;
  const { index, anchoring, reads } = await setup({ 'notes/m.md': note });
  (index.workspace as unknown as { set(u: string, b: Uint8Array): void }).set(uri('articles/bad.txt'), new Uint8Array([0x61, 0xff, 0x62]));
  const a = await anchoring.anchorNote(index.notes.get(uri('notes/m.md'))!);
  assert.deepEqual(a.quotes.map((q) => [q.claim.id, q.method, q.source?.id]), [
    ['a', 'exact', 'one'], ['b', 'no-source', 'two'], ['c', 'no-source', 'three'], ['d', 'no-source', 'far'], ['e', 'no-source', undefined],
  ]);
  assert.deepEqual(a.sources.map((s) => [s.ref.id, s.state?.status]), [['one', 'ok'], ['two', 'missing'], ['three', 'unreadable'], ['far', 'outside']]);
  assert.deepEqual(reads, ['articles/a.txt', 'articles/bad.txt']);
  assert.deepEqual(anchoringProblems(a).map((p) => `${p.range.start.line}:${p.range.start.character} ${p.severity} ${p.code}: ${p.message}`), [
    '7:10 error source-unreadable: Source file cannot be read: ../articles/bad.txt (not valid UTF-8 text).',
    '23:13 warning unknown-source: No source "nine" in the front matter: use one of one, two, three, far.',
    '12:12 hint quote-ambiguous: This quote occurs 2 times in ../articles/a.txt, each as closely; the first is taken.\n'
      + '1. line 4: …commoditized. «Ads are not the plan.» Ads are not the…\n'
      + '2. line 4: …are not the plan. «Ads are not the plan.»',
  ]);
});

test('diagnostics: not found (with the failing part of an elision), fuzzy with the source text, occurs twice, source changed', async () => {
  const elided = NOTE.replace('“Altman draws a parallel … will become commoditized”', '“Altman draws a parallel … the transistor was invented in 1947”');
  const { index, anchoring } = await setup({ 'notes/n.md': elided }, { hash: (b) => `len-${b.length}` });
  const ds = await diagnose(index, uri('notes/n.md'), { quoteProblems: async (n) => anchoringProblems(await anchoring.anchorNote(n)) });
  assert.deepEqual(ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}: ${d.message}`), [
    '9:12 error quote-not-found: Quote not found in ../articles/a.txt: no match for the part “the transistor was invented in 1947” after the part before it.',
    "11:12 warning quote-fuzzy: Quote differs from the source (1 edit): 'commoditised' → 'commoditized'",
    // With a hash, the record can hold a pin: the places are offered.
    '13:12 hint quote-ambiguous: This quote occurs 2 times in ../articles/a.txt, each as closely; the first is taken.\n'
      + '1. line 4: …commoditized. «Ads are not the plan.» Ads are not the…\n'
      + '2. line 4: …are not the plan. «Ads are not the plan.»\n'
      + 'Pin the one you mean (quick fix): it is recorded in .claimlens/anchors.json.',
    '14:12 error quote-not-found: Quote not found in ../articles/a.txt.',
  ]);
  const pinned = NOTE.replace('  path: ../articles/a.txt\n', `  path: ../articles/a.txt\n  sha256: len-${ARTICLE.length}\n`);
  const same = await setup({ 'notes/n.md': pinned }, { hash: (b) => `len-${b.length}` });
  assert.deepEqual(anchoringProblems(await same.anchoring.anchorNote(same.note)).filter((p) => p.code === 'source-changed'), []);
  const changed = await setup({ 'notes/n.md': pinned.replace(`len-${ARTICLE.length}`, 'len-1') }, { hash: (b) => `len-${b.length}` });
  const problems = anchoringProblems(await changed.anchoring.anchorNote(changed.note));
  assert.deepEqual(problems.filter((p) => p.code === 'source-changed').map((p) => [p.range.start, p.message]), [
    [{ line: 4, character: 8 }, `Source changed since source.sha256 was recorded: ../articles/a.txt now has sha256 len-${ARTICLE.length}.`],
  ]);
});

test('the fuzzy quick fix writes the source\'s text in the same quotation marks, on the version it was computed on', async () => {
  const { index, anchoring } = await setup();
  const u = uri('notes/n.md');
  const ds = await diagnose(index, u, { quoteProblems: async (n) => anchoringProblems(await anchoring.anchorNote(n)) });
  const fuzzy = ds.filter((d) => d.code === 'quote-fuzzy');
  const actions = codeActions(index, u, fuzzy[0]!.range, { problems: fuzzy, versionOf: (x) => (x === u ? 4 : null), lineText: (l) => NOTE.split('\n')[l]! });
  assert.equal(actions[0]!.title, 'Replace with the source\'s text: "most models will become commoditized"');
  assert.equal(actions[0]!.fixes, fuzzy[0]);
  assert.equal(actions[0]!.edit!.files[0]!.version, 4);
  assert.equal(applyTo(NOTE, actions[0]!.edit, u).split('\n')[11], '  - quote:: "most models will become commoditized"');
  // Once the field has changed, the old diagnostic offers nothing.
  index.update(u, NOTE.replace('MOST  models', 'MOST models'));
  assert.deepEqual(codeActions(index, u, fuzzy[0]!.range, { problems: fuzzy, versionOf: () => 5, lineText: () => '' })
    .filter((a) => a.title.startsWith('Replace')), []);
});

test('the corrected quote keeps elisions and the parts that matched, and puts line breaks on one line', () => {
  const elided = anchorQuote(prepareSource('Altman draws\na parallel to the transistor, he said.', 'text'), 'Altman draws a paralel ... the transistor');
  assert.deepEqual(elided.parts!.map((p) => p.method), ['fuzzy', 'exact']);
  assert.equal(correctedQuote('“Altman draws a paralel ... the transistor”', elided), '“Altman draws a parallel ... the transistor”');
  const crlf = anchorQuote(prepareSource('so most\r\n  models will', 'text'), 'most modeIs will');
  assert.equal(crlf.method, 'fuzzy');
  assert.equal(correctedQuote('most modeIs will', crlf), '"most models will"');
});

test('hover: each quote\'s result, its line in the source and the text around it; the source: summary counts the misses', async () => {
  const { index, anchoring, note } = await setup();
  await anchoring.anchorNote(note);
  const peek = (n: typeof note) => anchoring.peek(n);
  const c = caret(NOTE.replace('Models commoditise. ^commodity', 'Models commoditise. ^com|modity'));
  const card = text(hover(index, uri('notes/n.md'), c.pos, quoteDetail(peek), sourceDetail(peek)));
  assert.equal(card, [
    '**❔ Unverified** · Models commoditise.',
    '',
    '`notes/n#^commodity`',
    '',
    '> “MOST  models will become commoditised”',
    '',
    `Fuzzy (1 edit) · [a.txt:3](${uri('articles/a.txt')}#L3,44)`,
    '',
    '…s a parallel to the transistor: **most models will become commoditized**. Ads are not the plan. Ads are …',
    '',
    'Quote against source: most models will become ~~commoditised~~ **commoditized**',
    '',
    'Not referenced elsewhere.',
  ].join('\n'));
  const s = caret(NOTE.replace('  title: Shift', '  title: Sh|ift'));
  assert.equal(text(hover(index, uri('notes/n.md'), s.pos, quoteDetail(peek), sourceDetail(peek))), [
    '**Shift**', '', '[https://example.com/shift](https://example.com/shift)', '', '4 claims, 5 quotes', '',
    'Quotes not found: 1 of 5 · 1 only approximately',
  ].join('\n'));
});

test('code lens: status · references · quote result', async () => {
  const { index, anchoring, note } = await setup();
  await anchoring.anchorNote(note);
  assert.deepEqual(codeLenses(index, note, quoteSummary((n) => anchoring.peek(n))).map((l) => l.title), [
    '❔ Unverified · 0 references · 2 quotes exact',
    "❔ Unverified · 0 references · 1 quote fuzzy ('commoditised' → 'commoditized')",
    '❔ Unverified · 0 references · 1 quote exact, 1 not found',
    '❔ Unverified · 0 references',
  ]);
});

test('definition on a quote: the passage in the source; not found: the top of the file', async () => {
  const { index, anchoring, note } = await setup();
  await anchoring.anchorNote(note);
  const at = (line: number) => definition(index, uri('notes/n.md'), { line, character: 6 }, (n, f) => quoteDefinition(anchoring.peek(n), f));
  assert.deepEqual(at(8), [{ uri: uri('articles/a.txt'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 47 } } }]);
  assert.deepEqual(at(9), [{ uri: uri('articles/a.txt'), range: { start: { line: 2, character: 0 }, end: { line: 2, character: 79 } } }]);
  assert.deepEqual(at(14), [{ uri: uri('articles/a.txt'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
});

test('go to source: the passage, or only the URL with a text fragment when there is no saved copy', async () => {
  const { index, anchoring, note } = await setup({ 'notes/u.md': '---\nsource:\n  url: https://example.com/a#top\n---\n- #claim U ^u\n  - quote:: "the leading-edge models, as a rule, will become commoditized"\n' });
  const a = await anchoring.anchorNote(note);
  assert.deepEqual(sourceTarget(a, note.claims[2]!), { kind: 'file', uri: uri('articles/a.txt'), range: { start: { line: 3, character: 0 }, end: { line: 3, character: 21 } } });
  const u = index.notes.get(uri('notes/u.md'))!;
  assert.deepEqual(sourceTarget(await anchoring.anchorNote(u), u.claims[0]!),
    { kind: 'url', url: 'https://example.com/a#top:~:text=the%20leading-edge%20models,will%20become%20commoditized' });
  assert.equal(textFragmentUrl('https://example.com/a', 'Ads & more'), 'https://example.com/a#:~:text=Ads,more');
  assert.equal(textFragmentUrl('https://e.com/', '“Stay tuned,” he said'), 'https://e.com/#:~:text=%E2%80%9CStay%20tuned,%E2%80%9D%20he%20said');
  assert.equal(textFragmentUrl('https://e.com/', 'one two ... three four five six'), 'https://e.com/#:~:text=one%20two,three%20four%20five%20six');
});

test('the source view: every passage highlighted, elisions part by part; hover shows the claim card', async () => {
  const { index, anchoring } = await setup();
  assert.deepEqual(anchoring.notesUsing(uri('articles/a.txt')).map((n) => n.name), ['notes/n']);
  const quotes = await anchoring.anchoredIn(uri('articles/a.txt'));
  assert.deepEqual(sourceHighlights(quotes).map((h) => [h.range.start.line, h.range.start.character, h.range.end.character, h.method, h.claimId]), [
    [1, 0, 47, 'exact', 'pivot'], [2, 0, 23, 'exact', 'pivot'], [2, 43, 79, 'fuzzy', 'commodity'],
    [2, 55, 79, 'exact', 'pivot'], [3, 0, 21, 'exact', 'ads'],
  ]);
  const h = sourceHover(index, quotes, { line: 2, character: 60 });
  assert.deepEqual(h!.range, { start: { line: 2, character: 55 }, end: { line: 2, character: 79 } });
  assert.deepEqual(text(h).split('\n\n---\n\n').map((card) => card.split('\n')[0]), [
    '**❔ Unverified** · OpenAI turns to consumers.', '**❔ Unverified** · Models commoditise.',
  ]);
  assert.equal(sourceHover(index, quotes, { line: 0, character: 3 }), undefined);
});

test('an HTML source is anchored in its visible text; the passage maps back to the .html file', async () => {
  const html = '<html><head><title>T</title></head><body>\n<p>Ads are <b>not</b> the&nbsp;plan.</p>\n</body></html>\n';
  const { index, anchoring } = await setup({
    'articles/p.html': html,
    'notes/h.md': '---\nsource:\n  path: ../articles/p.html\n---\n- #claim H ^h\n  - quote:: "Ads are not the plan."\n',
  });
  const note = index.notes.get(uri('notes/h.md'))!;
  const a = await anchoring.anchorNote(note);
  assert.equal(a.quotes[0]!.method, 'normalized');
  const loc = quoteDefinition(a, note.claims[0]!.fields[0]!)!;
  assert.deepEqual(loc.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 36 } });
  assert.equal(html.split('\n')[1]!.slice(3, 36), 'Ads are <b>not</b> the&nbsp;plan.');
});
