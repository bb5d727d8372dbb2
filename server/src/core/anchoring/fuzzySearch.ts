// Approximate search for a quote in a long text: the lowest-error match with
// at most k edits (insertions, deletions, substitutions), earliest on ties.
//
// The matcher is approx-string-match (Myers' bit-parallel algorithm, what
// Hypothesis uses), run on each window: O(n·⌈m/32⌉) over the text, never an
// n·m table. (A reimplementation that scanned windows in place without
// slicing them measured no faster on the anchoring benchmarks, so the
// library does it.)
// Over a 1 MB article one scan still takes ~25 ms, too slow for hundreds of
// quotes, so we filter first, losslessly. Pigeonhole: cut the pattern into
// k+s pieces; an alignment with at most k edits leaves at least s of them
// intact, so every match contains some pieces verbatim. We find the pieces
// (with the source's 5-gram index, gramIndex.ts) and run the matcher only on
// the windows around them that could hold a match, most promising first:
// this finds exactly what a full scan finds (a property test checks it).
// When the pieces are too common for that to pay, we scan the text in
// chunks. Cancellation is checked between windows and between chunks.

import { type CancellationToken, throwIfCancelled } from '../base/cancellation';
import approxSearch from 'approx-string-match';
import { INDEXED_LENGTH, type GramIndex } from './gramIndex';

export interface FuzzyMatch {
  readonly start: number;
  readonly end: number;
  readonly errors: number;
  /** How many non-overlapping places match with that many errors. */
  readonly count: number;
}

export interface FuzzyOptions {
  /** Matches start at or after this offset. */
  readonly from?: number;
  readonly token?: CancellationToken;
  /** A 5-gram index of `text`; without it, pieces are found with indexOf. */
  readonly index?: GramIndex;
}

// The best matches so far: fewest errors, then earliest start; `count` the
// non-overlapping places with that many errors.
interface Best {
  start: number;
  end: number;
  errors: number;
  count: number;
}

const WORD = /[\p{L}\p{N}]/u;

// Folds one region's matches (only those starting before `limit`) into
// `best`. The matcher reports every end position, so overlapping matches are
// one place; at one start, the length nearest the pattern's wins (a
// substituted last letter rather than a dropped one), and of two as near,
// the one that does not end inside a word: a quote fixed from the match must
// not cut "parallel" to "parall".
interface ApproxMatch { readonly start: number; readonly end: number; readonly errors: number }

/** The matches of `pattern` in text[start, end) with the fewest errors, if at most `maxErrors`, in text offsets. */
function searchWindow(text: string, pattern: string, start: number, end: number, maxErrors: number): ApproxMatch[] {
  return approxSearch(text.slice(start, end), pattern, maxErrors).map((m) => ({ start: m.start + start, end: m.end + start, errors: m.errors }));
}

function consider(best: Best, found: ApproxMatch[], limit: number, m: number, text: string): void {
  const cost = (start: number, end: number) => 2 * Math.abs(end - start - m) + (WORD.test(text[end] ?? ' ') ? 1 : 0);
  const sorted = found.sort((a, b) => a.start - b.start || a.end - b.end);
  let places = 0;
  let first: { start: number; end: number } | undefined;
  let lastEnd = -1;
  for (const { start, end } of sorted) {
    if (start >= limit) break;
    if (start >= lastEnd) places++;
    lastEnd = Math.max(lastEnd, end);
    if (!first) first = { start, end };
    else if (start === first.start && cost(start, end) < cost(first.start, first.end)) first.end = end;
  }
  const errors = sorted[0]?.errors;
  if (!first || errors === undefined || errors > best.errors) return;
  if (errors < best.errors) {
    Object.assign(best, { start: first.start, end: first.end, errors, count: places });
    return;
  }
  best.count += places;
  if (first.start < best.start) Object.assign(best, { start: first.start, end: first.end });
}

interface Window {
  start: number;
  end: number;
  /** No match in the window has fewer errors than this. */
  lowerBound: number;
}

// At most this many piece occurrences are collected before a plain scan is
// cheaper than sorting and verifying them.
const MAX_HITS = 40_000;

// Into how many pieces to cut the pattern: k + s, with s up to 3 while the
// pieces stay at least 7 units long (shorter pieces occur too often to filter).
function pieceCount(m: number, k: number): number {
  let s = 1;
  while (s < 3 && Math.floor(m / (k + s + 1)) >= 7) s++;
  return k + s;
}

// The hits of the search under way, in buffers reused from one search to the
// next (a search is synchronous; they grow to 1 MB at most): a fuzzy search
// per quote adds up, and typed arrays of this size are allocated outside the
// heap, at a cost. A hit is first one number, (diagonal + m) · pieces +
// piece, so that sorting plain numbers sorts hits by diagonal (where the
// pattern would start if the piece is intact: occurrence − offset in the
// pattern, never below −m); then it is split into `diagonals` and `pieceOf`.
const hits = {
  keys: new Float64Array(1024),
  diagonals: new Int32Array(1024),
  pieceOf: new Int32Array(1024),
  count: 0,
  // False once there are more than MAX_HITS: a scan is then cheaper.
  add(key: number): boolean {
    if (this.count === this.keys.length) {
      const keys = new Float64Array(2 * this.count);
      keys.set(this.keys);
      this.keys = keys;
      this.diagonals = new Int32Array(2 * this.count);
      this.pieceOf = new Int32Array(2 * this.count);
    }
    this.keys[this.count++] = key;
    return this.count <= MAX_HITS;
  },
};

