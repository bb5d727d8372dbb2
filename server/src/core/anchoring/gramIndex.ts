// An index of the 5-unit substrings (5-grams) of a text, so the fuzzy
// search's filter finds its pieces, and the normalized step its quote,
// without a pass over the whole text each.
//
// Built once per prepared source, on its first search (sourceText.ts): one
// pass over the text. Only grams starting at even offsets are indexed: any string of
// at least GRAM + 1 units holds such a gram wherever it occurs, so lookups
// lose nothing, and the index costs half. Grams are hashed into buckets,
// each a chain through the text (`head` → its latest gram → `next` → earlier
// ones) with its length in `size`, so a bucket holds the gram's occurrences
// plus collisions; a lookup takes the rarest gram of the piece at each
// parity and checks every candidate, so collisions cost time, never
// correctness. A chain is built in one pass, where a table sorted by bucket
// takes a counting pass and a scatter, and is walked from the end, so a
// lookup stops at `from`.

const GRAM = 5;

/** The shortest string the index can look up: it holds a gram at an even offset wherever it occurs. */
export const INDEXED_LENGTH = GRAM + 1;

// A rolling hash with nothing to subtract: each unit shifts the hash by 7
// bits, so a unit has left the 32-bit word GRAM units later (7 · 5 ≥ 32).
// Then a multiplicative mix into the bucket range.
const SHIFT = 7;
const MIX = 0x9e3779b1;

// 16 bits hold every slot and count of a text shorter than this: half the
// memory to write, for most sources.
const SHORT = 0xffff;

const encoder = new TextEncoder();
// Reused for texts up to this long (a prepared source keeps only the index).
const SCRATCH = 1 << 16;
const byteScratch = new Uint8Array(SCRATCH);
const unitScratch = new Uint16Array(SCRATCH);

// The text's units in a typed array, which a loop reads several times faster
// than charCodeAt, and always a Uint16Array, so the loop sees one kind of
// array. An ASCII text is encoded natively (UTF-8 is one byte per ASCII unit
// and more for any other, so the text fits into as many bytes exactly when
// it is ASCII), then widened natively.
function unitsOf(text: string): Uint16Array {
  const n = text.length;
  const units = n <= SCRATCH ? unitScratch.subarray(0, n) : new Uint16Array(n);
  const bytes = n <= SCRATCH ? byteScratch.subarray(0, n) : new Uint8Array(n);
  if (encoder.encodeInto(text, bytes).read === n) {
    units.set(bytes);
  } else {
    for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  }
  return units;
}

// Where a lookup collects the starts it finds at each parity before merging
// them: reused, as lookups run once per quote and per fuzzy piece (a list
// grown for a very common piece is dropped after it).
const FOUND = 256;
const found: [Uint32Array, Uint32Array] = [new Uint32Array(FOUND), new Uint32Array(FOUND)];
const grown = (list: Uint32Array) => {
  const bigger = new Uint32Array(2 * list.length);
  bigger.set(list);
  return bigger;
};

export class GramIndex {
  // Bucket → 1 + the slot of its latest gram (0: empty); a gram starting at p has slot p / 2.
  private readonly head: Uint16Array | Uint32Array;
  // 1 + a gram's slot → 1 + the slot of the previous gram in its bucket (0: none).
  private readonly next: Uint16Array | Uint32Array;
  // Bucket → how many grams it holds: picking the rarest gram walks no chain.
  private readonly size: Uint16Array | Uint32Array;
  private readonly shift: number;

  constructor(private readonly text: string) {
    const slots = Math.ceil(Math.max(0, text.length - GRAM + 1) / 2);
    // About four grams per bucket keeps the tables small and chains short.
    let bits = 10;
    while (bits < 22 && 1 << bits < slots / 4) bits++;
    const shift = (this.shift = 32 - bits);
    const Table = text.length < SHORT ? Uint16Array : Uint32Array;
    const head = (this.head = new Table(1 << bits));
    const size = (this.size = new Table(1 << bits));
    const next = (this.next = new Table(slots + 1));
    const units = unitsOf(text);
    const n = units.length;
    let h = 0;
    for (let i = 0; i < GRAM - 1 && i < n; i++) h = (h << SHIFT) ^ (units[i] as number);
    // Two units a step: the one that ends a gram at an even start, which is
    // indexed, then the one that ends the gram at the odd start after it.
    for (let i = GRAM - 1; i < n; i += 2) {
      h = (h << SHIFT) ^ (units[i] as number);
      const b = Math.imul(h, MIX) >>> shift;
      const slot = ((i - GRAM + 1) >> 1) + 1;
      next[slot] = head[b] as number;
      head[b] = slot;
      size[b]++;
      if (i + 1 < n) h = (h << SHIFT) ^ (units[i + 1] as number);
    }
  }

  /** Every start of `piece` (at least INDEXED_LENGTH units) at or after `from`, ascending. */
  occurrences(piece: string, from: number): number[] {
    // An occurrence at p holds indexed grams at the piece's offsets o with
    // p + o even: look up the rarest gram at even offsets for the
    // occurrences at even p, the rarest at odd offsets for the odd ones.
    let evenBucket = -1;
    let evenOffset = 0;
    let evenSize = Infinity;
    let oddBucket = -1;
    let oddOffset = 0;
    let oddSize = Infinity;
    let h = 0;
    // A bucket of one candidate cannot be beaten: stop once both parities have one.
    for (let i = 0; i < piece.length && (evenSize > 1 || oddSize > 1); i++) {
      h = (h << SHIFT) ^ piece.charCodeAt(i);
      const offset = i - GRAM + 1;
      if (offset < 0) continue;
      const b = Math.imul(h, MIX) >>> this.shift;
      const size = this.size[b] as number;
      if ((offset & 1) === 0) {
        if (size < evenSize) {
          evenBucket = b;
          evenOffset = offset;
          evenSize = size;
        }
      } else if (size < oddSize) {
        oddBucket = b;
        oddOffset = offset;
        oddSize = size;
      }
    }
    // Each parity's starts come latest first: merge them from the end.
    const evens = this.collect(piece, from, evenBucket, evenOffset, 0);
    const odds = this.collect(piece, from, oddBucket, oddOffset, 1);
    const out: number[] = [];
    for (let i = evens - 1, j = odds - 1; i >= 0 || j >= 0;) {
      const even = i >= 0 ? (found[0][i] as number) : Infinity;
      const odd = j >= 0 ? (found[1][j] as number) : Infinity;
      if (even < odd) {
        out.push(even);
        i--;
      } else {
        out.push(odd);
        j--;
      }
    }
    if (found[0].length > 64 * FOUND) found[0] = new Uint32Array(FOUND);
    if (found[1].length > 64 * FOUND) found[1] = new Uint32Array(FOUND);
    return out;
  }

  // Collects into found[parity] the piece's starts found through the grams
  // of one bucket at one offset of the piece, latest first; returns how many.
  private collect(piece: string, from: number, bucket: number, offset: number, parity: 0 | 1): number {
    let count = 0;
    if (bucket < 0) return count;
    for (let s = this.head[bucket] as number; s !== 0; s = this.next[s] as number) {
      const at = 2 * (s - 1) - offset;
      if (at < from) break;
      if (!this.text.startsWith(piece, at)) continue;
      if (count === found[parity].length) found[parity] = grown(found[parity]);
      found[parity][count++] = at;
    }
    return count;
  }
}
