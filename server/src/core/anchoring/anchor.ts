// Anchoring a quote in its source (SPEC §4): exact, then normalized, then
// fuzzy, else not-found; elided quotes ("a ... b") part by part, in order.
//
// Pure: no editor, no protocol, no file system. The caller prepares the
// source once (sourceText.ts, which also states the BOM rule) and may keep
// results in an AnchorCache (anchorCache.ts).
//
// Offsets are UTF-16 code units of the matched text (the visible text for
// HTML), positions 0-based {line, character}. `fileStart`/`fileEnd` and their
// positions locate the same passage in the file itself; they equal
// start/end for text and Markdown sources.

import { type CancellationToken, throwIfCancelled } from '../base/cancellation';
import { type Position } from '../base/position';
import { type AnchorHint, chooseByRecord, contextScore, type Place } from './contextMatch';
import { fuzzySearch } from './fuzzySearch';
import { foldMarks, foldText, keepsUnit } from '../text/fold';
import { type PreparedSource } from './sourceText';
import { ownCopy } from '../text/kept';


export type AnchorMethod = 'exact' | 'normalized' | 'fuzzy' | 'not-found';

/** From strongest to weakest: an elided quote is as weak as its weakest part. */
export const ANCHOR_METHODS: readonly AnchorMethod[] = ['exact', 'normalized', 'fuzzy', 'not-found'];

export interface AnchorRange {
  readonly start: number;
  readonly end: number;
  readonly startPos: Position;
  readonly endPos: Position;
  readonly fileStart: number;
  readonly fileEnd: number;
  readonly fileStartPos: Position;
  readonly fileEndPos: Position;
}

export interface AnchorPart extends AnchorRange {
  readonly method: AnchorMethod;
  /** The part as written in the quote (trimmed). */
  readonly quote: string;
  readonly exact: string;
  readonly errors?: number;
  readonly occurrences: number;
}

/**
 * Where a quote is in its source. For `not-found` the offsets are 0 and the
 * strings empty; `parts` then shows which part of an elided quote failed.
 */
export interface AnchorResult extends AnchorRange {
  readonly method: AnchorMethod;
  readonly quote: string;
  /** The source text from start to end (W3C TextQuoteSelector `exact`). */
  readonly exact: string;
  /** Up to 32 UTF-16 units before start / after end, never half a surrogate pair. */
  readonly prefix: string;
  readonly suffix: string;
  /** Edit distance of a fuzzy match (summed over parts). */
  readonly errors?: number;
  /**
   * How many places match at the step that matched (the first is taken); for
   * an elided quote, those of its first part from the start of the text.
   */
  readonly occurrences: number;
  /**
   * When several places match as closely: each of them (at most
   * MAX_PLACES, in text order), so the analyst can be shown them and pin one.
   */
  readonly places?: readonly AnchorPlace[];
  /**
   * Set when the anchors record decided between places that match as
   * closely: by their context and position, or by the analyst's pin.
   * Unset with `occurrences` > 1: the first was taken, the quote is ambiguous.
   */
  readonly chosenBy?: 'context' | 'pin';
  /** Each part of an elided quote, in order. */
  readonly parts?: readonly AnchorPart[];
}

/** One of the places a quote matches as closely as others: where it is, its line in the file, and its context. */
export interface AnchorPlace extends Place {
  readonly line: number;
  readonly prefix: string;
  readonly suffix: string;
}

/** Whether a quote matches in several places as closely, and nothing decided between them: the first was taken. */
export function isAmbiguous(r: AnchorResult | undefined): boolean {
  return !!r && r.occurrences > 1 && !r.chosenBy;
}

/** How many of a quote's equally close places are kept to show. */
export const MAX_PLACES = 20;

const CONTEXT = 32;
const ELISION = /\.\.\.|\u2026/;

/** The edit budget for a (folded) quote part: one per ten characters. */
export function maxFuzzyErrors(length: number): number {
  return Math.floor(length / 10);
}

interface Hit {
  method: AnchorMethod;
  start: number;
  end: number;
  errors?: number;
  occurrences: number;
  places?: Place[];
  chosenBy?: 'context' | 'pin';
}

function exactPlaces(haystack: string, needle: string, from: number): Place[] {
  const out: Place[] = [];
  for (let at = haystack.indexOf(needle, from); at >= 0; at = haystack.indexOf(needle, at + 1)) out.push({ start: at, end: at + needle.length });
  return out;
}

