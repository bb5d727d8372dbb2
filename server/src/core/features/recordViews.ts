// What the analyst sees of the anchors record in a note: a quote that matches
// in several places (each listed, to pin one), a quote whose source changed
// since it was confirmed (what became of it), a source that changed with all
// its quotes still in it, a quote kept as an earlier version of the article;
// and the line the claim card gives each of these. Plain functions over a
// NoteAnchoring, called by anchorViews.ts.
import { type AnchorResult } from '../anchoring/anchor';
import { RECORD_PATH } from '../anchoring/anchorRecord';
import { CONTEXT_LENGTH } from '../anchoring/contextMatch';
import { type NoteAnchoring, type QuoteAnchor } from '../anchoring/noteAnchoring';
import { quoteDiff, shortDiff } from '../anchoring/quoteDiff';
import { type Problem } from '../notes/model';

/** The first 8 hex digits of a digest: enough to tell two versions apart in a message. */
export function shortDigest(sha256: string): string {
  return `${sha256.slice(0, 8)}…`;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * A place in a few words: up to `side` characters of its context either side
 * of the matched text, in whole words; "…" where the text goes on.
 */
export function placeContext(text: string, prefix: string, suffix: string, side = 20): string {
  const p = prefix.replace(/\s+/g, ' ');
  const s = suffix.replace(/\s+/g, ' ');
  let before = p.slice(-side);
  if (before.length < p.length && p[p.length - before.length - 1] !== ' ') before = before.replace(/^\S*\s?/, '');
  let after = s.slice(0, side);
  if (after.length < s.length && s[after.length] !== ' ') after = after.replace(/\s?\S*$/, '');
  // A context shorter than the record keeps reaches the text's edge.
  const more = (shown: string, all: string) => shown.trim().length < all.trim().length || all.length >= CONTEXT_LENGTH;
  return `${more(before, p) ? '…' : ''}${before.trimStart()}«${clip(text, 40)}»${after.trimEnd()}${more(after, s) ? '…' : ''}`;
}

/** A quote that matches in several places as closely: each place, and (when the record can hold it) the pins on offer. */
export function ambiguityProblem(q: QuoteAnchor, r: AnchorResult, sourceLabel: string): Problem {
  const places = r.places ?? [];
  const listed = places.map((p, i) => `${i + 1}. line ${p.line + 1}: ${placeContext(r.exact, p.prefix, p.suffix)}`);
  const more = r.occurrences > places.length ? [`and ${r.occurrences - places.length} more`] : [];
  const pin = q.key !== undefined ? [`Pin the one you mean (quick fix): it is recorded in ${RECORD_PATH}.`] : [];
  return {
    code: 'quote-ambiguous', severity: 'hint', range: q.field.valueRange,
    message: [`This quote occurs ${r.occurrences} times in ${sourceLabel}, each as closely; the first is taken.`, ...listed, ...more, ...pin].join('\n'),
    ...(q.key !== undefined ? {
      data: { key: q.key, value: q.field.value, places: places.map((p) => ({ start: p.start, line: p.line, context: placeContext(r.exact, p.prefix, p.suffix, 16) })) },
    } : {}),
  };
}

/** What the record says of a quote, when it says something the analyst must act on or know; undefined otherwise. */
export function recordProblem(q: QuoteAnchor): Problem | undefined {
  const s = q.record;
  const range = q.field.valueRange;
  if (s?.status === 'earlier') {
    return { code: 'quote-earlier-version', severity: 'information', range,
      message: `This quote is kept as the article read when it was confirmed (sha256 ${shortDigest(s.entry.sha256)}); the saved copy now reads differently.` };
  }
  if (s?.status !== 'changed' || s.change.kind === 'unchanged') return undefined;
  const code = 'source-changed-unreviewed';
  const since = 'The article changed since this quote was confirmed';
  switch (s.change.kind) {
    case 'edited':
      return { code, severity: 'warning', range,
        message: `${since}: the passage now reads “${clip(s.change.exact, 120)}” (${shortDiff(quoteDiff(s.entry.exact, s.change.exact))}). Review Changed Sources to accept it or keep the old wording.` };
    case 'gone':
      return { code, severity: 'error', range,
        message: `${since}, and the passage is no longer in it. Review Changed Sources to keep the old wording, or remove the quote.` };
    case 'ambiguous':
      return { code, severity: 'warning', range,
        message: `${since}: its words now appear in ${s.change.places.length === 1 ? 'one place' : `${s.change.places.length} places`} that the record cannot tell apart from a look-alike. Review Changed Sources to say which, if any, is the passage quoted.` };
  }
}

/**
 * A source that changed since its quotes were confirmed while every one of
 * them is still in it: one note on the source, saying the record can be
 * brought up to date. (A quote that was edited or is gone has its own.)
 */
export function changedSourceProblems(a: NoteAnchoring): Problem[] {
  const out: Problem[] = [];
  for (const s of a.sources) {
    const recorded = a.quotes.filter((q) => q.uri !== undefined && q.uri === s.uri && q.record?.status === 'changed');
    const first = recorded[0]?.record;
    if (!first || first.status !== 'changed' || recorded.some((q) => q.record?.status === 'changed' && q.record.change.kind !== 'unchanged')) continue;
    out.push({ code: 'source-changed-unreviewed', severity: 'information', range: s.ref.pathRange ?? s.ref.range,
      message: `${s.ref.path} changed since its quotes were confirmed (sha256 ${shortDigest(first.entry.sha256)} then, ${shortDigest(first.sha256)} now); `
        + `${recorded.length === 1 ? 'its recorded quote is' : `each of its ${recorded.length} recorded quotes is`} still in it. Confirm Quotes records the new version.` });
  }
  return out;
}

/** The claim card's line on a quote's entry in the record (Markdown); undefined when it has none. */
export function recordLine(q: QuoteAnchor, diff: (old: string, now: string) => string): string | undefined {
  const s = q.record;
  if (!s) return undefined;
  const since = '⚠️ The article changed since this quote was confirmed';
  switch (s.status) {
    case 'confirmed': {
      const pin = s.entry.occurrence !== undefined && q.result ? ` · occurrence ${s.entry.occurrence} of ${q.result.occurrences} pinned` : '';
      return `Confirmed in \`${RECORD_PATH}\`${pin}`;
    }
    case 'earlier':
      return `Quotes the article as it read when confirmed (sha256 \`${shortDigest(s.entry.sha256)}\`), kept on review`;
    case 'changed':
      switch (s.change.kind) {
        case 'unchanged': return `The article changed since this quote was confirmed; the passage is still in it${s.change.moved ? ', moved' : ''}`;
        case 'edited': return `${since}. Then against now: ${diff(s.entry.exact, s.change.exact)}`;
        case 'gone': return `${since}; the passage is gone from it`;
        case 'ambiguous': return `${since}; its words are in ${s.change.places.length} places the record cannot tell apart`;
      }
  }
}
