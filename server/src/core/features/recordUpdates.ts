// What the analyst's decisions make of the anchors record (anchorRecord.ts):
// confirming every quote of a workspace folder, pinning one place of a quote
// that matches in several, and deciding on a quote whose source changed —
// accept the new passage (the record, and the quote when it was reworded,
// take the article as it reads now) or keep the old wording (the claim goes
// on quoting the version recorded). Plain functions over the notes as
// anchored now; reading and writing the file is the caller's.
import { contextAround, isAmbiguous } from '../anchoring/anchor';
import { type RecordedAnchor } from '../anchoring/anchorRecord';
import { type Place } from '../anchoring/contextMatch';
import { type NoteAnchoring, type QuoteAnchor } from '../anchoring/noteAnchoring';
import { pathIn } from '../anchoring/recordedAnchors';
import { oneLine } from './anchorViews';

export interface ConfirmSummary {
  /** Quotes the record holds afterwards. */
  recorded: number;
  /** Of those, the ones whose entry changed (new, moved, another text of the source). */
  updated: number;
  /** Not recorded: they match in several places as closely and no place is pinned. */
  ambiguous: number;
  /** Not recorded: not found in their source, or their source is not read. */
  unanchored: number;
  /** Kept as they were: their source changed and the change awaits review. */
  awaitingReview: number;
}

function entryAt(q: QuoteAnchor, folder: string, text: string, sha256: string, place: Place, quote = q.quote, occurrence?: number): RecordedAnchor {
  return {
    source: pathIn(folder, q.uri!), sha256, start: place.start, end: place.end, exact: text.slice(place.start, place.end),
    ...contextAround(text, place.start, place.end), quote, ...(occurrence !== undefined ? { occurrence } : {}),
  };
}

function sameEntry(a: RecordedAnchor | undefined, b: RecordedAnchor): boolean {
  return !!a && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The entries of a folder's record after confirming its notes' quotes as
 * anchored now. A quote keeps its entry when its source changed and nobody
 * reviewed the change, or when the analyst kept quoting an earlier version;
 * a pin is kept as the place it chose among the places now. Entries of
 * quotes no note holds any more are dropped.
 */
export function confirmEntries(current: ReadonlyMap<string, RecordedAnchor>, anchorings: readonly NoteAnchoring[], folder: string,
  sources: { text(uri: string): string | undefined; sha256(uri: string): string | undefined }): { entries: Map<string, RecordedAnchor>; summary: ConfirmSummary } {
  const entries = new Map<string, RecordedAnchor>();
  const summary: ConfirmSummary = { recorded: 0, updated: 0, ambiguous: 0, unanchored: 0, awaitingReview: 0 };
  for (const a of anchorings) {
    for (const q of a.quotes) {
      if (q.key === undefined) continue;
      const standing = q.record;
      if (standing?.status === 'earlier' || (standing?.status === 'changed' && standing.change.kind !== 'unchanged')) {
        entries.set(q.key, standing.entry);
        if (standing.status === 'changed') summary.awaitingReview++;
        continue;
      }
      const r = q.result;
      const text = q.uri !== undefined ? sources.text(q.uri) : undefined;
      const sha256 = q.uri !== undefined ? sources.sha256(q.uri) : undefined;
      if (!r || q.method === 'not-found' || q.method === 'no-source' || text === undefined || sha256 === undefined) { summary.unanchored++; continue; }
      if (isAmbiguous(r)) { summary.ambiguous++; continue; }
      // A choice among places is kept as which of them it is now.
      const chosen = r.places && r.chosenBy ? r.places.findIndex((p) => p.start === r.start) : -1;
      const entry = entryAt(q, folder, text, sha256, r, q.quote, chosen >= 0 && standing?.entry.occurrence !== undefined ? chosen + 1 : undefined);
      if (!sameEntry(current.get(q.key), entry)) summary.updated++;
      entries.set(q.key, entry);
    }
  }
  summary.recorded = entries.size;
  return { entries, summary };
}

export type Outcome<T> = T | { error: string };

/** The entry that pins the `occurrence`-th place (1-based) of an ambiguous quote, offered when it started at `start`. */
export function pinnedEntry(q: QuoteAnchor | undefined, occurrence: number, start: number, folder: string, text: string | undefined,
  sha256: string | undefined): Outcome<RecordedAnchor> {
  const place = q?.result?.places?.[occurrence - 1];
  if (!q || !q.result?.places || text === undefined || sha256 === undefined) return { error: 'This quote no longer matches in several places: there is nothing to pin.' };
  if (!place || place.start !== start) return { error: 'The source changed since this fix was offered: look at the quote again.' };
  return entryAt(q, folder, text, sha256, place, q.quote, occurrence);
}

export type ReviewDecision = 'accept' | 'keep';

/** What a decision on a changed quote does: its new entry, and the quote's new text when it takes the new wording. */
export interface Decided { entry: RecordedAnchor; quote?: string }

const ELISION = /\.\.\.|\u2026/;

/**
 * Accepting or keeping a quote of a changed source. `sha256` is the source's
 * digest the review was made on: a decision on a text nobody has seen is refused.
 */
export function decide(q: QuoteAnchor | undefined, decision: ReviewDecision, sha256: string, folder: string, text: string | undefined,
  place?: number): Outcome<Decided> {
  const standing = q?.record;
  if (!q || standing?.status !== 'changed' || text === undefined) return { error: 'This quote has no change awaiting review any more.' };
  if (standing.sha256 !== sha256) return { error: 'The article changed again since this review was made: look at the review again.' };
  if (decision === 'keep') return { entry: { ...standing.entry, reviewed: { decision: 'kept', sha256 } } };
  const change = standing.change;
  switch (change.kind) {
    case 'gone':
      return { error: 'The passage is gone from the article: there is nothing to accept. Keep the old wording, or remove the quote.' };
    case 'unchanged':
      return { entry: entryAt(q, folder, text, sha256, change.place) };
    case 'ambiguous': {
      const chosen = place !== undefined ? change.places[place] : undefined;
      if (!chosen) return { error: 'Say which of the places is the passage quoted.' };
      return { entry: entryAt(q, folder, text, sha256, chosen) };
    }
    case 'edited': {
      if (ELISION.test(q.quote)) return { error: 'An elided quote cannot take the new passage as it stands: edit the quote, then confirm the quotes again.' };
      const quote = oneLine(change.exact);
      return { entry: entryAt(q, folder, text, sha256, change.place, quote), quote };
    }
  }
}
