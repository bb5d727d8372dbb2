// Approximate search for a quote in a long text: the lowest-error match with
// at most k edits (insertions, deletions, substitutions), earliest on ties.
//
// The matcher is approx-string-match, Myers' bit-parallel algorithm (what
// Hypothesis uses): O(n·⌈m/32⌉) over the text, never an n·m table. Over a
// 1 MB article one scan still takes ~25 ms, too slow for hundreds of quotes,
// so we filter first, losslessly. Pigeonhole: cut the pattern into k+s
// pieces; an alignment with at most k edits leaves at least s of them intact,
// so every match contains some pieces verbatim. We find the pieces (with a
// 5-gram index on long texts, gramIndex.ts) and run the matcher only on the
// windows around them that could hold a match, most promising first: this
// finds exactly what a full scan finds (a property test checks it). When the
// pieces are too common for that to pay, we scan the text in chunks.
// Cancellation is checked between windows and between chunks.

import search from 'approx-string-match';
import { GRAM, type GramIndex } from './gramIndex';

export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}

/** Thrown when a token asks to stop; nothing partial is returned or cached. */
export class AnchorCancelledError extends Error {
  constructor() {
    super('anchoring cancelled');
    this.name = 'AnchorCancelledError';
  }
}

export function throwIfCancelled(token: CancellationLike | undefined): void {
  if (token?.isCancellationRequested) throw new AnchorCancelledError();
}

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
  readonly token?: CancellationLike;
  /** A 5-gram index of `text`; without it, pieces are found with indexOf. */
  readonly index?: GramIndex;
}

type Found = ReadonlyArray<{ start: number; end: number; errors: number }>;

// The best matches so far: fewest errors, then earliest start; `count` the
// non-overlapping places with that many errors.
interface Best {
  start: number;
  end: number;
  errors: number;
  count: number;
}

const WORD = /[\p{L}\p{N}]/u;

// Folds one region's matches (offset by `base`; only those starting before
// `limit`) into `best`. approx-string-match reports every end position, so
// overlapping matches are one place; at one start, the length nearest the
// pattern's wins (a substituted last letter rather than a dropped one), and
// of two as near, the one that does not end inside a word: a quote fixed
// from the match must not cut "parallel" to "parall".
function consider(best: Best, found: Found, base: number, limit: number, m: number, text: string): void {
  const cost = (start: number, end: number) => 2 * Math.abs(end - start - m) + (WORD.test(text[end] ?? ' ') ? 1 : 0);
  const sorted = [...found].sort((a, b) => a.start - b.start || a.end - b.end);
  let places = 0;
  let first: { start: number; end: number } | undefined;
  let lastEnd = -1;
  for (const f of sorted) {
    const start = base + f.start;
    const end = base + f.end;
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

interface Hit {
  /** Where the pattern would start if this piece is intact: occurrence - offset in the pattern. */
  readonly diagonal: number;
  readonly piece: number;
}

// Most distinct pieces among hits[from, to) (sorted by diagonal) whose
// diagonals lie within `width` of each other. Per-piece counts fit 16 bits
// because there are at most MAX_HITS hits.
function mostConsistentPieces(hits: readonly Hit[], from: number, to: number, pieces: number, width: number): number {
  const inRange = new Uint16Array(pieces);
  let distinct = 0;
  let most = 0;
  let lo = from;
  for (let i = from; i < to; i++) {
    const h = hits[i] as Hit;
    if (inRange[h.piece]++ === 0) distinct++;
    for (let old = hits[lo] as Hit; old.diagonal < h.diagonal - width; old = hits[++lo] as Hit) {
      if (--inRange[old.piece] === 0) distinct--;
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
  const hits: Hit[] = [];
  for (let p = 0; p < pieces; p++) {
    const offset = p * pieceLength;
    const piece = pattern.slice(offset, p === pieces - 1 ? m : offset + pieceLength);
    if (index && piece.length >= GRAM) {
      for (const at of index.occurrences(piece, from)) hits.push({ diagonal: at - offset, piece: p });
    } else {
      for (let at = text.indexOf(piece, from); at >= 0; at = text.indexOf(piece, at + 1)) {
        hits.push({ diagonal: at - offset, piece: p });
      }
    }
    if (hits.length > MAX_HITS) return undefined;
  }
  hits.sort((a, b) => a.diagonal - b.diagonal);
  const windows: Window[] = [];
  for (let i = 0; i < hits.length;) {
    const first = (hits[i] as Hit).diagonal;
    let end = first + m + k;
    let j = i + 1;
    for (; j < hits.length && (hits[j] as Hit).diagonal - k <= end; j++) end = (hits[j] as Hit).diagonal + m + k;
    const lowerBound = pieces - mostConsistentPieces(hits, i, j, pieces, 2 * k);
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
  if (windows) {
    for (const w of windows) {
      // Sorted by bound: once it exceeds the best, nothing left can tie it.
      if (w.lowerBound > best.errors) break;
      throwIfCancelled(token);
      consider(best, search(text.slice(w.start, w.end), pattern, Math.min(k, best.errors)), w.start, w.end, m, text);
    }
  } else {
    // A match starting in [s, s + CHUNK) ends before s + CHUNK + m + k, so it
    // lies whole in this chunk; matches starting later belong to the next one.
    for (let s = from; s < text.length; s += CHUNK) {
      throwIfCancelled(token);
      const e = Math.min(text.length, s + CHUNK + m + k);
      consider(best, search(text.slice(s, e), pattern, Math.min(k, best.errors)), s, s + CHUNK, m, text);
    }
  }
  return best.count === 0 ? undefined : { start: best.start, end: best.end, errors: best.errors, count: best.count };
}
