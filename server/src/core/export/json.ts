// The JSON export: `{ format: "claimlens", version: 1, notes, entities, claims }`,
// described by schemas/claimlens-export.schema.json. Cross-references are by
// key: a claim names its note by path, its entities by id, its quotes' source
// by the source's key in the note's `sources`. Written a note, an entity and
// a claim at a time (jsonStream.ts).
import { arrayAt, jsonPieces, mapped } from './jsonStream';
import { joined } from './sink';
import type { ExportClaim, ExportEntity, ExportModel, ExportNote, ExportQuote, ExportSource } from './exportModel';

export const JSON_FORMAT_VERSION = 1;

/** The document's text in pieces, as JSON.stringify(toJsonDocument(model), null, 2) + '\n' writes it. */
export function jsonText(model: ExportModel): Iterable<string> {
  return jsonPieces({ format: 'claimlens', version: JSON_FORMAT_VERSION, notes: arrayAt(0), entities: arrayAt(1), claims: arrayAt(2) },
    [mapped(model.notes, note), mapped(model.entities, entity), mapped(model.claims, claim)]);
}

export function writeJson(model: ExportModel): string {
  return joined(jsonText(model));
}

function note(n: ExportNote): object {
  return {
    path: n.path, name: n.name, ...(n.title !== undefined ? { title: n.title } : {}), tags: n.tags,
    sources: n.sources.map(source), frontMatter: n.frontMatter,
  };
}

const SOURCE_KEYS = ['key', 'id', 'title', 'url', 'path', 'author', 'published', 'retrieved', 'sha256', 'state', 'reason'] as const;

function source(s: ExportSource): object {
  const out: Record<string, unknown> = {};
  for (const k of SOURCE_KEYS) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

function entity(e: ExportEntity): object {
  return e;
}

function claim(c: ExportClaim): object {
  return {
    id: c.id, ...(c.localId !== undefined ? { localId: c.localId } : {}), note: c.note.path, line: c.line, text: c.text,
    status: c.status, ...(c.kind !== undefined ? { kind: c.kind } : {}),
    by: c.by.map((b) => (b.entity ? { name: b.name, entity: b.entity.id } : { name: b.name })),
    entities: c.entities.map((e) => e.id),
    quotes: c.quotes.map(quote),
    supports: c.supports, contradicts: c.contradicts, refines: c.refines, sameAs: c.sameAs, distinctFrom: c.distinctFrom, tags: c.tags,
    ...(c.source ? { source: c.source.key } : {}),
    fields: c.fields,
  };
}

function quote(q: ExportQuote): object {
  const m = q.match;
  const out: Record<string, unknown> = { text: q.text, anchor: q.anchor };
  if (q.source) out.source = q.source.key;
  if (q.recorded) out.recorded = q.recorded;
  if (!m) return out;
  Object.assign(out, { start: m.start, end: m.end, exact: m.exact, prefix: m.prefix, suffix: m.suffix });
  if (m.fileStart !== m.start || m.fileEnd !== m.end) Object.assign(out, { fileStart: m.fileStart, fileEnd: m.fileEnd });
  out.range = {
    start: { line: m.fileStartPos.line, character: m.fileStartPos.character },
    end: { line: m.fileEndPos.line, character: m.fileEndPos.character },
  };
  if (m.errors !== undefined) out.errors = m.errors;
  out.occurrences = m.occurrences;
  return out;
}
