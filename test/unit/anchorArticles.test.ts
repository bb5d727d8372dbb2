// Anchoring in the real articles beside the project (../shared/articles):
// 60 sentences from across The Federalist Papers (1.17 MB, with a BOM), a
// dozen of them with words changed, and the sample article's factual slips.
// Skipped, with the reason printed, where ../shared is absent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { anchorQuote } from '../../server/src/core/anchoring/anchor';
import { prepareSource, stripBom } from '../../server/src/core/anchoring/sourceText';
import { alterWords, flatten, sentenceAt } from '../bench/anchorBench';

const ARTICLES = path.join(__dirname, '..', '..', '..', 'shared', 'articles');
const FEDERALIST = path.join(ARTICLES, 'federalist-papers.txt');
const OPENAI = path.join(ARTICLES, 'openai-consumer-shift.txt');

// Line and character counted independently of the code under test (the
// Federalist text has only \n line ends).
function lineCharOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('60 sentences from across The Federalist Papers, 12 with words changed', (t) => {
  if (!existsSync(FEDERALIST)) {
    t.skip(`${FEDERALIST} not found: ../shared is absent`);
    return;
  }
  const raw = readFileSync(FEDERALIST, 'utf8');
  assert.equal(raw.charCodeAt(0), 0xfeff);
  const text = stripBom(raw).text;
  const src = prepareSource(raw, 'text');
  assert.equal(src.text, text);
  const flatText = flatten(text).toLowerCase();

  const count = 60;
  let checked = 0;
  let fuzzy = 0;
  for (let i = 0; i < count; i++) {
    // A sentence near each 1/60th of the text whose words occur nowhere else.
    let s = sentenceAt(text, Math.floor((i * text.length) / count));
    while (s && flatText.indexOf(flatten(text.slice(s.start, s.end)).toLowerCase()) !==
      flatText.lastIndexOf(flatten(text.slice(s.start, s.end)).toLowerCase())) {
      s = sentenceAt(text, s.end);
    }
    assert.ok(s, `no sentence after offset ${Math.floor((i * text.length) / count)}`);
    const sentence = text.slice(s.start, s.end);
    const flat = flatten(sentence);

    const altered = i % 5 === 4 ? alterWords(flat, flat.length >= 120 ? 2 : 1) : undefined;
    const r = anchorQuote(src, altered ?? flat);
    const label = `sentence ${i} at ${s.start}: ${altered ?? flat}`;
    assert.equal(r.method, altered ? 'fuzzy' : flat === sentence ? 'exact' : 'normalized', label);
    assert.equal(r.start, s.start, label);
    assert.equal(r.end, s.end, label);
    assert.equal(text.slice(r.start, r.end), sentence, label);
    assert.equal(r.exact, sentence, label);
    assert.equal(r.prefix, text.slice(s.start - 32, s.start), label);
    assert.equal(r.suffix, text.slice(s.end, s.end + 32), label);
    assert.deepEqual(r.startPos, lineCharOf(text, s.start), label);
    assert.deepEqual(r.endPos, lineCharOf(text, s.end), label);
    if (altered) {
      fuzzy++;
      assert.ok((r.errors ?? 0) > 0 && (r.errors ?? 0) <= Math.floor(altered.length / 10), label);
    }
    checked++;
  }
  assert.equal(checked, 60);
  assert.equal(fuzzy, 12);
});

test('The Federalist Papers: a fixed passage, by hand', (t) => {
  if (!existsSync(FEDERALIST)) {
    t.skip(`${FEDERALIST} not found: ../shared is absent`);
    return;
  }
  const src = prepareSource(readFileSync(FEDERALIST, 'utf8'), 'text');
  // The opening of Federalist No. 1: lines 49-50 of the file (0-based 48-49),
  // the first 67 units long, broken after "subsisting".
  const r = anchorQuote(src, 'AFTER an unequivocal experience of the inefficacy of the subsisting federal government');
  assert.equal(r.method, 'normalized'); // a line break in the source, a space in the quote
  assert.equal(src.text.slice(r.start, r.end),
    'AFTER an unequivocal experience of the inefficacy of the subsisting\nfederal government');
  assert.deepEqual(r.startPos, { line: 48, character: 0 });
  assert.deepEqual(r.endPos, { line: 49, character: 18 });
  // "...": the parts must follow each other.
  const e = anchorQuote(src, 'AFTER an unequivocal experience ... subsisting federal government');
  assert.equal(e.start, r.start);
  assert.equal(e.end, r.end);
  // The second part spans the line break, so the whole is only normalized.
  assert.deepEqual(e.parts?.map((p) => p.method), ['exact', 'normalized']);
  assert.equal(e.method, 'normalized');
});

test('the sample article: "Anthropic\'s Deepseek" and its other slips', (t) => {
  if (!existsSync(OPENAI)) {
    t.skip(`${OPENAI} not found: ../shared is absent`);
    return;
  }
  const text = readFileSync(OPENAI, 'utf8');
  const src = prepareSource(text, 'text');
  const r = anchorQuote(src, "Anthropic's Deepseek");
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 4861);
  assert.equal(r.end, 4881);
  assert.equal(text.slice(4861, 4881), "Anthropic's Deepseek");
  assert.deepEqual(r.startPos, { line: 25, character: 76 });
  assert.equal(r.prefix, 'by the rise of competitors like ');
  assert.equal(r.suffix, ', which can produce high-quality');

  const curly = anchorQuote(src, 'Anthropic’s DeepSeek');
  assert.equal(curly.method, 'normalized');
  assert.equal(curly.start, 4861);

  const retyped = anchorQuote(src, "Anthropic's DeepSeek, which can produce high quality LLMs");
  assert.equal(retyped.method, 'fuzzy');
  assert.equal(retyped.errors, 1);
  assert.equal(retyped.exact, "Anthropic's Deepseek, which can produce high-quality LLMs");

  const date = anchorQuote(src, '2025年3月28日');
  assert.equal(date.start, 326);
  assert.deepEqual(date.startPos, { line: 2, character: 0 });
  assert.equal(text.slice(date.start, date.end), '2025年3月28日');

  const deepsee = anchorQuote(src, 'The Impact of DeepSEE and Open Sourcing');
  assert.equal(deepsee.method, 'exact');
  assert.equal(deepsee.occurrences, 3);
});
