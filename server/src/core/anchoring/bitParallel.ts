// Approximate matching of one pattern in ranges of a text: Myers' bit-vector
// algorithm (1999), in the block form for patterns longer than 32 units, as
// approx-string-match implements it (what Hypothesis uses). This matcher
// reports exactly what that library's `search(text.slice(start, end), pattern,
// maxErrors)` reports (a property test checks it), but the fuzzy search
// verifies many short windows per pattern, and there the library's cost is
// its setup: per call it rebuilds the pattern's tables, reverses strings and
// allocates per match. Here the tables are built once per pattern, the
// text is read in place (backwards to find starts) and nothing is allocated
// per unit.

const W = 32;

export interface ApproxMatch {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
}

// Which pattern positions hold each unit, as W-bit masks per block, for the
// pattern and for it reversed. A unit's row offset into the masks comes from
// `ascii` or `other`; row 0 is all zeros, for units not in the pattern.
class UnitMasks {
  // A plain array: a typed one this size would be allocated outside the heap, per pattern.
  readonly ascii: number[] = new Array<number>(128).fill(0);
  readonly other = new Map<number, number>();
  readonly forward: Int32Array;
  private backwardMasks: Int32Array | undefined;

  constructor(private readonly pattern: string, private readonly blocks: number) {
    let rows = 1;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (this.row(c) === 0) {
        if (c < 128) this.ascii[c] = rows++ * blocks;
        else this.other.set(c, rows++ * blocks);
      }
    }
    this.forward = this.masks(rows, false);
  }

  row(c: number): number {
    return c < 128 ? (this.ascii[c] as number) : this.other.get(c) ?? 0;
  }

  // Read back from a match's end to find its start: only for windows that match.
  get backward(): Int32Array {
    return (this.backwardMasks ??= this.masks(this.forward.length / this.blocks, true));
  }

  private masks(rows: number, reversed: boolean): Int32Array {
    const masks = new Int32Array(rows * this.blocks);
    const m = this.pattern.length;
    for (let i = 0; i < m; i++) {
      // Reversed unit by unit, as the text is read back: a surrogate pair is two units.
      const at = reversed ? m - 1 - i : i;
      masks[this.row(this.pattern.charCodeAt(i)) + (at >> 5)] |= 1 << (at & 31);
    }
    return masks;
  }
}

export class BitParallelMatcher {
  private readonly m: number;
  private readonly blocks: number;
  // The bit of the pattern's last unit in the last block.
  private readonly lastBit: number;
  private readonly units: UnitMasks;
  // Per block: the vertical deltas of the current column (+1 and −1 bit
  // sets) and the score at its last row.
  private readonly pv: Int32Array;
  private readonly mv: Int32Array;
  private readonly score: Int32Array;
  // The error bound the last scan ended with.
  private bound = 0;

  constructor(pattern: string) {
    this.m = pattern.length;
    this.blocks = Math.max(1, Math.ceil(this.m / W));
    this.lastBit = 1 << ((this.m - 1) % W);
    this.units = new UnitMasks(pattern, this.blocks);
    this.pv = new Int32Array(this.blocks);
    this.mv = new Int32Array(this.blocks);
    this.score = new Int32Array(this.blocks);
  }

  /**
   * The matches in text[start, end) with the fewest errors, if at most
   * `maxErrors`: one per end position, in order. Each starts where the
   * longest match with those errors that ends at or before it starts (no
   * earlier than `errors` + the pattern's length before its end), as
   * approx-string-match has it.
   */
  search(text: string, start: number, end: number, maxErrors: number): ApproxMatch[] {
    const m = this.m;
    if (m === 0) return [];
    const ends = this.scan(this.units.forward, text, start, 1, end - start, maxErrors);
    const errors = this.bound;
    return ends.map((step) => {
      const e = start + step;
      // The reversed pattern run back from the end: the farthest point with the fewest errors is the start.
      const from = Math.max(start, e - m - errors);
      const back = this.scan(this.units.backward, text, e - 1, -1, e - from, errors);
      return { start: e - (back[back.length - 1] ?? 0), end: e, errors };
    });
  }

  // Runs the pattern (`masks`: forward or backward) over `count` units of the
  // text from `first` on, by `step`, and returns the steps (1-based) after
  // which the best match ending there has the fewest errors, at most
  // `maxErrors`; that number is left in `bound`. Blocks below the last one
  // that can hold a score within the bound are not computed (Ukkonen's
  // cut-off, in Myers' block form), as approx-string-match does.
  private scan(masks: Int32Array, text: string, first: number, step: 1 | -1, count: number,
    maxErrors: number): number[] {
    const { pv, mv, score, m } = this;
    const last = this.blocks - 1;
    let bound = Math.min(maxErrors, m);
    let y = Math.max(0, Math.ceil(bound / W) - 1);
    for (let b = 0; b <= y; b++) {
      pv[b] = -1;
      mv[b] = 0;
      score[b] = (b + 1) * W;
    }
    score[last] = m;
    const found: number[] = [];
    for (let s = 1, j = first; s <= count; s++, j += step) {
      const row = this.units.row(text.charCodeAt(j));
      let carry = 0;
      for (let b = 0; b <= y; b++) {
        carry = this.advance(masks, row, b, carry);
        score[b] += carry;
      }
      const nextMayMatch = ((masks[row + y + 1] as number) & 1) !== 0 || carry < 0;
      if ((score[y] as number) - carry <= bound && y < last && nextMayMatch) {
        // The next block can hold a score within the bound: start it, as if
        // its rows had grown by one each from the block above.
        y++;
        pv[y] = -1;
        mv[y] = 0;
        const rows = y === last ? m - last * W : W;
        score[y] = (score[y - 1] as number) + rows - carry + this.advance(masks, row, y, carry);
      } else {
        while (y > 0 && (score[y] as number) >= bound + W) y--;
      }
      if (y === last && (score[y] as number) <= bound) {
        if ((score[y] as number) < bound) found.length = 0;
        found.push(s);
        bound = score[y] as number;
      }
    }
    this.bound = bound;
    return found;
  }

  // Takes block `b` of the column one text unit further (its row of
  // `masks` at `row`), given the horizontal delta entering its first row
  // (−1, 0, +1); returns the one leaving its last row.
  private advance(masks: Int32Array, row: number, b: number, hIn: number): number {
    const { pv, mv } = this;
    const p = pv[b] as number;
    const mm = mv[b] as number;
    const eq = (masks[row + b] as number) | (hIn < 0 ? 1 : 0);
    const xv = eq | mm;
    const xh = (((eq & p) + p) ^ p) | eq;
    let ph = mm | ~(xh | p);
    let mh = p & xh;
    const top = b === this.blocks - 1 ? this.lastBit : 1 << 31;
    const hOut = (ph & top) !== 0 ? 1 : (mh & top) !== 0 ? -1 : 0;
    ph = (ph << 1) | (hIn > 0 ? 1 : 0);
    mh = (mh << 1) | (hIn < 0 ? 1 : 0);
    pv[b] = mh | ~(xv | ph);
    mv[b] = ph & xv;
    return hOut;
  }
}
