// The closest occurrence wins (SPEC §4): among the places a quote matches
// after folding, one that differs only in quotation marks, dashes or spacing
// beats one whose case differs too; only equally close places make the quote
// ambiguous.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote } from '../../server/src/core/anchoring/anchor';
import { prepareSource } from '../../server/src/core/anchoring/sourceText';

const ARTICLE = [
  'Budget row deepens. Critics say the numbers don’t add up, and the minister disagrees.',
  '',
  'Asked on Tuesday, an official put it plainly: “The numbers don’t add up.” Nobody denied it.',
].join('\n');

test('the occurrence that matches the case wins over an earlier one that only matches folded', () => {
  const src = prepareSource(ARTICLE, 'text');
  const r = anchorQuote(src, "The numbers don't add up.");
  assert.equal(r.method, 'normalized');
  assert.equal(r.exact, 'The numbers don’t add up.');
  assert.equal(r.startPos.line, 2, 'the official\'s sentence, not the standfirst');
  assert.equal(r.occurrences, 1, 'one place is closest: not ambiguous');
});

test('places that are equally close are counted, and the first is taken', () => {
  const text = 'He said “yes” today. Later he said “yes” again. Then he said “yes” once more. HE SAID “YES”.';
  const r = anchorQuote(prepareSource(text, 'text'), 'he said "yes"');
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, text.indexOf('he said “yes” again'), 'the first that matches the case');
  assert.equal(r.occurrences, 2, 'two places match as closely');
});

test('an exact occurrence still wins over everything', () => {
  const src = prepareSource('The Numbers don’t add up. The numbers don\'t add up.', 'text');
  const r = anchorQuote(src, "The numbers don't add up.");
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 26);
});