// The place taken among places that match at the same step and as closely:
// the only one; else the one the record points at (context, position, pin);
// else the first, the others kept to be shown.
function choose(src: PreparedSource, method: AnchorMethod, places: Place[], hint: AnchorHint | undefined): Hit {
  const first = places[0]!;
  if (places.length === 1) return { method, start: first.start, end: first.end, occurrences: 1 };
  const shown = places.slice(0, MAX_PLACES);
  if (!hint) return { method, start: first.start, end: first.end, occurrences: places.length, places: shown };
  const choice = chooseByRecord(src.text, places, hint);
  const taken = places[choice.index]!;
  return { method, start: taken.start, end: taken.end, occurrences: places.length, places: shown, ...(choice.by ? { chosenBy: choice.by } : {}) };
}

const SURROGATE = /[\uD800-\uDFFF]/;

// From this many units on, a quote found exactly is looked up in the folded
// text instead (findPart): measured on sentences of ~130 units, the two
// passes and the lookup cost alike at 12–16K units, the passes 4–100 times
// more from 64K units on, and half as much as the lookup below 10K.
export const FOLDED_EXACT = 1 << 14;

// Whether every exact occurrence of `quote` starts a normalized occurrence at
// the folded index of its first unit. Folding carries no state past a unit
// that is kept and is not a space, so if the quote's first unit is such a
// unit, the folded text holds the folded quote right there. Surrogates are
// left out: a pair the quote's edge splits folds differently in the text.
function exactIsNormalized(quote: string): boolean {
  return quote.length > 0 && keepsUnit(quote.charCodeAt(0)) && !SURROGATE.test(quote);
}

// One quote (or one part) at or after `from`, trying the steps in order;
// `hint`, the anchors record's memory of its place, decides between places
// that match at the same step as closely.
//
// Once a long source is folded, the exact step looks only at the normalized
// occurrences (see exactIsNormalized): one search of the folded text, a
// gram-index lookup, serves both steps and their counts. In a shorter source
// (FOLDED_EXACT) the two indexOf passes of the exact step cost less than
// folding the quote to look it up.
function findPart(src: PreparedSource, quote: string, from: number, token?: CancellationToken, hint?: AnchorHint): Hit {
  const viaFolded = src.isFolded && src.text.length >= FOLDED_EXACT && exactIsNormalized(quote);
  if (!viaFolded) {
    const at = src.text.indexOf(quote, from);
    // Most quotes occur once: no list of places for them.
    if (at >= 0 && src.text.indexOf(quote, at + 1) < 0) return { method: 'exact', start: at, end: at + quote.length, occurrences: 1 };
    if (at >= 0) return choose(src, 'exact', exactPlaces(src.text, quote, at), hint);
  }

  const q = foldText(quote).trim();
  if (q.length === 0) return { method: 'not-found', start: 0, end: 0, occurrences: 0 };
  const { text: folded, origin } = src.folded;
  const foldedFrom = origin.indexAt(from);
  const found = src.foldedOccurrences(q, foldedFrom);
  if (found.length > 0) {
    if (viaFolded) {
      const exact: Place[] = [];
      let previous = -1;
      for (const f of found) {
        const at = origin.at(f);
        // '…' folds to three dots at one offset: one candidate, not three.
        if (at === previous) continue;
        previous = at;
        if (src.text.startsWith(quote, at)) exact.push({ start: at, end: at + quote.length });
      }
      if (exact.length > 0) return choose(src, 'exact', exact, hint);
    }
    // The occurrence that needs the least folding wins: one that differs only in
    // quotation marks, dashes or spacing beats one whose case differs too. Only
    // equals count as the quote occurring again; the record decides between them.
    let best: Place[] = [];
    let bestScore = 3, previous = -1;
    const marks = found.length > 1 ? foldMarks(quote) : '';
    for (const f of found) {
      const start = origin.at(f);
      if (start === previous) continue;
      previous = start;
      const end = origin.at(f + q.length);
      const score = found.length === 1 ? 0 : foldMarks(src.text.slice(start, end)) === marks ? 1 : 2;
      if (score < bestScore) { best = [{ start, end }]; bestScore = score; } else if (score === bestScore) best.push({ start, end });
    }
    return choose(src, 'normalized', best, hint);
  }

  throwIfCancelled(token);
  const k = maxFuzzyErrors(q.length);
  const fz = k > 0 ? fuzzySearch(folded, q, k, { from: foldedFrom, token, index: src.gramIndex }) : undefined;
  if (!fz) return { method: 'not-found', start: 0, end: 0, occurrences: 0 };
  const global = fuzzyHit(src, fz.start, fz.end, fz.errors, fz.count);
  if (!hint) return global;
  // With a record, the best matches where the quote was recorded — at its
  // offset, and after its recorded prefix — compete with the best anywhere:
  // a reworded passage in place beats a look-alike elsewhere.
  const score = (h: Hit) => 2 * (1 - (h.errors ?? 0) / q.length) + contextScore(src.text, h, hint);
  // Where it was recorded, with its recorded surroundings (an unchanged source): nothing can beat it.
  if (global.start === hint.start && contextScore(src.text, global, hint) === 1) return global;
  let best = global;
  for (const at of recordedPlaces(src, hint, foldedFrom)) {
    const near = fuzzyIn(src, q, k, at - 32, at + q.length + 32, token);
    if (near && near.start !== best.start && score(near) > score(best)) best = { ...near, occurrences: 1 };
  }
  return best === global ? (fz.count > 1 ? { ...global, chosenBy: 'context' } : global) : { ...best, chosenBy: 'context' };
}

