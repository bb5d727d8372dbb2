// The CSV export (RFC 4180): a header row, then one row per claim, CRLF line
// ends, every field that holds a comma, a double quote, CR or LF enclosed in
// double quotes with inner quotes doubled. UTF-8 without a byte-order mark.
//
// A claim with several quotes keeps one row: `quote`, `anchor`, `start` and
// `end` then hold one line per quote, in the same order (a quote never spans
// lines, so the line break is unambiguous); a quote that did not anchor has
// empty `start`/`end` on its line. Lists (`by`, `entities`, `supports`,
// `contradicts`, `tags`, `same_as`) are joined with "; ". `same_as` comes
// last, so sheets made for the earlier columns read on unchanged.
//
// A cell that a spreadsheet would run as a formula (`=HYPERLINK(…)` in a claim
// copied from a hostile page) is neutralised by a leading `'` unless the
// caller asks to keep formulas (WriteOptions.csvKeepFormulas).
import type { ExportClaim, ExportModel } from './exportModel';
import { joined } from './sink';

export const CSV_COLUMNS = [
  'id', 'note', 'text', 'status', 'kind', 'by', 'entities', 'quote', 'anchor', 'source_title', 'source_url',
  'source_path', 'start', 'end', 'supports', 'contradicts', 'tags', 'same_as',
] as const;

export const LIST_SEPARATOR = '; ';
export const QUOTE_SEPARATOR = '\n';

export interface CsvOptions {
  /** Write formula-like cells verbatim instead of prefixing them with `'`. */
  csvKeepFormulas?: boolean;
}

/** The file a row at a time, each with its CRLF. */
export function* csvText(model: ExportModel, options: CsvOptions = {}): Generator<string> {
  const cell = options.csvKeepFormulas === true ? field : (v: string) => field(neutralizeFormula(v));
  yield CSV_COLUMNS.join(',') + '\r\n';
  for (const c of model.claims) yield row(c).map(cell).join(',') + '\r\n';
}

export function writeCsv(model: ExportModel, options: CsvOptions = {}): string {
  return joined(csvText(model, options));
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
    c.sameAs.join(LIST_SEPARATOR),
  ];
}

const NEEDS_QUOTES = /[",\r\n]/;

/** The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** `'=1+1` for `=1+1`: shown as text by a spreadsheet. Other values are unchanged. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field. */
export function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
