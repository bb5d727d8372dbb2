// The one model every export format writes from: the notes, their sources,
// the entities and the claims with status, speaker, entities, quotes (each
// anchored in its source), relations, tags and the remaining fields. Built
// once from a WorkspaceIndex and the editor's Anchoring (the same sources,
// size limits, open documents' unsaved text, and what its cache holds, which
// the export reuses but does not fill); the format modules only serialise it. Paths are workspace-relative with `/`; offsets are UTF-16
// code units of the source text as read (BOM dropped; for HTML its visible
// text); lines and characters are 0-based.
import { type CancellationToken, neverCancelled, throwIfCancelled, TimeSlice } from '../base/cancellation';
import { type AnchorMethod, type AnchorResult } from '../anchoring/anchor';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type ClaimRef, type EntityDef, type NoteModel, type SourceRef, type StatusDef, type WikiLink } from '../notes/model';
import { RELATION_FIELDS } from '../notes/parser';
import { relativeTo, uriToPath } from '../workspace/workspace';
import { unquote } from '../notes/quotes';
import { type Anchoring, type NoteAnchoring, type QuoteAnchor as NoteQuote, type SourceCheck } from '../anchoring/noteAnchoring';
import { type SourceState } from '../anchoring/sourceFiles';
import { type QuoteRecord } from '../anchoring/recordedAnchors';
import { type QuoteChange } from '../anchoring/sourceChange';
import { sourceUri } from '../anchoring/sourceRefs';
import { type ClaimFilter, claimFilter } from './filter';
import { consistencyFindings } from '../features/consistency';

export type QuoteAnchor = AnchorMethod | 'no-source';

export interface ExportSource {
  /** Workspace-relative path of the saved copy; else the URL; else `<note path>#source-<n>`. */
  key: string;
  id?: string;
  title?: string;
  url?: string;
  /** Workspace-relative path of the saved copy (or the path as written when it lies outside). */
  path?: string;
  /** File URI of the saved copy. */
  uri?: string;
  author?: string;
  published?: string;
  retrieved?: string;
  sha256?: string;
  /**
   * `read`: its text is here and the quotes were anchored in it; `unread`: no
   * exported quote needed it; `no-copy`: the note names no saved copy (`path`).
   */
  state: 'read' | 'unread' | 'no-copy' | Exclude<SourceState['status'], 'ok'>;
  reason?: string;
  /** The text the offsets refer to (not written to JSON; the REFI-QDA export ships it). */
  text?: string;
}

/** An entity as exported: its definition's data, and where it is defined instead of its ranges. */
export interface ExportEntity extends Pick<EntityDef, 'id' | 'name' | 'type' | 'aliases' | 'description' | 'links'> {
  /** Workspace-relative path of the registry or entity note that defines it. */
  definedIn: string;
}

export interface ExportNote {
  /** Workspace-relative path, `.md` included. */
  path: string;
  /** The path without `.md`: the note part of a claim's global id. */
  name: string;
  uri: string;
  /** The first heading. */
  title?: string;
  tags: string[];
  sources: ExportSource[];
  /** Front matter keys other than source, sources and tags, as written. */
  frontMatter: Record<string, unknown>;
}

export interface ExportQuote {
  /** The quote as written, without its quotation marks. */
  text: string;
  anchor: QuoteAnchor;
  source?: ExportSource;
  /** Where it matched; absent for not-found and no-source. */
  match?: AnchorResult;
  /** What the anchors record holds for it, when it holds an entry for the quote as written. */
  recorded?: RecordedQuote;
}

/**
 * A quote's entry in the anchors record: the SHA-256 of the source's text it
 * was confirmed on, and where it stands — `confirmed` (the source still has
 * that text), `changed` (it does not and nobody reviewed it: `change` says
 * what became of the passage) or `earlier-version` (the analyst kept the old
 * wording: the quote is of the article as it read then, at `start`–`end`).
 */
export interface RecordedQuote {
  sha256: string;
  state: 'confirmed' | 'changed' | 'earlier-version';
  change?: QuoteChange['kind'];
  start?: number;
  end?: number;
  exact?: string;
  prefix?: string;
  suffix?: string;
}

export interface ExportSpeaker { name: string; entity?: ExportEntity }

