// From a claim to its source and back: go to definition on a `quote::`, the
// "Go to Source" target (the file with the passage, or the article's URL
// with a text fragment), the passages to highlight in an open source file,
// and the claim cards shown on hover there.
import { type AnchorRange } from '../anchoring/anchor';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type ClaimField, type NoteModel, type Position, type Range, contains } from '../notes/model';
import { type AnchoredQuote, type NoteAnchoring, type QuoteAnchor, quotesOf } from '../anchoring/noteAnchoring';
import { type QuoteDetail, claimCard } from './cards';
import { claimOfLink, locate } from './locate';
import { claimSource } from '../anchoring/sourceRefs';
import { type Hover, type Location } from './types';

/** Where "Go to Source" goes: a file with the passage to select, or only the article's URL (with a `#:~:text=` fragment); null: no source. */
export type SourceLocationResult = { kind: 'file'; uri: string; range: Range } | { kind: 'url'; url: string } | null;

/** A passage quoted in a source file, to highlight, and the claim that quotes it. */
export interface SourceHighlight {
  range: Range;
  method: 'exact' | 'normalized' | 'fuzzy';
  /** The URI of the note the passage is quoted in. */
  note: string;
  claimId?: string;
  claimText: string;
}

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function fileRange(r: AnchorRange): Range {
  return { start: r.fileStartPos, end: r.fileEndPos };
}

/** Where a quote is in its source file; the top of the file when it is not found there. */
export function quoteLocation(q: QuoteAnchor): Location | undefined {
  if (!q.uri || !q.result) return undefined;
  return { uri: q.uri, range: q.method === 'not-found' ? TOP : fileRange(q.result) };
}

/** The definition hook for a `quote::` field. */
export function quoteDefinition(a: NoteAnchoring | undefined, field: ClaimField): Location | undefined {
  const q = a?.quotes.find((x) => x.field === field);
  return q ? quoteLocation(q) : undefined;
}

/**
 * A text fragment (`#:~:text=start,end`) that makes a browser scroll to the
 * quote and highlight it: the whole quote when it is short, else its first
 * and last few words. Terms stop at a comma or "&": editors decode a URL's
 * fragment before opening it, and a decoded comma would split a term, so
 * terms are kept free of the characters the syntax reserves.
 */
export function textFragmentUrl(url: string, quote: string): string {
  const parts = quote.split(/\.\.\.|\u2026/).map((p) => p.trim()).filter(Boolean);
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const term = (w: string[]) => encodeURIComponent(w.join(' ').replace(/^-+|-+$/g, ''));
  const whole = parts.length === 1 && !/[,&]/.test(parts[0]!) ? words(parts[0]!) : [];
  let directive: string;
  if (whole.length > 0 && whole.length <= 8) directive = `text=${term(whole)}`;
  else {
    const start = words(parts[0]?.split(/[,&]/)[0] ?? '').slice(0, 4);
    const end = words(parts[parts.length - 1]?.split(/[,&]/).pop() ?? '').slice(-4);
    if (start.length === 0 || end.length === 0) return url;
    directive = `text=${term(start)},${term(end)}`;
  }
  return url.includes('#') ? `${url}:~:${directive}` : `${url}#:~:${directive}`;
}

/**
 * Where "Go to Source" goes for a claim (or the quote on `field`): the
 * passage in the saved file, the top of the file when no quote was found,
 * or the article's URL when there is no readable copy.
 */
export function sourceTarget(a: NoteAnchoring, claim: Claim, field?: ClaimField): SourceLocationResult {
  const quotes = quotesOf(a, claim);
  const q = quotes.find((x) => x.field === field) ?? quotes.find((x) => x.result && x.method !== 'not-found') ?? quotes[0];
  const at = q && quoteLocation(q);
  if (at) return { kind: 'file', uri: at.uri, range: at.range };
  const source = claimSource(a.note, claim);
  const check = a.sources.find((s) => s.ref === source);
  if (check?.state?.status === 'ok') return { kind: 'file', uri: check.state.uri, range: TOP };
  if (source?.url) return { kind: 'url', url: q ? textFragmentUrl(source.url, q.quote) : source.url };
  return null;
}

/** Each passage (each part of an elided quote) as a range in the source file. */
function passages(q: QuoteAnchor): Range[] {
  const r = q.result;
  if (!r || q.method === 'not-found' || q.method === 'no-source') return [];
  return r.parts ? r.parts.map(fileRange) : [fileRange(r)];
}

/** The passages to highlight in a source file, in file order. */
export function sourceHighlights(quotes: readonly AnchoredQuote[]): SourceHighlight[] {
  const out: SourceHighlight[] = [];
  for (const { anchoring, quote } of quotes) {
    for (const range of passages(quote)) {
      out.push({
        range, method: quote.method as SourceHighlight['method'], note: anchoring.note.uri,
        ...(quote.claim.id ? { claimId: quote.claim.id } : {}), claimText: quote.claim.text,
      });
    }
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}

/** Hover in a source file: the card of every claim whose passage is under the caret. */
export function sourceHover(index: WorkspaceIndex, quotes: readonly AnchoredQuote[], pos: Position,
  detail?: QuoteDetail): Hover | undefined {
  const seen = new Set<Claim>();
  const cards: string[] = [];
  let range: Range | undefined;
  for (const { anchoring, quote } of quotes) {
    const hit = passages(quote).find((r) => contains(r, pos));
    if (!hit) continue;
    range ??= hit;
    if (seen.has(quote.claim)) continue;
    seen.add(quote.claim);
    cards.push(claimCard(index, anchoring.note, quote.claim, detail));
  }
  if (cards.length === 0) return undefined;
  return { markdown: cards.join('\n\n---\n\n'), ...(range ? { range } : {}) };
}

/** The notes a hover at `pos` may show anchoring of: the note itself, and a referenced claim's or linked note. */
export function notesForHover(index: WorkspaceIndex, uri: string, pos: Position): NoteModel[] {
  const t = locate(index, uri, pos);
  if (!t || t.kind === 'entity') return [];
  let other: NoteModel | undefined;
  if (t.kind === 'ref') other = index.resolveRef(t.note, t.ref)?.note;
  else if (t.kind === 'link') other = claimOfLink(index, t.note, t.link)?.note ?? index.resolveNote(t.link.target, uri)[0];
  return other && other !== t.note ? [t.note, other] : [t.note];
}
