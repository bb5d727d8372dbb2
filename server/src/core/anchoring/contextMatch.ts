// How well a place in a source agrees with where a quote was recorded (the
// anchors record, anchorRecord.ts): its 32 characters of context either side
// and its distance from the recorded offset. Anchoring weighs these when a
// quote matches in several places equally closely, so a look-alike passage
// with other surroundings does not win; the review of a changed source
// (sourceChange.ts) uses the same measures to tell a moved passage from a
// reworded or a deleted one.
//
// Context is compared folded (spacing, quotation marks, dashes, case), by edit
// distance: 32 characters either side make a 32 × 32 table, nothing to count.
import { foldText } from '../text/fold';

/** What the anchors record remembers of a quote's place, as anchoring weighs it. */
export interface AnchorHint {
  /** UTF-16 offset of the passage in the text the record was made on. */
  readonly start: number;
  readonly prefix: string;
  readonly suffix: string;
  /** The analyst's pin: the n-th (1-based) of the places that match equally well, counted from the start. */
  readonly occurrence?: number;
}

/** A place in the source text: [start, end) in UTF-16 units. */
export interface Place { readonly start: number; readonly end: number }

/** How many units of context either side a record keeps. */
export const CONTEXT_LENGTH = 32;

// The weights of a place's score: the context either side counts four times
// as much as the distance from the recorded offset, which only separates
// places whose surroundings are alike.
const PREFIX_WEIGHT = 4;
const SUFFIX_WEIGHT = 4;
const POSITION_WEIGHT = 1;

/** Levenshtein distance of two short strings (one row of the table at a time). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost));
    }
    row = next;
  }
  return row[b.length]!;
}

/** 1 for the same text folded, falling to 0 as the edits approach the longer one's length. */
export function similarity(a: string, b: string): number {
  const fa = foldText(a);
  const fb = foldText(b);
  const longest = Math.max(fa.length, fb.length);
  return longest === 0 ? 1 : 1 - editDistance(fa, fb) / longest;
}

/** How alike the context before and after `place` is to the recorded context: each 0…1. */
export function contextSides(text: string, place: Place, recorded: { prefix: string; suffix: string }): { prefix: number; suffix: number } {
  // The same number of units as was recorded, so a shorter recorded context (the text's start) is compared like for like.
  const before = text.slice(Math.max(0, place.start - recorded.prefix.length), place.start);
  const after = text.slice(place.end, place.end + recorded.suffix.length);
  return { prefix: similarity(recorded.prefix, before), suffix: similarity(recorded.suffix, after) };
}

/** A place's agreement with the record, 0…1: its context either side, then its distance from the recorded offset. */
export function contextScore(text: string, place: Place, hint: AnchorHint): number {
  const sides = contextSides(text, place, hint);
  const position = 1 - Math.min(1, Math.abs(place.start - hint.start) / Math.max(1, text.length));
  return (PREFIX_WEIGHT * sides.prefix + SUFFIX_WEIGHT * sides.suffix + POSITION_WEIGHT * position)
    / (PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
}

/** Scores that differ by less than this are equal: the places are equally good. */
const EPSILON = 1e-9;

export interface Choice {
  /** Index of the place taken in `places`. */
  readonly index: number;
  /** How many places are as good as it (1: it stands alone). */
  readonly ties: number;
  /** What decided between places: the record's context and position, or the analyst's pin. */
  readonly by?: 'context' | 'pin';
}

/**
 * Which of several places, all matching the quote equally closely, the record
 * points at: the best context score; among places still equal, the pinned
 * occurrence (its index among all `places`), else the first.
 */
export function chooseByRecord(text: string, places: readonly Place[], hint: AnchorHint): Choice {
  const scores = places.map((p) => contextScore(text, p, hint));
  const best = Math.max(...scores);
  const tied = scores.map((s, i) => (best - s < EPSILON ? i : -1)).filter((i) => i >= 0);
  if (tied.length === 1) return { index: tied[0]!, ties: 1, by: 'context' };
  const pinned = hint.occurrence !== undefined ? hint.occurrence - 1 : -1;
  if (tied.includes(pinned)) return { index: pinned, ties: 1, by: 'pin' };
  return { index: tied[0]!, ties: tied.length };
}
