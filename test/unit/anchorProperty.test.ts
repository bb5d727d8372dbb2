// Properties of anchoring over random texts (fast-check): an exact quote
// slices back to itself at its first occurrence, a re-typed quote lands on a
// passage that folds to the same text, and the filtered fuzzy search finds
// what a scan of the whole text finds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import search from 'approx-string-match';
import { anchorQuote } from '../../server/src/core/anchoring/anchor';
import { fuzzySearch } from '../../server/src/core/anchoring/fuzzySearch';
import { GramIndex } from '../../server/src/core/anchoring/gramIndex';
import { fold, prepareSource } from '../../server/src/core/anchoring/sourceText';

// Letters, the characters normalization touches, line breaks, non-BMP.
const unit = fc.constantFrom('a', 'b', 'c', 'A', 'B', ' ', ' ', '\n', '\r', '\t', 'é', '年', '😀', '’', "'", '-', '—', '"', '“');
const text = fc.string({ unit, minLength: 1, maxLength: 200 });

// A substring [i, j) of a text, by two fractions of its length.
const withSubstring = text.chain((t) =>
  fc.tuple(fc.constant(t), fc.nat(t.length - 1), fc.integer({ min: 1, max: 40 })).map(([t2, i, len]) => ({
    text: t2,
    quote: t2.slice(i, Math.min(t2.length, i + len)),
  })));

test('an exact quote slices back to itself, at its first occurrence', () => {
  fc.assert(fc.property(withSubstring, ({ text: t, quote }) => {
    const q = quote.trim(); // anchoring ignores a quote's outer whitespace
    fc.pre(q.length > 0);
    const r = anchorQuote(prepareSource(t, 'text'), quote);
    assert.equal(r.method, 'exact');
    assert.equal(t.slice(r.start, r.end), q);
    assert.equal(r.start, t.indexOf(q));
    assert.equal(r.exact, q);
    assert.equal(r.prefix, t.slice(Math.max(0, r.start - 32), r.start).replace(/^[\uDC00-\uDFFF]/, ''));
  }), { numRuns: 500 });
});

// Re-types a quote the way a note taker might: case, quotes, dashes, spacing.
function retype(quote: string, seed: number): string {
  const swaps: Record<string, string> = { a: 'A', A: 'a', '’': "'", "'": '’', '-': '—', '—': '-', '"': '“', '“': '"', '\n': ' ', '\r': '  ' };
  let out = '';
  let s = seed;
  for (const ch of quote) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out += s % 2 === 0 ? (swaps[ch] ?? ch) : ch;
  }
  return out;
}

test('a re-typed quote anchors to a passage that folds to the same text', () => {
  fc.assert(fc.property(withSubstring, fc.nat(), ({ text: t, quote }, seed) => {
    const typed = retype(quote, seed);
    const folded = fold(typed).text.trim();
    fc.pre(folded.length > 0);
    const r = anchorQuote(prepareSource(t, 'text'), typed);
    assert.ok(r.method === 'exact' || r.method === 'normalized', r.method);
    assert.equal(fold(t.slice(r.start, r.end)).text.trim(), folded);
  }), { numRuns: 500 });
});

test('the filtered fuzzy search agrees with a scan of the whole text', () => {
  const small = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' '), minLength: 1, maxLength: 400 });
  const edit = fc.tuple(fc.nat(), fc.constantFrom('sub', 'del', 'ins'));
  fc.assert(fc.property(small, fc.nat(), fc.integer({ min: 10, max: 60 }), fc.array(edit, { maxLength: 6 }),
    (t, at, len, edits) => {
      let pattern = t.slice(at % t.length, (at % t.length) + len);
      fc.pre(pattern.length >= 10);
      for (const [pos, kind] of edits) {
        const p = pos % pattern.length;
        if (kind === 'sub') pattern = pattern.slice(0, p) + 'x' + pattern.slice(p + 1);
        else if (kind === 'del') pattern = pattern.slice(0, p) + pattern.slice(p + 1);
        else pattern = pattern.slice(0, p) + 'y' + pattern.slice(p);
      }
      const k = Math.floor(pattern.length / 10);
      const full = search(t, pattern, k);
      const ours = fuzzySearch(t, pattern, k);
      const indexed = fuzzySearch(t, pattern, k, { index: new GramIndex(t) });
      assert.deepEqual(indexed, ours);
      if (full.length === 0) {
        assert.equal(ours, undefined);
        return;
      }
      assert.ok(ours);
      assert.equal(ours.errors, full[0]?.errors);
      assert.equal(ours.start, Math.min(...full.map((m) => m.start)));
    }), { numRuns: 1000 });
});

test('when the pieces are too common to filter, the chunked scan finds a match across a chunk boundary', () => {
  // Every piece of the pattern is "aaaaa…", found everywhere: the filter gives
  // up and scans in 65,536-unit chunks; the match starts 11 units before the
  // first boundary and ends after it.
  const text = 'a'.repeat(65_530) + 'XYZ' + 'a'.repeat(70_000);
  const pattern = 'aaaaaaXYQaaaaaaaaaaa'; // 20 units, 2 errors allowed; one needed
  const ours = fuzzySearch(text, pattern, 2);
  const full = search(text, pattern, 2);
  assert.ok(ours);
  assert.equal(ours.errors, 1);
  assert.equal(ours.start, Math.min(...full.map((m) => m.start)));
  assert.equal(ours.start, 65_524);
  assert.equal(text.slice(ours.start, ours.end), 'aaaaaaXYZaaaaaaaaaaa');
});
