// Anchoring in plain text: each step of SPEC §4, elisions, repeated quotes,
// line breaks, the BOM rule and UTF-16 offsets. Offsets below are counted by
// hand from the source strings (index comments mark the landmarks).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote, quoteParts, type AnchorResult } from '../../server/src/core/anchoring/anchor';
import { prepareSource } from '../../server/src/core/anchoring/sourceText';

function anchorIn(text: string, quote: string): AnchorResult {
  return anchorQuote(prepareSource(text, 'text'), quote);
}

const FOX = 'The quick brown fox jumps over the lazy dog.';

test('exact: offsets, positions, prefix and suffix', () => {
  const r = anchorIn(FOX, 'brown fox');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 10);
  assert.equal(r.end, 19);
  assert.deepEqual(r.startPos, { line: 0, character: 10 });
  assert.deepEqual(r.endPos, { line: 0, character: 19 });
  assert.equal(r.exact, 'brown fox');
  assert.equal(r.prefix, 'The quick ');
  assert.equal(r.suffix, ' jumps over the lazy dog.');
  assert.equal(r.occurrences, 1);
  assert.equal(r.errors, undefined);
  assert.equal(r.parts, undefined);
  assert.equal(r.fileStart, 10);
  assert.equal(r.fileEnd, 19);
});

test('exact: prefix and suffix stop at 32 units', () => {
  const text = 'a'.repeat(40) + 'QUOTE' + 'b'.repeat(40);
  const r = anchorIn(text, 'QUOTE');
  assert.equal(r.start, 40);
  assert.equal(r.prefix, 'a'.repeat(32));
  assert.equal(r.suffix, 'b'.repeat(32));
});

test('normalized: curly vs straight quotes and em-dash vs hyphen', () => {
  // H0 … “8 i9 t10 ’11 s12 …  ”18 ␠19 —20 ␠21 a22 n23 d24 ␠25 l26 e27 f28 t29 .30
  const text = 'He said “it’s over” — and left.';
  const r = anchorIn(text, '"it\'s over" - and left');
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, 8);
  assert.equal(r.end, 30);
  assert.equal(r.exact, '“it’s over” — and left');
  assert.equal(r.prefix, 'He said ');
  assert.equal(r.suffix, '.');
  assert.equal(r.occurrences, 1);
});

test('normalized: the other way round, straight in the source and curly in the quote', () => {
  const text = 'A well-known "fact" remains.';
  const r = anchorIn(text, 'well–known “fact”');
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, 2);
  assert.equal(r.end, 19);
  assert.equal(r.exact, 'well-known "fact"');
});

test('normalized: case', () => {
  const r = anchorIn(FOX, 'THE QUICK brown');
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, 0);
  assert.equal(r.end, 15);
  assert.equal(r.exact, 'The quick brown');
});

test('normalized: extra whitespace and line breaks in the source or the quote', () => {
  // o0 n1 e2 ␠3 t4 w5 o6 \n7 ␠8 ␠9 ␠10 t11 h12 r13 e14 e15 ␠16 f17 o18 u19 r20
  const text = 'one two\n   three four';
  for (const quote of ['two three', 'two   \n three', '  two three  ']) {
    const r = anchorIn(text, quote);
    assert.equal(r.method, 'normalized', quote);
    assert.equal(r.start, 4);
    assert.equal(r.end, 16);
    assert.deepEqual(r.startPos, { line: 0, character: 4 });
    assert.deepEqual(r.endPos, { line: 1, character: 8 });
    assert.equal(r.exact, 'two\n   three');
  }
});

const ALTMAN = 'Altman says most models, except for the very leading edge, will become commoditized. Others disagree.';
// "Altman says " is 12 units; the sentence that follows is 71 units up to the final "d": [12, 83).

test('fuzzy: one changed word', () => {
  const r = anchorIn(ALTMAN, 'most models, except for the very cutting edge, will become commoditized');
  assert.equal(r.method, 'fuzzy');
  assert.equal(r.start, 12);
  assert.equal(r.end, 83);
  assert.equal(r.errors, 4); // leading → cutting: four substitutions
  assert.equal(r.exact, 'most models, except for the very leading edge, will become commoditized');
  assert.equal(r.prefix, 'Altman says ');
  assert.equal(r.suffix, '. Others disagree.');
});

test('fuzzy: two changed words', () => {
  const r = anchorIn(ALTMAN, 'most models, except for the very leading edge, would become commoditised');
  assert.equal(r.method, 'fuzzy');
  assert.equal(r.start, 12);
  assert.equal(r.end, 83);
  assert.equal(r.errors, 4); // will → would: 3, z → s: 1
  assert.equal(r.exact, 'most models, except for the very leading edge, will become commoditized');
});

