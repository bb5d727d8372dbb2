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

test('an occurrence that differs only in its apostrophe beats one that differs only in case', () => {
  const text = 'THE NUMBERS DON\'T ADD UP, the headline says. Later: the numbers don’t add up.';
  const r = anchorQuote(prepareSource(text, 'text'), "the numbers don't add up");
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, text.indexOf('the numbers don’t'));
  assert.equal(r.occurrences, 1);
});

// What the anchors record remembers of a quote's place decides between places that match as closely.
const MINUTES = 'Is the motion carried? Yes, said the chair. Is the budget approved? Yes, said the treasurer. Is the meeting closed? Yes, said the secretary.';

test('without a record, equally close places are listed and the first is taken', () => {
  const r = anchorQuote(prepareSource(MINUTES, 'text'), 'Yes, said the');
  assert.equal(r.start, MINUTES.indexOf('Yes'));
  assert.equal(r.occurrences, 3);
  assert.equal(r.chosenBy, undefined);
  assert.deepEqual(r.places?.map((p) => MINUTES.slice(p.start - 8, p.end + 10)), [
    'arried? Yes, said the chair. Is', 'proved? Yes, said the treasurer', 'closed? Yes, said the secretary',
  ]);
});

test('with a record, the place whose surroundings match it wins, even after the text moved', () => {
  const second = MINUTES.indexOf('Yes', MINUTES.indexOf('Yes') + 1);
  const hint = { start: second, prefix: MINUTES.slice(second - 32, second), suffix: MINUTES.slice(second + 13, second + 45) };
  const moved = `Minutes of the spring meeting, as read out. ${MINUTES}`;
  const r = anchorQuote(prepareSource(moved, 'text'), 'Yes, said the', undefined, hint);
  assert.equal(moved.slice(r.end, r.end + 10), ' treasurer');
  assert.equal(r.occurrences, 3, 'three places still match as closely');
  assert.equal(r.chosenBy, 'context');
});

test('a look-alike with other surroundings does not win over the recorded place reworded', () => {
  const v1 = 'Officials said the scheme would save 4 million pounds a year. Elsewhere in the report: the scheme would save 4 million pounds a year, critics doubt it.';
  const v2 = 'Officials said the scheme would save 3 million pounds a year. Elsewhere in the report: the scheme would save 4 million pounds a year, critics doubt it.';
  const start = v1.indexOf('the scheme');
  const quote = 'the scheme would save 4 million pounds a year';
  const hint = { start, prefix: v1.slice(0, start), suffix: v1.slice(start + quote.length, start + quote.length + 32) };
  // The exact look-alike still wins: the least folding comes first; the record decides only among equals.
  assert.equal(anchorQuote(prepareSource(v2, 'text'), quote, undefined, hint).start, v2.lastIndexOf(quote));
  // Among approximate matches, the one in the recorded place wins over a closer look-alike elsewhere.
  const typo = 'the scheme would save 4 milion pounds a year';
  const unaided = anchorQuote(prepareSource(v2, 'text'), typo);
  assert.equal(unaided.start, v2.lastIndexOf('the scheme'), 'without the record: the look-alike, one edit away');
  const r = anchorQuote(prepareSource(v2, 'text'), typo, undefined, hint);
  assert.equal(r.method, 'fuzzy');
  assert.equal(r.start, v2.indexOf('the scheme'), 'with it: the recorded place, two edits away');
  assert.equal(r.chosenBy, 'context');
});
