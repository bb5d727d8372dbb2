// What the analyst sees of a note's anchoring: its diagnostics, the quote
// lines of the claim card, the source summary's count, the code lens's quote
// result. Plain functions over a NoteAnchoring (anchoring.ts), so the hover,
// code lens and diagnostics features stay as they are and take these as hooks.
import { type DiffPart, quoteDiff, shortDiff } from '../anchoring/quoteDiff';
import { type AnchorResult, isAmbiguous } from '../anchoring/anchor';
import { type Claim, type NoteModel, type Problem, type SourceRef } from '../notes/model';
import { type QuoteDetail, escapeMd } from './cards';
import { type QuoteSummary } from './codeLens';
import { type SourceDetail } from './hover';
import { type NoteAnchoring, type QuoteAnchor, type QuoteMethod, quotesOf } from '../anchoring/noteAnchoring';
import { unquote } from '../notes/quotes';
import { ambiguityProblem, changedSourceProblems, recordLine, recordProblem } from './recordViews';

/** The word-level differences of a fuzzy match; for an elided quote, those of its fuzzy parts. */
function differences(q: QuoteAnchor): DiffPart[] {
  const r = q.result;
  if (!r) return [];
  if (!r.parts) return quoteDiff(q.quote, oneLine(r.exact));
  return r.parts.filter((p) => p.method === 'fuzzy').flatMap((p) => quoteDiff(p.quote, oneLine(p.exact)));
}

/** The differences in Markdown: unchanged words as they are, the quote's words ~~struck~~, the source's in **bold**. */
export function diffMarkdown(parts: readonly DiffPart[]): string {
  return parts.map((p) => p.kind === 'same' ? escapeMd(p.text)
    : p.kind === 'changed' ? `~~${escapeMd(p.quote)}~~ **${escapeMd(p.source)}**`
      : p.kind === 'dropped' ? `~~${escapeMd(p.quote)}~~` : `**${escapeMd(p.source)}**`).join('').replace(/\s+/g, ' ').trim();
}

const ELISION = /(\.\.\.|\u2026)/;

