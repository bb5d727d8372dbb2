// The word-level difference a fuzzy match shows: changed, missing and added
// words; what the normalized step folds (case, curly quotes, dashes,
// spacing) is no difference; the short form names a few and counts the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteDiff, shortDiff } from '../../server/src/core/anchoring/quoteDiff';

test('a changed word, a word the source lacks and a word the source adds', () => {
  assert.equal(shortDiff(quoteDiff('President Obama said so', 'President Obaed said so')), "'Obama' → 'Obaed'");
  assert.equal(shortDiff(quoteDiff('models will very soon be cheap', 'models will soon be cheap')), "'very' not in the source");
  assert.equal(shortDiff(quoteDiff('models will be cheap', 'models will all be cheap')), "the source adds 'all'");
  assert.deepEqual(quoteDiff('a b c', 'a x c').map((p) => p.kind), ['same', 'changed', 'same']);
});

test('case, curly quotation marks, dashes and spacing are not differences', () => {
  const parts = quoteDiff('He said “it’s  over” — MAYBE', 'he said "it\'s over" - maybe');
  assert.deepEqual(parts.filter((p) => p.kind !== 'same'), []);
});

test('the short form names three differences and counts the rest', () => {
  const diff = quoteDiff('one two three four five six', 'uno dos tres cuatro five six');
  assert.equal(shortDiff(diff, 3), "'one two three four' → 'uno dos tres cuatro'");
  const scattered = quoteDiff('a1 b c1 d e1 f g1 h', 'a2 b c2 d e2 f g2 h');
  assert.equal(shortDiff(scattered, 2), "'a1' → 'a2'; 'c1' → 'c2'; and 2 more");
});

test('a difference inside a word shows the whole word: a figure reads whole', () => {
  assert.equal(shortDiff(quoteDiff('the repairs would cost £4.2 million', 'the repairs would cost £4.8 million')), "'£4.2' → '£4.8'");
  assert.equal(shortDiff(quoteDiff('18,000 vehicles a day', '16,000 vehicles a day')), "'18,000' → '16,000'");
});