test('fuzzy: case and quotes are folded first, so they cost no errors', () => {
  const r = anchorIn(ALTMAN, 'MOST MODELS, except for the very leadin edge');
  assert.equal(r.method, 'fuzzy');
  assert.equal(r.errors, 1);
  assert.equal(r.start, 12);
  assert.equal(r.exact, 'most models, except for the very leading edge');
});

test('fuzzy: of two matches as near in length, the one that ends on a whole word', () => {
  // "paralel" is one edit from "parall" (21 units) and from "parallel" (23 units): the word is kept whole.
  const r = anchorIn('Altman draws a parallel to the transistor.', 'Altman draws a paralel');
  assert.equal(r.method, 'fuzzy');
  assert.equal(r.errors, 1);
  assert.equal(r.end, 23);
  assert.equal(r.exact, 'Altman draws a parallel');
});

test('not-found, including a short quote that has no edit budget', () => {
  for (const quote of ['the cat sat on the mat', 'brwn fox', '', '   ']) {
    const r = anchorIn(FOX, quote);
    assert.equal(r.method, 'not-found', quote);
    assert.equal(r.start, 0);
    assert.equal(r.end, 0);
    assert.equal(r.exact, '');
    assert.equal(r.occurrences, 0);
  }
});

test('too many errors is not-found', () => {
  // 24 units → at most 2 errors; this has 3 (a missing apostrophe, "e", comma).
  const r = anchorIn("competitors like Anthropic's Deepseek, which", 'Anthropics Deepsek which');
  assert.equal(r.method, 'not-found');
});

// F0 … w7 e8 … s24 .25 ␠26 T27 … o45 u46 r47 … s55 h56 a57 p58 e59 ␠60 u61 s62 .63
const TOOLS = 'First, we shape our tools. Then, much later, our tools shape us.';

test('elision with "...": parts in order', () => {
  assert.deepEqual(quoteParts('we shape our tools ... our tools shape us'), ['we shape our tools', 'our tools shape us']);
  const r = anchorIn(TOOLS, 'we shape our tools ... our tools shape us');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 7);
  assert.equal(r.end, 63);
  assert.equal(r.exact, 'we shape our tools. Then, much later, our tools shape us');
  assert.equal(r.parts?.length, 2);
  assert.deepEqual(r.parts?.map((p) => [p.method, p.start, p.end, p.exact]), [
    ['exact', 7, 25, 'we shape our tools'],
    ['exact', 45, 63, 'our tools shape us'],
  ]);
});

test('elision with "…": each part after the previous one', () => {
  // "shape us" also fits nowhere before 55; "we shape" is at 7.
  const r = anchorIn(TOOLS, 'we shape … shape us');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 7);
  assert.equal(r.end, 63);
  assert.deepEqual(r.parts?.map((p) => [p.start, p.end]), [[7, 15], [55, 63]]);
});

test('elision: the method is the weakest of the parts', () => {
  const r = anchorIn(TOOLS, 'WE SHAPE our tools ... our tools shape us');
  assert.equal(r.method, 'normalized');
  assert.deepEqual(r.parts?.map((p) => p.method), ['normalized', 'exact']);
  const f = anchorIn(TOOLS, 'we shape our tools ... our tolls shape us');
  assert.equal(f.method, 'fuzzy');
  assert.equal(f.errors, 1);
  assert.equal(f.end, 63);
});

test('elision: parts out of order are not-found, and the failing part is shown', () => {
  const r = anchorIn(TOOLS, 'our tools shape us ... we shape our tools');
  assert.equal(r.method, 'not-found');
  assert.deepEqual(r.parts?.map((p) => p.method), ['exact', 'not-found']);
  assert.equal(r.parts?.[0]?.start, 45);
});

test('a quote that contains "..." and appears verbatim is exact, not elided', () => {
  const text = 'He paused... then spoke.';
  const r = anchorIn(text, 'paused... then');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 3);
  assert.equal(r.end, 17);
  assert.equal(r.parts, undefined);
});

test('a quote that occurs twice: the first is taken', () => {
  const r = anchorIn('to be or not to be', 'to be');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 0);
  assert.equal(r.end, 5);
  assert.equal(r.occurrences, 2);
  const n = anchorIn('To be or not to be', 'TO BE');
  assert.equal(n.method, 'normalized');
  assert.equal(n.start, 0);
  assert.equal(n.occurrences, 2);
});