// Folded offsets where a recorded passage may start now: its recorded offset,
// and right after each place of its recorded prefix (the text above it may
// have grown or shrunk).
function recordedPlaces(src: PreparedSource, hint: AnchorHint, from: number): number[] {
  const out = [Math.max(from, src.folded.origin.indexAt(hint.start))];
  const prefix = foldText(hint.prefix).trim();
  if (prefix.length >= 8) {
    for (const at of src.foldedOccurrences(prefix, from).slice(0, 8)) out.push(at + prefix.length);
  }
  return out;
}

// A fuzzy match in folded offsets as a hit in text offsets. An edit at either
// edge can pull in the neighbouring space; it is left out.
function fuzzyHit(src: PreparedSource, start: number, end: number, errors: number, occurrences: number): Hit {
  const { text: folded, origin } = src.folded;
  let s = start;
  let e = end;
  while (s < e && folded.charCodeAt(s) === 0x20) s++;
  while (e > s && folded.charCodeAt(e - 1) === 0x20) e--;
  return { method: 'fuzzy', start: origin.at(s), end: origin.at(e), errors, occurrences };
}

// The best fuzzy match of folded `q` in folded [from, to).
function fuzzyIn(src: PreparedSource, q: string, k: number, from: number, to: number, token?: CancellationToken): Hit | undefined {
  const folded = src.folded.text;
  const s = Math.max(0, from);
  const e = Math.min(folded.length, to);
  if (e - s < q.length - k) return undefined;
  const fz = fuzzySearch(folded.slice(s, e), q, k, { token });
  return fz && fuzzyHit(src, fz.start + s, fz.end + s, fz.errors, 1);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Up to 32 units of `text` either side of [start, end), never half a surrogate pair: a record's context. */
export function contextAround(text: string, start: number, end: number): { prefix: string; suffix: string } {
  return { prefix: prefixOf(text, start), suffix: suffixOf(text, end) };
}

function prefixOf(text: string, start: number): string {
  let s = Math.max(0, start - CONTEXT);
  if (s > 0 && isLowSurrogate(text.charCodeAt(s)) && isHighSurrogate(text.charCodeAt(s - 1))) s++;
  return cut(text, s, start);
}

function suffixOf(text: string, end: number): string {
  let e = Math.min(text.length, end + CONTEXT);
  if (e < text.length && isLowSurrogate(text.charCodeAt(e)) && isHighSurrogate(text.charCodeAt(e - 1))) e--;
  return cut(text, end, e);
}

/**
 * A piece of a source's text that a result keeps, as a copy of its own (see
 * ownCopy): a slice would keep the whole source alive for as long as the
 * result is cached, every source of the workspace where only the most
 * recently used are meant to be held (48 MB of sources at 100,000 quotes).
 */
function cut(text: string, start: number, end: number): string {
  return ownCopy(text.slice(start, end));
}

function rangeOf(src: PreparedSource, start: number, end: number): AnchorRange {
  const startPos = src.positionAt(start);
  const endPos = src.positionAt(end);
  // Outside HTML the file range is the same range: one pair of positions
  // serves both (a workspace keeps a result per quote, so objects add up).
  if (src.kind !== 'html') {
    return { start, end, startPos, endPos, fileStart: start, fileEnd: end, fileStartPos: startPos, fileEndPos: endPos };
  }
  const file = src.toFileRange(start, end);
  return {
    start, end, startPos, endPos, fileStart: file.start, fileEnd: file.end,
    fileStartPos: src.filePositionAt(file.start), fileEndPos: src.filePositionAt(file.end),
  };
}

function weakest(a: AnchorMethod, b: AnchorMethod): AnchorMethod {
  return ANCHOR_METHODS.indexOf(a) >= ANCHOR_METHODS.indexOf(b) ? a : b;
}

const ORIGIN: Position = { line: 0, character: 0 };
const NO_RANGE: AnchorRange = {
  start: 0, end: 0, startPos: ORIGIN, endPos: ORIGIN, fileStart: 0, fileEnd: 0, fileStartPos: ORIGIN, fileEndPos: ORIGIN,
};

function notFound(quote: string, parts?: AnchorPart[]): AnchorResult {
  return { method: 'not-found', quote, exact: '', prefix: '', suffix: '', occurrences: 0, ...NO_RANGE,
    ...(parts ? { parts } : {}) };
}

function placeOf(src: PreparedSource, p: Place): AnchorPlace {
  return { start: p.start, end: p.end, line: rangeOf(src, p.start, p.end).fileStartPos.line, prefix: prefixOf(src.text, p.start), suffix: suffixOf(src.text, p.end) };
}

// One result per quote of the workspace (an export makes them all): built as
// one object, its optional members added only when present, in this order.
function resultOf(src: PreparedSource, quote: string, hit: Hit, start: number, end: number, errors: number | undefined,
  parts?: AnchorPart[], method: AnchorMethod = hit.method): AnchorResult {
  const r = rangeOf(src, start, end);
  const out: Mutable<AnchorResult> = {
    method, quote, start: r.start, end: r.end, startPos: r.startPos, endPos: r.endPos,
    fileStart: r.fileStart, fileEnd: r.fileEnd, fileStartPos: r.fileStartPos, fileEndPos: r.fileEndPos,
    exact: cut(src.text, start, end), prefix: prefixOf(src.text, start), suffix: suffixOf(src.text, end),
    occurrences: hit.occurrences,
  };
  if (errors !== undefined) out.errors = errors;
  if (hit.places) out.places = hit.places.map((p) => placeOf(src, p));
  if (hit.chosenBy) out.chosenBy = hit.chosenBy;
  if (parts) out.parts = parts;
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Splits a quote at `...` / `…` into its non-empty, trimmed parts. */
export function quoteParts(quote: string): string[] {
  return quote.split(ELISION).map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Anchors `quote` in `src`. Throws CancelledError if `token` is
 * cancelled while the fuzzy step runs. The quote's outer whitespace is
 * ignored. A quote with an ellipsis that appears verbatim in the source is an
 * exact match; otherwise each part must match after the previous one's end.
 * `hint`, what the anchors record remembers of the quote's place, decides
 * between places that match as closely (for an elided quote, its first part's).
 */
export function anchorQuote(src: PreparedSource, quote: string, token?: CancellationToken, hint?: AnchorHint): AnchorResult {
  throwIfCancelled(token);
  const trimmed = quote.trim();
  const parts = ELISION.test(trimmed) ? quoteParts(trimmed) : [trimmed];
  if (parts.length === 0 || trimmed.length === 0) return notFound(quote);

  const verbatim = parts.length > 1 && src.text.includes(trimmed);
  if (parts.length === 1 || verbatim) {
    const hit = findPart(src, verbatim ? trimmed : (parts[0] as string), 0, token, hint);
    if (hit.method === 'not-found') return notFound(quote);
    return resultOf(src, quote, hit, hit.start, hit.end, hit.errors);
  }

  const found: AnchorPart[] = [];
  let from = 0;
  let method: AnchorMethod = 'exact';
  let errors = 0;
  let head: Hit | undefined;
  for (const part of parts) {
    // The record's context after the passage is the last part's: the first part is weighed by what comes before it.
    const hit = findPart(src, part, from, token, head ? undefined : hint && { ...hint, suffix: '' });
    head ??= hit;
    const missing = hit.method === 'not-found';
    found.push({ method: hit.method, quote: part, exact: missing ? '' : cut(src.text, hit.start, hit.end),
      occurrences: hit.occurrences, ...(hit.errors !== undefined ? { errors: hit.errors } : {}),
      ...(missing ? NO_RANGE : rangeOf(src, hit.start, hit.end)) });
    if (hit.method === 'not-found') return notFound(quote, found);
    method = weakest(method, hit.method);
    errors += hit.errors ?? 0;
    from = hit.end;
  }
  const first = found[0] as AnchorPart;
  const last = found[found.length - 1] as AnchorPart;
  return resultOf(src, quote, head!, first.start, last.end, method === 'fuzzy' ? errors : undefined, found, method);
}