export interface ExportClaim {
  /** Global id `<note name>#^<id>`; `<note name>#L<line + 1>` for a claim without id. */
  id: string;
  localId?: string;
  note: ExportNote;
  line: number;
  text: string;
  status: string;
  kind?: string;
  by: ExportSpeaker[];
  /** Every entity mentioned in the claim (text or fields), in order of first mention. */
  entities: ExportEntity[];
  quotes: ExportQuote[];
  supports: string[];
  contradicts: string[];
  refines: string[];
  /** The same claim noted elsewhere: `same-as::` declared on either side (the link is symmetric). */
  sameAs: string[];
  /** Claims recorded as not the same despite looking alike (`distinct-from::`, either side). */
  distinctFrom: string[];
  tags: string[];
  source?: ExportSource;
  /** The fields not given a property above (confidence, evidence, note, custom keys): values in order. */
  fields: Record<string, string[]>;
}

/** Read-only once built: the formats only serialise it, and a claim's empty lists are one shared array. */
export interface ExportModel {
  notes: ExportNote[];
  sources: ExportSource[];
  entities: ExportEntity[];
  claims: ExportClaim[];
  statuses: StatusDef[];
  rating: { best: number; worst: number };
  /** Problems met on the way (unreadable sources), one line each. */
  warnings: string[];
  /** What the checks across claims found among the exported claims, each pair once. */
  findings: ExportFinding[];
}

export interface ExportFinding {
  code: string;
  severity: string;
  message: string;
  /** Global ids: the claim the finding was reported on, then the others it concerns. */
  claims: string[];
}

export interface BuildOptions {
  filter?: ClaimFilter;
  token?: CancellationToken;
  /** Called after each note: how many of `total` notes are done. */
  progress?: (done: number, total: number) => void;
}

const SYMMETRIC = ['same-as', 'distinct-from'] as const;

/** The empty list, shared by every claim's list that holds nothing (see plus); never added to. */
const EMPTY: never[] = [];

/** Fields with a property of their own in ExportClaim. */
const MODELLED = new Set(['status', 'kind', 'by', 'quote', 'source', ...RELATION_FIELDS]);

export async function buildExportModel(index: WorkspaceIndex, anchoring: Anchoring,
  options: BuildOptions = {}): Promise<ExportModel> {
  const token = options.token ?? neverCancelled;
  const pathOf = (uri: string) => workspacePath(index, uri);
  const entityOf = new Map<EntityDef, ExportEntity>();
  for (const e of index.entities()) entityOf.set(e, toEntity(e, pathOf));
  const entities = [...entityOf.values()].sort((a, b) => cmp(a.id, b.id) || cmp(a.definedIn, b.definedIn));
  const keep = claimFilter(index, options.filter ?? {});
  const model: ExportModel = {
    notes: [], sources: [], entities, claims: [],
    statuses: index.config.statuses, rating: index.config.rating, warnings: [], findings: [],
  };
  const sources = new Map<string, ExportSource>();
  const notes = [...index.notes.values()].filter((n) => keep.note(n)).sort((a, b) => cmp(a.name, b.name));
  const symmetric = symmetricReferences(index);
  const slice = new TimeSlice();
  for (let i = 0; i < notes.length; i++) {
    throwIfCancelled(token, 'the export');
    // Let a cancellation (and other requests) in, even when no note needs anchoring.
    if (slice.due()) await slice.yield(token, 'the export');
    const note = notes[i]!;
    const en: ExportNote = {
      path: pathOf(note.uri), name: note.name, uri: note.uri, title: note.headings[0]?.text, tags: note.tags,
      sources: [], frontMatter: otherKeys(note.frontMatter?.data),
    };
    model.notes.push(en);
    note.sources.forEach((s, k) => en.sources.push(sourceOf(s, k, note, en, sources, pathOf)));
    const linksOf = new PerClaim(note.links);
    const refsOf = new PerClaim(note.refs);
    let anchored: NoteAnchoring | undefined;
    // Where the next claim's results start among the note's quotes, which come claim by claim.
    let next = 0;
    for (let c = 0; c < note.claims.length; c++) {
      const claim = note.claims[c]!;
      const incoming = claim.id ? symmetric.get(note)?.get(claim.id) ?? EMPTY : EMPTY;
      const ec = claimOf(index, note, en, claim, linksOf.of(c), refsOf.of(c), incoming, entityOf);
      if (!keep.claim(ec)) continue;
      if (ec.quotes.length) {
        anchored ??= await anchoring.anchorNote(note, token, { keep: false });
        // The note's results come claim by claim in the claims' order: this claim's follow the previous one's.
        const results = anchored.quotes;
        let start = next;
        while (start < results.length && results[start]!.claim !== claim) start++;
        let end = start;
        while (end < results.length && results[end]!.claim === claim) end++;
        if (end > start) next = end;
        const toRead = anchorQuotes(ec, results, start, end, anchored, model);
        if (toRead) toRead.source.text = await anchoring.sourceText(toRead.check);
      }
      model.claims.push(ec);
    }
    options.progress?.(i + 1, notes.length);
  }
  model.sources = [...sources.values()].sort((a, b) => cmp(a.key, b.key));
  model.findings = findingsOf(index, notes, model.claims);
  return model;
}