test('CRLF and lone CR sources: a CRLF is one line break', () => {
  // l0 … e7 \r8 \n9 l10 … o17 \r18 \n19 \r20 \n21 l22 … r30
  const text = 'line one\r\nline two\r\n\r\nline four';
  const two = anchorIn(text, 'line two');
  assert.equal(two.start, 10);
  assert.equal(two.end, 18);
  assert.deepEqual(two.startPos, { line: 1, character: 0 });
  assert.deepEqual(two.endPos, { line: 1, character: 8 });
  const four = anchorIn(text, 'line four');
  assert.equal(four.start, 22);
  assert.deepEqual(four.startPos, { line: 3, character: 0 });
  assert.deepEqual(four.endPos, { line: 3, character: 9 });
  const across = anchorIn(text, 'one line two');
  assert.equal(across.method, 'normalized');
  assert.equal(across.start, 5);
  assert.equal(across.end, 18);
  assert.deepEqual(across.startPos, { line: 0, character: 5 });
  assert.deepEqual(across.endPos, { line: 1, character: 8 });
  assert.deepEqual(anchorIn('a\rbc', 'c').startPos, { line: 1, character: 1 });
});

test('a source with a BOM: offsets are in the text after it', () => {
  const withBom = prepareSource('\uFEFFHello world\nagain', 'text');
  assert.equal(withBom.bomLength, 1);
  assert.equal(withBom.text, 'Hello world\nagain');
  const r = anchorQuote(withBom, 'world');
  assert.equal(r.start, 6);
  assert.equal(r.end, 11);
  assert.deepEqual(r.startPos, { line: 0, character: 6 });
  assert.equal(r.prefix, 'Hello ');
  // Already stripped: the same result.
  const stripped = prepareSource('Hello world\nagain', 'text');
  assert.equal(stripped.bomLength, 0);
  assert.deepEqual(anchorQuote(stripped, 'world'), r);
});

test('non-ASCII text and surrogate pairs: offsets in UTF-16 units', () => {
  // 发0 布1 日2 期3 ：4 2₅ 0₆ 2₇ 5₈ 年9 3₁₀ 月11 2₁₂ 8₁₃ 日14 。15 D16 … k23 ␠24 😀25-26 ␠27
  // l28 … d35 ␠36 🚀37-38 ␠39 f40 a41 s42 t43 .44
  const text = '发布日期：2025年3月28日。DeepSeek 😀 launched 🚀 fast.';
  const date = anchorIn(text, '2025年3月28日');
  assert.equal(date.method, 'exact');
  assert.equal(date.start, 5);
  assert.equal(date.end, 15);
  assert.deepEqual(date.startPos, { line: 0, character: 5 });
  const emoji = anchorIn(text, '😀 launched 🚀');
  assert.equal(emoji.start, 25);
  assert.equal(emoji.end, 39);
  assert.deepEqual(emoji.endPos, { line: 0, character: 39 });
  assert.equal(emoji.suffix, ' fast.');
  const folded = anchorIn(text, 'deepseek  😀 LAUNCHED');
  assert.equal(folded.method, 'normalized');
  assert.equal(folded.start, 16);
  assert.equal(folded.end, 36);
  const fuzzy = anchorIn(text, 'DeepSeek 😀 lunched 🚀 fast');
  assert.equal(fuzzy.method, 'fuzzy');
  assert.equal(fuzzy.start, 16);
  assert.equal(fuzzy.end, 44);
});

test('prefix and suffix never cut a surrogate pair in half', () => {
  // 20 emoji (units 0-39), "x" at 40, "target" at 41: 41 - 32 = 9 is a low surrogate.
  const text = '😀'.repeat(20) + 'xtarget' + 'y' + '😀'.repeat(20);
  const r = anchorIn(text, 'target');
  assert.equal(r.start, 41);
  assert.equal(r.prefix, '😀'.repeat(15) + 'x');
  assert.equal(r.prefix.length, 31);
  // 47 + 32 = 79 would end between the halves of the 16th emoji after "y".
  assert.equal(r.suffix, 'y' + '😀'.repeat(15));
});

test('Markdown sources are matched as written', () => {
  const md = '# Title\n\nSome *emphasised* claim here.\n';
  const r = anchorQuote(prepareSource(md, 'markdown'), 'Some *emphasised* claim');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 9);
  assert.deepEqual(r.startPos, { line: 2, character: 0 });
  const f = anchorQuote(prepareSource(md, 'markdown'), 'Some emphasised claim here');
  assert.equal(f.method, 'fuzzy');
  assert.equal(f.exact, 'Some *emphasised* claim here');
});
