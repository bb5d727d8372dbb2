// "The article changed": what became of each recorded quote when a source's
// text is not the one its quotes were confirmed on — unchanged (maybe moved),
// edited (and the new wording), gone, or ambiguous. Inline fixtures: an
// article, a later version of it, and the record made on the first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type RecordedAnchor } from '../../server/src/core/anchoring/anchorRecord';
import { classifyChange } from '../../server/src/core/anchoring/sourceChange';
import { prepareSource } from '../../server/src/core/anchoring/sourceText';

/** The record an analyst's confirmation would make of `passage` (its `nth` occurrence) in `text`. */
function recordOf(text: string, passage: string, nth = 0): RecordedAnchor {
  let start = text.indexOf(passage);
  for (let i = 0; i < nth; i++) start = text.indexOf(passage, start + 1);
  assert.ok(start >= 0, `"${passage}" is not in the text`);
  const end = start + passage.length;
  return {
    source: 'a.txt', sha256: '0'.repeat(64), start, end, exact: passage, quote: passage,
    prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32),
  };
}

const V1 = [
  'Hospital waiting lists grew again in the spring, official figures show.',
  '',
  'The health minister said the new plan would cut waiting lists by half within two years. Opposition members were not convinced.',
  '',
  'Nurses’ unions welcomed the extra funding but warned that staffing remained the main obstacle. “We cannot treat patients without staff,” one union leader said.',
  '',
  'The plan will be debated in parliament next week.',
  '',
].join('\n');

const QUOTES = [
  'the new plan would cut waiting lists by half within two years',
  'We cannot treat patients without staff',
  'The plan will be debated in parliament next week.',
];

test('a paragraph inserted above every quote: each is unchanged, and moved', () => {
  const v2 = V1.replace('The health minister', 'Hospitals in the north were hit hardest, the figures show, with a third more patients waiting than a year ago.\n\nThe health minister');
  const src = prepareSource(v2, 'text');
  for (const passage of QUOTES) {
    const change = classifyChange(src, recordOf(V1, passage));
    assert.equal(change.kind, 'unchanged', passage);
    assert.ok(change.kind === 'unchanged' && change.moved, `${passage}: moved`);
    assert.equal(change.kind === 'unchanged' && v2.slice(change.place.start, change.place.end), passage);
  }
});

test('the same text again: unchanged and not moved', () => {
  const change = classifyChange(prepareSource(V1, 'text'), recordOf(V1, QUOTES[1]!));
  assert.deepEqual(change, { kind: 'unchanged', place: { start: V1.indexOf(QUOTES[1]!), end: V1.indexOf(QUOTES[1]!) + QUOTES[1]!.length }, moved: false });
});

test('a deleted paragraph: its quote is gone, the others unchanged', () => {
  const v2 = V1.replace(/Nurses’ unions[^\n]*\n\n/, '');
  const src = prepareSource(v2, 'text');
  assert.deepEqual(classifyChange(src, recordOf(V1, QUOTES[1]!)), { kind: 'gone' });
  assert.deepEqual(QUOTES.map((q) => classifyChange(src, recordOf(V1, q)).kind), ['unchanged', 'gone', 'unchanged']);
});

test('a reworded sentence is edited, not moved to the look-alike sentence further down', () => {
  // The new version softens the minister's promise, and a later paragraph repeats the old promise as the
  // opposition's paraphrase: the same words, in another place, with other surroundings.
  const v2 = V1
    .replace('the new plan would cut waiting lists by half within two years', 'the new plan could cut waiting lists by a third over several years')
    .replace('The plan will be debated', 'Critics recalled an earlier promise that the new plan would cut waiting lists by half within two years, and asked what changed.\n\nThe plan will be debated');
  const src = prepareSource(v2, 'text');
  const change = classifyChange(src, recordOf(V1, QUOTES[0]!));
  assert.equal(change.kind, 'edited');
  assert.equal(change.kind === 'edited' && change.exact, 'the new plan could cut waiting lists by a third over several years');
  assert.ok(change.kind === 'edited' && change.place.start < v2.indexOf('Critics recalled'), 'the minister\'s sentence, where the quote was');
});

test('a changed figure is an edit of one word', () => {
  const v2 = V1.replace('by half within two years', 'by half within three years');
  const change = classifyChange(prepareSource(v2, 'text'), recordOf(V1, QUOTES[0]!));
  assert.deepEqual(change.kind === 'edited' && change.exact, 'the new plan would cut waiting lists by half within three years');
});

test('words that remain only elsewhere, their surroundings gone, are ambiguous: the analyst decides', () => {
  const v2 = [
    'Summary: We cannot treat patients without staff, unions say.',
    '',
    'The plan will be debated in parliament next week.',
    '',
  ].join('\n');
  const change = classifyChange(prepareSource(v2, 'text'), recordOf(V1, QUOTES[1]!));
  assert.equal(change.kind, 'ambiguous');
  assert.deepEqual(change.kind === 'ambiguous' && change.places.map((p) => v2.slice(p.start, p.end)), ['We cannot treat patients without staff']);
});

test('a passage repeated with the same surroundings is ambiguous, unless an occurrence was pinned', () => {
  // Thirty-two units either side of "Yes." lie inside the block: every occurrence has the same surroundings.
  const block = 'Chair: Is the motion carried?\nMembers: Yes. The motion is carried, the chair said.\n';
  const v1 = `Minutes.\n${block}${block}End.\n`;
  const v2 = `Minutes, corrected.\n${block}${block}${block}End.\n`;
  const entry = recordOf(v1, 'Yes.', 1);
  const src = prepareSource(v2, 'text');
  const change = classifyChange(src, entry);
  assert.equal(change.kind, 'ambiguous');
  const pinned = classifyChange(src, { ...entry, occurrence: 2 });
  assert.equal(pinned.kind, 'unchanged');
  assert.equal(pinned.kind === 'unchanged' && pinned.place.start, v2.indexOf('Yes.', v2.indexOf('Yes.') + 1));
});