/** Runs of whitespace that include a line break become one space: a quote is one line. */
export function oneLine(text: string): string {
  return text.replace(/[ \t]*(?:\r\n|\r|\n)\s*/g, ' ');
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function sourceLabel(q: QuoteAnchor): string {
  return q.source?.path ?? (q.uri ? fileName(q.uri) : 'the source');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The field value with the fuzzy parts replaced by the source's text, in the
 * same quotation marks; an elided quote keeps its elisions and exact parts.
 */
export function correctedQuote(value: string, result: AnchorResult): string {
  const inner = unquote(value);
  let fixed: string;
  if (result.parts) {
    const parts = [...result.parts];
    fixed = inner.split(ELISION).map((piece, i) => {
      if (i % 2 === 1 || piece.trim() === '') return piece;
      const part = parts.shift();
      if (!part || part.method !== 'fuzzy') return piece;
      const lead = piece.slice(0, piece.length - piece.trimStart().length);
      const trail = piece.slice(piece.trimEnd().length);
      return lead + oneLine(part.exact) + trail;
    }).join('');
  } else {
    fixed = oneLine(result.exact);
  }
  return requoted(value, fixed);
}

/** `text` in the quotation marks of the field value `value` (straight double ones when it had none). */
export function requoted(value: string, text: string): string {
  const trimmed = value.trim();
  const quoted = unquote(value) !== trimmed;
  return quoted ? `${trimmed[0]}${text}${trimmed[trimmed.length - 1]}` : `"${text}"`;
}

function notFoundMessage(q: QuoteAnchor): string {
  const where = `Quote not found in ${sourceLabel(q)}`;
  const parts = q.result?.parts;
  const missing = parts?.find((p) => p.method === 'not-found');
  if (!parts || !missing) return `${where}.`;
  return `${where}: no match for the part “${missing.quote}”${parts.indexOf(missing) > 0 ? ' after the part before it' : ''}.`;
}

/** Diagnostics the anchoring adds to a note (source missing and outside are diagnostics.ts's). */
export function anchoringProblems(a: NoteAnchoring): Problem[] {
  const out: Problem[] = [];
  for (const s of a.sources) {
    const range = s.ref.pathRange ?? s.ref.range;
    if (s.changed) {
      out.push({ code: 'source-changed', severity: 'warning', range,
        message: `Source changed since source.sha256 was recorded: ${s.ref.path} now has sha256 ${s.changed}.` });
    }
    // A path inside the folders that links out (a path that leaves them is diagnostics.ts's source-outside).
    if (s.state?.status === 'outside' && s.state.linked) {
      out.push({ code: 'source-outside', severity: 'warning', range, message: `This source is not read: ${s.state.reason}.` });
    }
    if (s.state?.status === 'unreadable') {
      out.push({ code: 'source-unreadable', severity: 'error', range, message: `Source file cannot be read: ${s.ref.path} (${s.state.reason}).` });
    }
  }
  const ids = a.note.sources.map((s) => s.id).filter((id): id is string => !!id);
  for (const claim of a.note.claims) {
    const f = claim.fields.find((x) => x.key === 'source');
    const id = f?.value.trim();
    if (f && id && !ids.includes(id)) {
      out.push({ code: 'unknown-source', severity: 'warning', range: f.valueRange,
        message: `No source "${id}" in the front matter${ids.length ? `: use one of ${ids.join(', ')}` : ''}.` });
    }
  }
  for (const q of a.quotes) {
    const r = q.result;
    const range = q.field.valueRange;
    // What the anchors record says of a changed source's quote (or one kept from an earlier version) replaces what matching says.
    const recorded = recordProblem(q);
    if (recorded) { out.push(recorded); continue; }
    if (q.method === 'not-found') {
      out.push({ code: 'quote-not-found', severity: 'error', range, message: notFoundMessage(q) });
    } else if (q.method === 'fuzzy' && r) {
      out.push({
        code: 'quote-fuzzy', severity: 'warning', range,
        message: `Quote differs from the source (${plural(r.errors ?? 0, 'edit')}): ${shortDiff(differences(q))}`,
        data: { value: q.field.value, replacement: correctedQuote(q.field.value, r) },
      });
    } else if (r && isAmbiguous(r)) {
      out.push(ambiguityProblem(q, r, sourceLabel(q)));
    }
  }
  out.push(...changedSourceProblems(a));
  return out;
}

const LABEL: Record<QuoteMethod, string> = {
  exact: 'Exact', normalized: 'Normalized (spacing, quotation marks, dashes or case differ)',
  fuzzy: 'Fuzzy', 'not-found': 'Not found', 'no-source': 'Not checked',
};

/** The claim card's lines for one quote: its result, where it is, and the source around it. */
export function quoteLines(q: QuoteAnchor, reason?: string): string {
  const r = q.result;
  if (q.method === 'no-source' || !r || !q.uri) return `${LABEL['no-source']}: ${reason ?? 'the note names no source file'}.`;
  const recorded = recordLine(q, (old, now) => diffMarkdown(quoteDiff(old, now)));
  const record = recorded ? `\n\n${recorded}` : '';
  if (q.method === 'not-found') return `**${LABEL['not-found']}** in \`${fileName(q.uri).replace(/`/g, "'")}\`${record}`;
  const label = q.method === 'fuzzy' ? `${LABEL.fuzzy} (${plural(r.errors ?? 0, 'edit')})` : LABEL[q.method];
  const line = r.fileStartPos.line + 1;
  const link = `[${escapeMd(fileName(q.uri))}:${line}](${q.uri}#L${line},${r.fileStartPos.character + 1})`;
  // An elided quote shows its parts, not the passage it skips.
  const passage = (r.parts ?? [r]).map((p) => `**${escapeMd(oneLine(p.exact))}**`).join(' … ');
  const context = `…${escapeMd(oneLine(r.prefix))}${passage}${escapeMd(oneLine(r.suffix))}…`;
  // A fuzzy match also shows the quote against the source, word by word: what the source reads instead, struck through what the quote says.
  const diff = q.method === 'fuzzy' ? `\n\nQuote against source: ${diffMarkdown(differences(q))}` : '';
  return `${label} · ${link}\n\n${context}${diff}${record}`;
}

