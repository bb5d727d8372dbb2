// The Markdown report: a tally by status, then every claim grouped by status
// (in the workspace's status order) and within a status by its main entity —
// the speaker (`by::`) when there is one, else the first entity it mentions —
// so each claim appears once. Each claim links back to its line in its note
// and shows its quotes with where they matched. A closing "Consistency"
// section lists what the checks across claims found, linking both claims. Links are relative to the
// folder the report is written to, so they work in any Markdown viewer there.
import { type ExportClaim, type ExportModel, type ExportQuote, plainLinks } from './exportModel';
import { joined } from './sink';

export interface MarkdownOptions {
  /** Folder URI the report is written to (default: the first note's workspace folder, given by the caller). */
  base?: string;
}

const NO_ENTITY = 'No entity';

export function writeMarkdown(model: ExportModel, options: MarkdownOptions = {}): string {
  return joined(markdownText(model, options));
}

/** The report in pieces: its lines, each with its line end, and no empty line at the end. */
export function* markdownText(model: ExportModel, options: MarkdownOptions = {}): Generator<string> {
  // Empty lines wait for the next line that is not: the report ends on its last line of text.
  let empty = 0;
  for (const line of reportLines(model, options)) {
    if (line === '') { empty++; continue; }
    yield '\n'.repeat(empty) + line + '\n';
    empty = 0;
  }
}

function* reportLines(model: ExportModel, options: MarkdownOptions): Generator<string> {
  yield '# Claims';
  yield '';
  const notes = new Set(model.claims.map((c) => c.note.path)).size;
  yield `${count(model.claims.length, 'claim')} from ${count(notes, 'note')}.`;
  yield '';
  const byStatus = groupBy(model.claims, (c) => c.status);
  const byId = new Map(model.claims.map((c) => [c.id, c]));
  const link = linker(options.base);
  const order = [...model.statuses.map((s) => s.id), ...[...byStatus.keys()].filter((s) => !model.statuses.some((d) => d.id === s)).sort()];
  const label = (id: string) => model.statuses.find((s) => s.id === id)?.label ?? id;
  if (model.claims.length) {
    yield '| Status | Claims |';
    yield '| --- | ---: |';
    for (const s of order) if (byStatus.has(s)) yield `| ${escape(label(s))} | ${byStatus.get(s)!.length} |`;
    yield '';
  }
  for (const s of order) {
    const claims = byStatus.get(s);
    if (!claims) continue;
    yield `## ${escape(label(s))} (${claims.length})`;
    yield '';
    const byEntity = groupBy(claims, mainEntity);
    const names = [...byEntity.keys()].sort((a, b) => Number(a === NO_ENTITY) - Number(b === NO_ENTITY) || a.localeCompare(b, 'en'));
    for (const name of names) {
      const group = byEntity.get(name)!;
      yield `### ${escape(name)} (${group.length})`;
      yield '';
      for (const c of group) {
        yield* claimLines(c, byId, link);
        yield '';
      }
    }
  }
  if (model.findings.length) yield* consistencyLines(model, byId, link);
}

function consistencyLines(model: ExportModel, byId: Map<string, ExportClaim>, link: Link): string[] {
  const out = [`## Consistency (${model.findings.length})`, ''];
  for (const f of model.findings) {
    const claims = f.claims.map((id) => claimLink(id, byId, link)).join(' · ');
    out.push(`- **${escape(f.code)}** (${f.severity}): ${escape(f.message)} — ${claims}`);
  }
  out.push('');
  return out;
}

/** A link to an exported claim's line; a claim left out of the export by name only. */
function claimLink(id: string, byId: Map<string, ExportClaim>, link: Link): string {
  const target = byId.get(id);
  return target ? `[${escape(id)}](${link(target.note.uri, target.line)})` : code(id);
}

function mainEntity(c: ExportClaim): string {
  return c.by[0]?.name ?? c.entities[0]?.name ?? NO_ENTITY;
}