/** The consistency findings that concern an exported claim; a finding shown on both of its claims is listed once. */
function findingsOf(index: WorkspaceIndex, notes: NoteModel[], kept: readonly ExportClaim[]): ExportFinding[] {
  const out: ExportFinding[] = [];
  const seen = new Set<string>();
  // The exported claims' ids, gathered at the first finding: most claims have none.
  let exported: Set<string> | undefined;
  for (const note of notes) {
    for (const f of consistencyFindings(index, note)) {
      exported ??= new Set(kept.map((c) => c.id));
      const claims = [f.claim, ...f.others].map((c) => globalId(c.note, c.claim));
      const key = f.code + '\u0000' + [...claims].sort().join('\u0000');
      if (!exported.has(claims[0]!) || seen.has(key)) continue;
      seen.add(key);
      out.push({ code: f.code, severity: f.severity, message: f.message, claims });
    }
  }
  return out;
}

/** A claim named in a symmetric relation: by which claim, in which note, and how. */
interface SymmetricRef { field: string; note: NoteModel; claim: Claim }

/**
 * Every same-as and distinct-from in the workspace, by the note and id they
 * name: read once for the whole export, where asking the index for each
 * claim's references cost a lookup and a list per claim. In the order the
 * index lists a claim's references: by the naming note's URI, then as written.
 */
function symmetricReferences(index: WorkspaceIndex): Map<NoteModel, Map<string, SymmetricRef[]>> {
  const out = new Map<NoteModel, Map<string, SymmetricRef[]>>();
  for (const uri of [...index.notes.keys()].sort()) {
    const from = index.notes.get(uri)!;
    for (const ref of from.refs) {
      if (!ref.field || !(SYMMETRIC as readonly string[]).includes(ref.field)) continue;
      const target = index.resolveRef(from, ref);
      const claim = from.claims[ref.claim];
      if (!target || !claim) continue;
      let byId = out.get(target.note);
      if (!byId) out.set(target.note, byId = new Map());
      const list = byId.get(ref.id);
      const named = { field: ref.field, note: from, claim };
      if (list) list.push(named); else byId.set(ref.id, [named]);
    }
  }
  return out;
}

