// The fast paths of anchoring against plain references (fast-check): the
// filtered fuzzy search against a scan of the whole text, the gram index
// against repeated indexOf, folding against a unit-by-unit fold, the exact
// step through the folded text against a plain indexOf, line starts against
// counting breaks by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorQuote, FOLDED_EXACT } from '../../server/src/core/anchoring/anchor';
import { fold, foldText } from '../../server/src/core/text/fold';
import { GramIndex, INDEXED_LENGTH } from '../../server/src/core/anchoring/gramIndex';
import { LineIndex } from '../../server/src/core/text/lines';
import { prepareSource } from '../../server/src/core/anchoring/sourceText';

function indexOfAll(text: string, piece: string, from: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(piece, from); at >= 0; at = text.indexOf(piece, at + 1)) out.push(at);
  return out;
}

// A text and a piece of it (or not), with a start to search from.
const lookup = (unit: fc.Arbitrary<string>, maxLength: number) =>
  fc.string({ unit, minLength: 1, maxLength }).chain((t) => fc.record({
    text: fc.constant(t),
    piece: fc.oneof(
      fc.tuple(fc.nat(t.length - 1), fc.integer({ min: INDEXED_LENGTH, max: 30 })).map(([i, n]) => t.slice(i, i + n)),
      fc.string({ unit, minLength: INDEXED_LENGTH, maxLength: 12 })),
    from: fc.nat(t.length),
  }));

test('the gram index finds exactly the occurrences repeated indexOf finds', () => {
  const few = fc.constantFrom('a', 'b', ' ');
  const many = fc.constantFrom('a', 'b', 'c', ' ', '.', 'é', '年', '😀', '\ud83d');
  for (const unit of [few, many]) {
    fc.assert(fc.property(lookup(unit, 300), ({ text, piece, from }) => {
      fc.pre(piece.length >= INDEXED_LENGTH);
      assert.deepEqual(new GramIndex(text).occurrences(piece, from), indexOfAll(text, piece, from));
    }), { numRuns: 1000 });
  }
});

test('the gram index of a text past 65,535 units (32-bit tables)', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const text = Array.from({ length: 80_000 }, () => 'abcd '[next() % 5]).join('');
  const index = new GramIndex(text);
  for (let i = 0; i < 200; i++) {
    const at = next() % (text.length - 20);
    const piece = text.slice(at, at + INDEXED_LENGTH + (next() % 12));
    const from = next() % text.length;
    assert.deepEqual(index.occurrences(piece, from), indexOfAll(text, piece, from));
  }
});

// SPEC §4's folding, unit by unit, with each folded unit's offset: slow and plain.
function referenceFold(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let inSpace = false;
  const put = (s: string, at: number) => {
    out += s;
    for (let k = 0; k < s.length; k++) origin.push(at + (s.length === 2 ? k : 0));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/[\u00ad\u200b-\u200d\u2060\ufeff]/.test(c)) continue;
    if (/\s/.test(c)) {
      if (!inSpace) put(' ', i);
      inSpace = true;
      continue;
    }
    inSpace = false;
    if (c === '\u2026') put('...', i);
    else if (/[\u2018-\u201b\u2032]/.test(c)) put("'", i);
    else if (/[\u201c-\u201f\u2033]/.test(c)) put('"', i);
    else if (/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/.test(c)) put('-', i);
    else {
      const cp = text.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      const whole = cp > 0xffff || (cp >= 0xd800 && cp <= 0xdfff) ? ch : c;
      const lower = cp >= 0xd800 && cp <= 0xdfff ? ch : ch.toLowerCase();
      put(lower.length === whole.length ? lower : whole, i);
      if (cp > 0xffff) i++;
    }
  }
  origin.push(text.length);
  return { text: out, origin };
}

test('folding gives the text and offsets a unit-by-unit fold gives', () => {
  const ascii = fc.constantFrom('a', 'B', ' ', ' ', '\n', '\r', '\t', 'z', '.');
  const any = fc.constantFrom('a', 'B', ' ', '\n', '\t', 'é', 'İ', 'Σ', '年', '😀', '𐐀', '\ud801', '\udc00', '’', '“',
    '—', '…', '\u200b', '\u00ad', '\u00a0', '\u3000', '\ufeff', 'K');
  for (const unit of [ascii, any]) {
    fc.assert(fc.property(fc.string({ unit, maxLength: 120 }), (t) => {
      const ref = referenceFold(t);
      const ours = fold(t);
      assert.equal(ours.text, ref.text);
      assert.equal(foldText(t), ref.text);
      assert.deepEqual(Array.from({ length: ref.origin.length }, (_, i) => ours.origin.at(i)), ref.origin);
      for (let offset = 0; offset <= t.length; offset++) {
        assert.equal(ours.origin.indexAt(offset), ref.origin.findIndex((o) => o >= offset), `indexAt(${offset})`);
      }
    }), { numRuns: 1000 });
  }
});

test('folding a text longer than the reused buffers', () => {
  const t = 'Ab  c\n'.repeat(20_000) + '“x…”';
  const ours = fold(t);
  const ref = referenceFold(t);
  assert.equal(ours.text, ref.text);
  for (let i = 0; i < ref.origin.length; i += 997) assert.equal(ours.origin.at(i), ref.origin[i]);
  assert.equal(ours.origin.at(ref.text.length), t.length);
});

test('a quote anchors the same before and after its source is folded (the exact step then goes through it in a long source)', () => {
  const unit = fc.constantFrom('a', 'b', 'A', ' ', '\n', '…', '.', '\u200b', '😀', '𐐀', '\udc00', 'İ', '’', "'");
  const source = fc.string({ unit, minLength: 1, maxLength: 80 });
  // Only a source of FOLDED_EXACT units or more looks exact quotes up in its folded text.
  const padding = 'z'.repeat(FOLDED_EXACT);
  fc.assert(fc.property(source, fc.nat(), fc.integer({ min: 1, max: 20 }), fc.boolean(), fc.boolean(), (written, i, n, lower, long) => {
    const t = long ? padding + written : written;
    const at = t.length - written.length + (i % written.length);
    const quote = lower ? t.slice(at, at + n).toLowerCase() : t.slice(at, at + n);
    const fresh = prepareSource(t, 'text');
    const folded = prepareSource(t, 'text');
    void folded.folded;
    assert.deepEqual(anchorQuote(folded, quote), anchorQuote(fresh, quote));
  }), { numRuns: 2000 });
});

test('positions: LineIndex (indexOf for a text without CR, a scan for one with CR) agrees with counting breaks by hand', () => {
  // The reference: walk the text, a break is \n, \r\n or \r.
  const byHand = (t: string, offset: number) => {
    let line = 0, start = 0;
    for (let i = 0; i < offset; i++) {
      const c = t[i];
      if (c === '\r' && t[i + 1] === '\n') { if (i + 1 < offset) { i++; line++; start = i + 1; } continue; }
      if (c === '\n' || c === '\r') { line++; start = i + 1; }
    }
    return { line, character: offset - start };
  };
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', 'b'), maxLength: 60 }), (t) => {
    const lines = new LineIndex(t);
    const src = prepareSource(t, 'text');
    for (let offset = 0; offset <= t.length; offset++) {
      // Inside a \r\n pair the offset sits on the first line's end.
      assert.deepEqual(lines.positionAt(offset), byHand(t, offset));
      assert.deepEqual(src.positionAt(offset), lines.positionAt(offset));
      assert.equal(lines.offsetAt(lines.positionAt(offset)), offset);
    }
  }), { numRuns: 1000 });
});