// Most distinct pieces among hits [from, to) (sorted by diagonal) whose
// diagonals lie within `width` of each other. Per-piece counts fit 16 bits
// because there are at most MAX_HITS hits.
function mostConsistentPieces(from: number, to: number, pieces: number, width: number): number {
  const { diagonals, pieceOf } = hits;
  const inRange = new Uint16Array(pieces);
  let distinct = 0;
  let most = 0;
  let lo = from;
  for (let i = from; i < to; i++) {
    if (inRange[pieceOf[i] as number]++ === 0) distinct++;
    for (; (diagonals[lo] as number) < (diagonals[i] as number) - width; lo++) {
      if (--inRange[pieceOf[lo] as number] === 0) distinct--;
    }
    most = Math.max(most, distinct);
  }
  return most;
}

// The regions that can hold a match, from the pieces' exact occurrences.
// Each edit breaks at most one of the P pieces, so a match with e errors
// keeps P - e of them intact, at diagonals within 2e of each other, and every
// intact piece's window [diagonal - k, diagonal + m + k) contains the match.
// So a merged window whose hits include at most h distinct pieces on
// diagonals within 2k holds no match with fewer than P - h errors; windows
// where that bound exceeds k are dropped unverified. Undefined when the
// pieces are so common that a scan is cheaper.
function candidateWindows(text: string, pattern: string, k: number, from: number,
  index: GramIndex | undefined): Window[] | undefined {
  const m = pattern.length;
  const pieces = pieceCount(m, k);
  const pieceLength = Math.floor(m / pieces);
  hits.count = 0;
  for (let p = 0; p < pieces; p++) {
    const offset = p * pieceLength;
    const piece = pattern.slice(offset, p === pieces - 1 ? m : offset + pieceLength);
    const base = m - offset;
    if (index && piece.length >= INDEXED_LENGTH) {
      for (const at of index.occurrences(piece, from)) if (!hits.add((at + base) * pieces + p)) return undefined;
    } else {
      for (let at = text.indexOf(piece, from); at >= 0; at = text.indexOf(piece, at + 1)) {
        if (!hits.add((at + base) * pieces + p)) return undefined;
      }
    }
  }
  const count = hits.count;
  const keys = hits.keys.subarray(0, count).sort();
  const { diagonals, pieceOf } = hits;
  for (let i = 0; i < count; i++) {
    const key = keys[i] as number;
    const piece = key % pieces;
    pieceOf[i] = piece;
    diagonals[i] = (key - piece) / pieces - m;
  }
  const windows: Window[] = [];
  for (let i = 0; i < count;) {
    const first = diagonals[i] as number;
    let end = first + m + k;
    let j = i + 1;
    for (; j < count && (diagonals[j] as number) - k <= end; j++) end = (diagonals[j] as number) + m + k;
    const lowerBound = pieces - mostConsistentPieces(i, j, pieces, 2 * k);
    if (lowerBound <= k) windows.push({ start: Math.max(from, first - k), end: Math.min(text.length, end), lowerBound });
    i = j;
  }
  return windows.sort((a, b) => a.lowerBound - b.lowerBound || a.start - b.start);
}

const CHUNK = 1 << 16;

/**
 * The best match of `pattern` in `text` at or after `from`, with at most
 * `maxErrors` edits: fewest errors, then earliest start. Undefined if none.
 */
export function fuzzySearch(text: string, pattern: string, maxErrors: number,
  options: FuzzyOptions = {}): FuzzyMatch | undefined {
  const { from = 0, token, index } = options;
  const m = pattern.length;
  const k = Math.min(maxErrors, m - 1);
  if (m === 0 || k < 0 || from >= text.length) return undefined;
  const best: Best = { start: Infinity, end: Infinity, errors: k + 1, count: 0 };

  const windows = candidateWindows(text, pattern, k, from, index);
  if (windows?.length === 0) return undefined;
  if (windows) {
    for (const w of windows) {
      // Sorted by bound: once it exceeds the best, nothing left can tie it.
      if (w.lowerBound > best.errors) break;
      throwIfCancelled(token);
      consider(best, searchWindow(text, pattern, w.start, w.end, Math.min(k, best.errors)), w.end, m, text);
    }
  } else {
    // A match starting in [s, s + CHUNK) ends before s + CHUNK + m + k, so it
    // lies whole in this chunk; matches starting later belong to the next one.
    for (let s = from; s < text.length; s += CHUNK) {
      throwIfCancelled(token);
      const e = Math.min(text.length, s + CHUNK + m + k);
      consider(best, searchWindow(text, pattern, s, e, Math.min(k, best.errors)), s + CHUNK, m, text);
    }
  }
  return best.count === 0 ? undefined : { start: best.start, end: best.end, errors: best.errors, count: best.count };
}
