// The CSV export (RFC 4180): a header row, then one row per claim, CRLF line
// ends, every field that holds a comma, a double quote, CR or LF enclosed in
// double quotes with inner quotes doubled. UTF-8 without a byte-order mark.
//
// A claim with several quotes keeps one row: `quote`, `anchor`, `start` and
// `end` then hold one line per quote, in the same order (a quote never spans
// lines, so the line break is unambiguous); a quote that did not anchor has
// empty `start`/`end` on its line. Lists (`by`, `entities`, `supports`,
// `contradicts`, `tags`) are joined with "; ".
import type { ExportClaim, ExportModel } from './exportModel';

export const CSV_COLUMNS = [
  'id', 'note', 'text', 'status', 'kind', 'by', 'entities', 'quote', 'anchor', 'source_title', 'source_url',
  'source_path', 'start', 'end', 'supports', 'contradicts', 'tags',
] as const;

export const LIST_SEPARATOR = '; ';
export const QUOTE_SEPARATOR = '\n';

export function writeCsv(model: ExportModel): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const c of model.claims) rows.push(row(c).map(field).join(','));
  return rows.join('\r\n') + '\r\n';
}

function row(c: ExportClaim): string[] {
  const s = c.source;
  return [
    c.id, c.note.path, c.text, c.status, c.kind ?? '',
    c.by.map((b) => b.name).join(LIST_SEPARATOR),
    c.entities.map((e) => e.name).join(LIST_SEPARATOR),
    c.quotes.map((q) => q.text).join(QUOTE_SEPARATOR),
    c.quotes.map((q) => q.anchor).join(QUOTE_SEPARATOR),
    s?.title ?? '', s?.url ?? '', s?.path ?? '',
    c.quotes.map((q) => (q.match ? String(q.match.start) : '')).join(QUOTE_SEPARATOR),
    c.quotes.map((q) => (q.match ? String(q.match.end) : '')).join(QUOTE_SEPARATOR),
    c.supports.join(LIST_SEPARATOR), c.contradicts.join(LIST_SEPARATOR), c.tags.join(LIST_SEPARATOR),
  ];
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field. */
export function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