function claimOf(index: WorkspaceIndex, note: NoteModel, en: ExportNote, claim: Claim,
  links: readonly WikiLink[], refs: readonly ClaimRef[], incoming: readonly SymmetricRef[], entityOf: Map<EntityDef, ExportEntity>): ExportClaim {
  let entities: ExportEntity[] = EMPTY;
  let by: ExportSpeaker[] = EMPTY;
  for (const link of links) {
    const found = index.resolveLink(link);
    // An ambiguous name (two entities share it) links to neither: it is a diagnostic, not a fact.
    const e = found.length === 1 ? entityOf.get(found[0]!) : undefined;
    if (e && !entities.includes(e)) entities = plus(entities, e);
    if (link.field === 'by') by = plus(by, e ? { name: e.name, entity: e } : { name: link.target });
  }
  const fields: Record<string, string[]> = {};
  let quotes: ExportQuote[] = EMPTY;
  let sourceId: string | undefined;
  for (const f of claim.fields) {
    if (f.key === 'quote' && f.value.trim()) quotes = plus(quotes, { text: unquote(f.value), anchor: 'no-source' });
    else if (f.key === 'by' && !f.value.includes('[[') && f.value.trim()) by = plus(by, { name: f.value.trim() });
    else if (f.key === 'source' && sourceId === undefined) sourceId = f.value.trim();
    else if (!MODELLED.has(f.key)) fields[f.key] = plus(fields[f.key] ?? EMPTY, f.value);
  }
  const ec: ExportClaim = {
    id: globalId(note, claim), note: en, line: claim.line, text: claim.text,
    status: index.statusOf(claim), kind: claim.kind, by, entities, quotes,
    supports: EMPTY, contradicts: EMPTY, refines: EMPTY, sameAs: EMPTY, distinctFrom: EMPTY, tags: claim.tags, fields,
  };
  if (claim.id) ec.localId = claim.id;
  for (const ref of refs) {
    const list = ref.field !== undefined ? RELATIONS.get(ref.field) : undefined;
    if (!list) continue;
    const target = index.resolveRef(note, ref);
    ec[list] = plus(ec[list], target ? globalId(target.note, target.claim) : `${ref.note ?? note.name}#^${ref.id}`);
  }
  // The symmetric links hold on both sides, wherever they were written.
  for (const field of incoming.length > 0 ? SYMMETRIC : EMPTY) {
    const list = RELATIONS.get(field)!;
    for (const from of incoming) {
      if (from.field !== field || from.claim === claim) continue;
      const id = globalId(from.note, from.claim);
      if (!ec[list].includes(id)) ec[list] = plus(ec[list], id);
    }
  }
  const source = sourceId !== undefined ? en.sources.find((s) => s.id === sourceId) : en.sources[0];
  if (source) {
    ec.source = source;
    for (const q of quotes) q.source = source;
  }
  return ec;
}

/** Each relation field (RELATION_FIELDS) and the claim's list it fills. */
const RELATIONS = new Map<string, 'supports' | 'contradicts' | 'refines' | 'sameAs' | 'distinctFrom'>([
  ['supports', 'supports'], ['contradicts', 'contradicts'], ['refines', 'refines'], ['same-as', 'sameAs'], ['distinct-from', 'distinctFrom'],
]);

/**
 * `list` with `item` added. A claim's lists start as the shared EMPTY and get
 * one of their own, made to size, at their first item: a push onto an empty
 * list reserves room for sixteen, and most lists of 100,000 claims hold one
 * item or none, which the model holds until the file is written.
 */
function plus<T>(list: T[], item: T): T[] {
  if (list === EMPTY) return [item];
  list.push(item);
  return list;
}

/** A source whose text the model is to hold, once its first quote has been anchored in it. */
interface ToRead { source: ExportSource; check: SourceCheck }

// Each quote takes the editor's result for it (the claim's are `results`
// [start, end)); its source is marked read (its text, kept for the formats
// that ship it, is then read by the caller) or reported once as unreadable.
// Synchronous: a claim costs no promise.
function anchorQuotes(ec: ExportClaim, results: readonly NoteQuote[], start: number, end: number, anchored: NoteAnchoring,
  model: ExportModel): ToRead | undefined {
  let toRead: ToRead | undefined;
  let check: SourceCheck | undefined;
  for (let i = 0; i < ec.quotes.length; i++) {
    const q = ec.quotes[i]!;
    const s = q.source;
    const r = start + i < end ? results[start + i] : undefined;
    if (r?.record) q.recorded = recordedQuote(r.record);
    if (!s?.uri || !r?.source) continue;
    if (check?.ref !== r.source) check = checkOf(anchored, r.source);
    const state = check?.state;
    if (!check || !state) continue;
    if (state.status !== 'ok' || r.method === 'no-source') {
      if (s.state === 'unread') {
        s.state = state.status === 'ok' ? 'unreadable' : state.status;
        s.reason = state.status === 'ok' ? 'it could not be read' : state.reason;
        model.warnings.push(`${s.path}: ${s.reason}; its quotes are exported as no-source`);
      }
      continue;
    }
    if (s.state === 'unread') {
      s.state = 'read';
      // A claim's quotes share its source: at most one is read per claim.
      toRead = { source: s, check };
    }
    q.anchor = r.method;
    if (r.method !== 'not-found' && r.result) q.match = r.result;
  }
  return toRead;
}

