// An index of every 5-unit substring (5-gram) of a text, so the fuzzy
// search's filter finds its pieces without a pass over the whole text each.
//
// Built once per prepared source, and only when a fuzzy search needs it on a
// long text: two passes, ~4 bytes per unit plus the bucket table. Grams are
// hashed into buckets (CSR layout: `offsets` into `positions`, positions in
// text order), so a bucket holds the gram's occurrences plus collisions; a
// lookup picks the piece's rarest gram and checks each candidate with
// startsWith, so collisions cost time, never correctness.

export const GRAM = 5;

// Polynomial rolling hash over UTF-16 units, then a multiplicative mix into
// the bucket range; all arithmetic is 32-bit.
const BASE = 0x01000193;
const MIX = 0x9e3779b1;
const BASE_POW = (() => {
  let p = 1;
  for (let i = 0; i < GRAM - 1; i++) p = Math.imul(p, BASE);
  return p;
})();

export class GramIndex {
  private readonly offsets: Uint32Array;
  private readonly positions: Uint32Array;
  private readonly shift: number;

  constructor(private readonly text: string) {
    const count = Math.max(0, text.length - GRAM + 1);
    // About four grams per bucket keeps the table small and buckets short.
    let bits = 10;
    while (bits < 22 && 1 << bits < count / 4) bits++;
    this.shift = 32 - bits;
    const shift = this.shift;
    const buckets = new Uint32Array(count);
    const offsets = new Uint32Array((1 << bits) + 1);
    let h = 0;
    for (let i = 0; i < GRAM - 1 && i < text.length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
    for (let i = GRAM - 1; i < text.length; i++) {
      h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
      const b = Math.imul(h, MIX) >>> shift;
      buckets[i - GRAM + 1] = b;
      offsets[b + 1]++;
      h = (h - Math.imul(text.charCodeAt(i - GRAM + 1), BASE_POW)) | 0; // drop the gram's first unit
    }
    for (let b = 1; b < offsets.length; b++) offsets[b] += offsets[b - 1] as number;
    const fill = offsets.slice(0, offsets.length - 1);
    const positions = new Uint32Array(count);
    for (let i = 0; i < count; i++) positions[fill[buckets[i] as number]++] = i;
    this.offsets = offsets;
    this.positions = positions;
  }

  private bucketOfGram(s: string, at: number): number {
    let h = 0;
    for (let i = at; i < at + GRAM; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
    return Math.imul(h, MIX) >>> this.shift;
  }

  /** Every start of `piece` (at least GRAM units) at or after `from`, ascending. */
  occurrences(piece: string, from: number): number[] {
    let best = -1;
    let bestGram = 0;
    let bestSize = Infinity;
    for (let g = 0; g + GRAM <= piece.length; g++) {
      const b = this.bucketOfGram(piece, g);
      const size = (this.offsets[b + 1] as number) - (this.offsets[b] as number);
      if (size < bestSize) {
        best = b;
        bestGram = g;
        bestSize = size;
      }
    }
    const out: number[] = [];
    if (best < 0) return out;
    for (let j = this.offsets[best] as number; j < (this.offsets[best + 1] as number); j++) {
      const at = (this.positions[j] as number) - bestGram;
      if (at >= from && this.text.startsWith(piece, at)) out.push(at);
    }
    return out;
  }
}
