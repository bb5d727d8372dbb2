// What became of a recorded quote when its source's text no longer has the
// SHA-256 the anchors record holds (SPEC §4, "the article changed"):
//
// - unchanged: the recorded passage is still there with its surroundings
//   (possibly moved: a paragraph added above it moves every offset);
// - edited: where the passage was — between what preceded and what followed
//   it — the article now says something else: the new passage is given, for
//   the old and the new wording to be shown side by side;
// - gone: the passage and its place are no longer there;
// - ambiguous: the passage's words are in several places equally well, or
//   only where their surroundings are not the recorded ones; the analyst says
//   which, if any.
//
// The order matters: the passage with its own surroundings first, then its
// place, and only then its words elsewhere — so a reworded sentence is
// reported as edited, never silently replaced by a look-alike sentence
// further down.
import { foldText } from '../text/fold';
import { type RecordedAnchor } from './anchorRecord';
import { contextSides, type Place } from './contextMatch';
import { fuzzySearch } from './fuzzySearch';
import { wordSimilarity } from './quoteDiff';
import { type PreparedSource } from './sourceText';

export type QuoteChange =
  | { readonly kind: 'unchanged'; readonly place: Place; readonly moved: boolean }
  | { readonly kind: 'edited'; readonly place: Place; readonly exact: string }
  | { readonly kind: 'gone' }
  | { readonly kind: 'ambiguous'; readonly places: readonly Place[] };

/** Surroundings this alike (0…1) on one side, or half as alike on both on average, are the passage's own. */
const ONE_SIDE = 0.75;
const BOTH_SIDES = 0.5;
/** Contexts shorter than this (folded) are too common to locate a passage by. */
const MIN_CONTEXT = 8;
/** A passage found from one side of its context must start (or end) within this many units of it. */
const NEAR = 16;
/** How many places of a context or a passage are weighed at most. */
const MAX_CANDIDATES = 50;
const EPSILON = 1e-9;

function isOwnContext(s: { prefix: number; suffix: number }): boolean {
  return Math.max(s.prefix, s.suffix) >= ONE_SIDE || (s.prefix + s.suffix) / 2 >= BOTH_SIDES;
}

/** The text places of folded `q`'s occurrences in the source, one per start. */
function placesOf(src: PreparedSource, q: string): Place[] {
  if (q.length === 0) return [];
  const { origin } = src.folded;
  const out: Place[] = [];
  for (const f of src.foldedOccurrences(q, 0)) {
    const start = origin.at(f);
    if (out.at(-1)?.start === start) continue;
    out.push({ start, end: origin.at(f + q.length) });
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out;
}

/** Where a recorded context (folded and trimmed) is in the folded text: exactly, else its closest approximate match. */
function foldedPlaces(src: PreparedSource, context: string): Place[] {
  if (context.length < MIN_CONTEXT) return [];
  const exact = src.foldedOccurrences(context, 0).slice(0, MAX_CANDIDATES).map((f) => ({ start: f, end: f + context.length }));
  if (exact.length > 0) return exact;
  const near = fuzzySearch(src.folded.text, context, Math.floor(context.length / 4), { index: src.gramIndex });
  return near ? [{ start: near.start, end: near.end }] : [];
}

/** [start, end) of the text without the spacing at its edges. */
function trimmed(text: string, start: number, end: number): Place {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** The passage found near one side of its context, within the error budget of a reworded passage. */
function nearSide(src: PreparedSource, q: string, from: number, to: number, accept: (start: number, end: number) => boolean): Place | undefined {
  const folded = src.folded.text;
  const s = Math.max(0, from);
  const e = Math.min(folded.length, to);
  if (e <= s) return undefined;
  const fz = fuzzySearch(folded.slice(s, e), q, Math.floor(q.length * 0.4));
  if (!fz || !accept(fz.start + s, fz.end + s)) return undefined;
  const { origin } = src.folded;
  return trimmed(src.text, origin.at(fz.start + s), origin.at(fz.end + s));
}

// Where the passage was: between what preceded and what followed it, or
// beside one of them when the other is gone too.
function atItsPlace(src: PreparedSource, entry: RecordedAnchor, q: string): QuoteChange | undefined {
  const { origin } = src.folded;
  const text = src.text;
  const before = foldedPlaces(src, foldText(entry.prefix).trim());
  const after = foldedPlaces(src, foldText(entry.suffix).trim());
  const maxGap = 3 * q.length + 64;
  let best: { place: Place; similarity: number; distance: number } | undefined;
  for (const b of before) {
    for (const a of after) {
      if (a.start < b.end || a.start - b.end > maxGap) continue;
      const place = trimmed(text, origin.at(b.end), origin.at(a.start));
      const similarity = place.end > place.start ? wordSimilarity(entry.exact, text.slice(place.start, place.end)) : 0;
      const distance = Math.abs(place.start - entry.start);
      if (!best || similarity > best.similarity + EPSILON || (Math.abs(similarity - best.similarity) < EPSILON && distance < best.distance)) {
        best = { place, similarity, distance };
      }
    }
  }
  if (best) {
    const { place } = best;
    const now = text.slice(place.start, place.end);
    // Nothing worded is left between its surroundings: the passage was deleted.
    if (!/[\p{L}\p{N}]/u.test(now)) return { kind: 'gone' };
    if (foldText(now).trim() === q) return { kind: 'unchanged', place, moved: place.start !== entry.start };
    return { kind: 'edited', place, exact: now };
  }
  const span = 2 * q.length + 32;
  for (const b of before) {
    const place = nearSide(src, q, b.end, b.end + span, (s) => s - b.end <= NEAR);
    if (place) return { kind: 'edited', place, exact: text.slice(place.start, place.end) };
  }
  for (const a of after) {
    const place = nearSide(src, q, a.start - span, a.start, (_s, e) => a.start - e <= NEAR);
    if (place) return { kind: 'edited', place, exact: text.slice(place.start, place.end) };
  }
  return undefined;
}

/** What became of a recorded quote in the source's new text. */
export function classifyChange(src: PreparedSource, entry: RecordedAnchor): QuoteChange {
  const q = foldText(entry.exact).trim();
  const places = placesOf(src, q);
  // The passage with its own surroundings: unchanged, possibly moved.
  const own = places.map((place) => ({ place, sides: contextSides(src.text, place, entry) })).filter((c) => isOwnContext(c.sides));
  if (own.length > 0) {
    const score = (c: (typeof own)[number]) => c.sides.prefix + c.sides.suffix;
    const top = Math.max(...own.map(score));
    const tied = own.filter((c) => top - score(c) < EPSILON);
    const pinned = entry.occurrence !== undefined ? places[entry.occurrence - 1] : undefined;
    const chosen = tied.length === 1 ? tied[0]!.place : tied.find((c) => c.place === pinned)?.place;
    if (!chosen) return { kind: 'ambiguous', places: tied.map((c) => c.place) };
    return { kind: 'unchanged', place: chosen, moved: chosen.start !== entry.start };
  }
  const inPlace = atItsPlace(src, entry, q);
  if (inPlace) return inPlace;
  // Its words are still there, but not where they were: only the analyst can say whether that is the passage quoted.
  if (places.length > 0) return { kind: 'ambiguous', places };
  return { kind: 'gone' };
}