function checkOf(anchored: NoteAnchoring, ref: SourceRef): SourceCheck | undefined {
  for (const c of anchored.sources) if (c.ref === ref) return c;
  return undefined;
}

function recordedQuote(r: QuoteRecord): RecordedQuote {
  if (r.status === 'confirmed') return { sha256: r.entry.sha256, state: 'confirmed' };
  if (r.status === 'changed') return { sha256: r.entry.sha256, state: 'changed', change: r.change.kind };
  const { start, end, exact, prefix, suffix } = r.entry;
  return { sha256: r.entry.sha256, state: 'earlier-version', start, end, exact, prefix, suffix };
}

function sourceOf(s: SourceRef, k: number, note: NoteModel, en: ExportNote, all: Map<string, ExportSource>,
  pathOf: (uri: string) => string): ExportSource {
  const uri = sourceUri(note, s);
  const key = uri ? pathOf(uri) : s.url ?? `${en.path}#source-${k + 1}`;
  const known = all.get(key);
  if (known) return known;
  const out: ExportSource = { key, state: uri ? 'unread' : 'no-copy' };
  for (const f of ['id', 'title', 'url', 'author', 'published', 'retrieved', 'sha256'] as const) {
    if (s[f] !== undefined) out[f] = s[f];
  }
  if (uri) { out.path = key; out.uri = uri; }
  all.set(key, out);
  return out;
}

function toEntity(e: EntityDef, pathOf: (uri: string) => string): ExportEntity {
  return {
    id: e.id, name: e.name, type: e.type, aliases: e.aliases,
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.links !== undefined ? { links: e.links } : {}),
    definedIn: pathOf(e.uri),
  };
}

export function globalId(note: NoteModel, claim: Claim): string {
  return claim.id ? `${note.name}#^${claim.id}` : `${note.name}#L${claim.line + 1}`;
}

/** The workspace-relative path of a URI (its file system path when it lies outside every folder). */
export function workspacePath(index: WorkspaceIndex, uri: string): string {
  for (const folder of index.workspace.folders) {
    const rel = relativeTo(folder, uri);
    if (rel !== undefined) return rel;
  }
  return uri.startsWith('file:') ? uriToPath(uri) : uri;
}

/** A field value as read: `[[target|shown]]` by its shown text, `[[note#^id]]` as `note › id`. */
export function plainLinks(text: string): string {
  return text.replace(/\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]/g, (_m, t: string, d?: string) => d ?? t.replace(/#\^?/, ' › '));
}

/**
 * A note's links or references, claim after claim (`of` asked for claims 0,
 * 1, 2, …). The parser lists them in the order of the note's lines, so each
 * claim's come together, after the previous claim's: each claim's are a
 * slice, found from where the previous ended, instead of a map of lists per
 * note. Items in any other order are grouped once.
 */
class PerClaim<T extends { claim: number }> {
  private next = 0;
  private readonly grouped: Map<number, T[]> | undefined;
  constructor(private readonly items: readonly T[]) {
    this.grouped = inClaimOrder(items) ? undefined : groupByClaim(items);
  }

  of(claim: number): readonly T[] {
    if (this.grouped) return this.grouped.get(claim) ?? EMPTY;
    const items = this.items;
    let start = this.next;
    while (start < items.length && items[start]!.claim < claim) start++;
    let end = start;
    while (end < items.length && items[end]!.claim === claim) end++;
    this.next = end;
    return end > start ? items.slice(start, end) : EMPTY;
  }
}

/** Whether each claim's items (claim ≥ 0) come together, claims in increasing order. */
function inClaimOrder(items: readonly { claim: number }[]): boolean {
  let last = -1;
  let previous = -1;
  for (const it of items) {
    if (it.claim >= 0 && (it.claim < last || (it.claim === last && previous !== last))) return false;
    if (it.claim >= 0) last = it.claim;
    previous = it.claim;
  }
  return true;
}

function groupByClaim<T extends { claim: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const it of items) {
    if (it.claim < 0) continue;
    const list = out.get(it.claim);
    if (list) list.push(it); else out.set(it.claim, [it]);
  }
  return out;
}

function otherKeys(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data ?? {})) if (k !== 'source' && k !== 'sources' && k !== 'tags') out[k] = v;
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