function claimLines(c: ExportClaim, byId: Map<string, ExportClaim>, link: Link): string[] {
  const meta: string[] = [];
  if (c.kind) meta.push(escape(c.kind));
  if (c.by.length) meta.push(`by ${c.by.map((b) => escape(b.name)).join(', ')}`);
  const others = c.entities.filter((e) => !c.by.some((b) => b.entity === e));
  if (others.length) meta.push(`about ${others.map((e) => escape(e.name)).join(', ')}`);
  const confidence = c.fields.confidence?.[0];
  if (confidence) meta.push(`confidence ${escape(confidence)}`);
  const self = `[${escape(c.id)}](${link(c.note.uri, c.line)})`;
  const lines = [`- **${escape(c.text || '(empty claim)')}**${meta.length ? ' · ' + meta.join(' · ') : ''} — ${self}`];
  // A backslash at the end of a line is a hard line break (CommonMark).
  for (const q of c.quotes) lines.push('', `  > “${escape(q.text)}”\\`, `  > — ${quoteDetail(q, link)}`);
  const ref = (r: string) => claimLink(r, byId, link);
  const relations = [
    ...c.supports.map((r) => `supports ${ref(r)}`), ...c.contradicts.map((r) => `contradicts ${ref(r)}`),
    ...c.refines.map((r) => `refines ${ref(r)}`), ...c.sameAs.map((r) => `same as ${ref(r)}`),
  ];
  if (relations.length) lines.push('', `  ${relations.join(' · ')}`);
  for (const n of c.fields.note ?? []) lines.push('', `  _${escape(plainLinks(n))}_`);
  return lines;
}

function quoteDetail(q: ExportQuote, link: Link): string {
  const s = q.source;
  const where = s?.uri ? `[${escape(s.path ?? s.key)}](${link(s.uri, q.match?.fileStartPos.line)})` : s ? escape(s.title ?? s.key) : 'no source';
  const r = q.recorded;
  // A quote kept on review quotes the article as it read then: its place in that text, not a search of today's.
  if (r?.state === 'earlier-version') return `quotes an earlier version of ${where} (sha256 ${code(r.sha256.slice(0, 8))}…) at ${r.start}–${r.end}`;
  const unreviewed = r?.state === 'changed' && r.change !== 'unchanged' ? `; the source changed since it was confirmed (${r.change}, not reviewed)` : '';
  if (!q.match) return (q.anchor === 'no-source' ? `no saved source to check (${where})` : `not found in ${where}`) + unreviewed;
  const how = q.anchor === 'exact' ? 'exact' : q.anchor === 'normalized' ? 'matched after normalising' : `fuzzy match (${q.match.errors ?? 0} edits): “${escape(q.match.exact)}”`;
  return `${how}, ${where} at ${q.match.start}–${q.match.end}${unreviewed}`;
}

type Link = (target: string, line?: number) => string;

/**
 * Relative links from the report's folder to files, at a 0-based line;
 * memoised per file, since a report links the same few notes and sources
 * thousands of times.
 */
export function linker(base: string | undefined): Link {
  const known = new Map<string, string>();
  return (target, line) => {
    let rel = known.get(target);
    if (rel === undefined) known.set(target, rel = base ? relativeUri(base, target) : target);
    return line === undefined ? rel : `${rel}#L${line + 1}`;
  };
}

/** The relative reference from folder URI `from` to URI `to` (both encoded; `to` itself when they share no root). */
export function relativeUri(from: string, to: string): string {
  const a = from.replace(/\/$/, '').split('/');
  const b = to.split('/');
  if (a.length < 3 || a.slice(0, 3).join('/') !== b.slice(0, 3).join('/')) return to;
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it); else out.set(k, [it]);
  }
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

const MARKUP = /[\\`*_{}[\]<>|#\r\n]/;

/** Escapes what Markdown would read as markup in running text. */
export function escape(text: string): string {
  if (!MARKUP.test(text)) return text;
  return text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}