function quoteOf(a: NoteAnchoring | undefined, claim: Claim, index: number): QuoteAnchor | undefined {
  return a ? quotesOf(a, claim).find((q) => q.index === index) : undefined;
}

function reasonFor(a: NoteAnchoring, source: SourceRef | undefined): string | undefined {
  if (!source) return undefined;
  const check = a.sources.find((s) => s.ref === source);
  if (!check?.uri) return 'the source has no saved copy (source.path)';
  return check.state?.status === 'ok' ? undefined : `${check.state?.reason ?? 'not read'}`;
}

/** The claim card hook: each quote's result. `anchoringOf` gives a note's current anchoring, if computed. */
export function quoteDetail(anchoringOf: (note: NoteModel) => NoteAnchoring | undefined): QuoteDetail {
  return (note, claim, _quote, index) => {
    const a = anchoringOf(note);
    const q = quoteOf(a, claim, index);
    return a && q ? quoteLines(q, reasonFor(a, q.source)) : undefined;
  };
}

/** The `source:` hover hook: how many of its quotes were not found, and the file's state. */
export function sourceDetail(anchoringOf: (note: NoteModel) => NoteAnchoring | undefined): SourceDetail {
  return (note, source) => {
    const a = anchoringOf(note);
    if (!a) return undefined;
    const check = a.sources.find((s) => s.ref === source);
    const lines: string[] = [];
    if (!check?.uri) lines.push('No saved copy (source.path): quotes are not checked.');
    else if (check.state && check.state.status !== 'ok') lines.push(`⚠️ Source file not read: ${escapeMd(check.state.reason)}.`);
    else {
      const quotes = a.quotes.filter((q) => q.source === source);
      const missing = quotes.filter((q) => q.method === 'not-found').length;
      const fuzzy = quotes.filter((q) => q.method === 'fuzzy').length;
      lines.push(`Quotes not found: ${missing} of ${quotes.length}${fuzzy ? ` · ${fuzzy} only approximately` : ''}`);
    }
    if (check?.changed) lines.push('⚠️ The file has changed since source.sha256 was recorded.');
    return lines.join('\n\n');
  };
}

const ORDER: readonly QuoteMethod[] = ['exact', 'normalized', 'fuzzy', 'not-found', 'no-source'];
const LENS: Record<QuoteMethod, string> = {
  exact: 'exact', normalized: 'normalized', fuzzy: 'fuzzy', 'not-found': 'not found', 'no-source': 'not checked',
};

/** The code lens hook: "2 quotes exact", "1 quote exact, 1 not found". */
export function quoteSummary(anchoringOf: (note: NoteModel) => NoteAnchoring | undefined): QuoteSummary {
  return (note, claim) => {
    const a = anchoringOf(note);
    const quotes = a ? quotesOf(a, claim) : [];
    if (quotes.length === 0) return undefined;
    const groups = ORDER.map((m) => [m, quotes.filter((q) => q.method === m).length] as const).filter(([, n]) => n > 0);
    const summary = groups.map(([m, n], i) => (i === 0 ? `${plural(n, 'quote')} ${LENS[m]}` : `${n} ${LENS[m]}`)).join(', ');
    // One difference is enough for a lens: the diagnostic and the hover say the rest.
    const fuzzy = quotes.find((q) => q.method === 'fuzzy');
    return fuzzy ? `${summary} (${shortDiff(differences(fuzzy), 1)})` : summary;
  };
}
