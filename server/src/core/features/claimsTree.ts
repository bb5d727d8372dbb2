// The claims panel's data: every claim in the workspace, grouped by note, by
// entity or by status, filtered by text and status. The panel asks for the
// groups and their counts first and for a group's claims only when it is
// expanded, so opening it on a large workspace costs one pass over the claims
// and no claim list is sent that nobody looks at. Plain data: the client
// decides icons and colours, the service adds the hover card on demand.
import { textMatcher } from '../export/filter';
import { type Claim, type EntityDef, type NoteModel, type Range, type StatusDef } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';

export type ClaimGrouping = 'note' | 'entity' | 'status';

export interface ClaimsFilter {
  /** Case-insensitive, matched against the claim's text and id. */
  text?: string;
  /** Status ids; empty or absent: every status. */
  status?: string[];
}

export interface ClaimsGroup {
  /** A note URI, an entity id (`''`: claims naming no entity), or a status id. */
  key: string;
  label: string;
  /** Claims in the group that pass the filter. */
  count: number;
  /** A second line: the note's folder, the entity's type, nothing for a status. */
  detail?: string;
}

export interface ClaimsOverview {
  grouping: ClaimGrouping;
  groups: ClaimsGroup[];
  /** Claims in the workspace. */
  total: number;
  /** Claims that pass the filter (each once, even when it sits in several entity groups). */
  shown: number;
  /** The workspace's statuses, in their order, with the rating scale: the panel's icons and filter. */
  statuses: StatusDef[];
  rating: { best: number; worst: number };
}

export interface ClaimEntry {
  uri: string;
  /** The note's name, as a reference names it (`notes/a` in `[[notes/a#^id]]`). */
  note: string;
  line: number;
  range: Range;
  id?: string;
  text: string;
  status: string;
}

/** Claims that name no entity, in the entity grouping. */
export const NO_ENTITY = '';

function matcher(index: WorkspaceIndex, filter: ClaimsFilter): (claim: Claim) => boolean {
  const text = textMatcher(filter.text);
  const statuses = filter.status?.length ? new Set(filter.status.map((s) => s.toLowerCase())) : undefined;
  return (claim) => (!statuses || statuses.has(index.statusOf(claim))) && text(claim);
}

// What each claim of a note names depends only on the note's model (a new one
// on every re-parse) and the entities (a new list whenever one is added or
// removed): kept under both, so grouping by entity does not resolve every link
// of the workspace on every refresh. Weak: a replaced note's entry goes with it.
const namedByNote = new WeakMap<NoteModel, { entities: readonly EntityDef[]; ids: string[][] }>();

/** For each claim of a note, the ids of the entities it names, once each (an ambiguous name names none): one pass over the links. */
function entitiesByClaim(index: WorkspaceIndex, note: NoteModel, byKey: Map<string, string | undefined>): string[][] {
  const entities = index.entities();
  const known = namedByNote.get(note);
  if (known?.entities === entities) return known.ids;
  const out: string[][] = note.claims.map(() => []);
  for (const link of note.links) {
    const ids = out[link.claim];
    if (!ids) continue;
    // Links with one folded key resolve alike: each key is resolved once per question, not once per link.
    let id = byKey.get(link.key);
    if (!byKey.has(link.key)) {
      const found = index.resolveEntity(link.target);
      id = found.length === 1 ? found[0]!.id : undefined;
      byKey.set(link.key, id);
    }
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  namedByNote.set(note, { entities, ids: out });
  return out;
}

// Each grouping says which groups each claim of a note belongs to; one pass fills them.
function groupKeys(index: WorkspaceIndex, grouping: ClaimGrouping, note: NoteModel,
  byKey = new Map<string, string | undefined>()): (claim: Claim, i: number) => string[] {
  if (grouping === 'note') return () => [note.uri];
  if (grouping === 'status') return (claim) => [index.statusOf(claim)];
  const entities = entitiesByClaim(index, note, byKey);
  return (_claim, i) => (entities[i]?.length ? entities[i]! : [NO_ENTITY]);
}

function folderOf(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  return slash > 0 ? name.slice(0, slash) : undefined;
}

/** The groups of the grouping, each with its count, in the order the panel shows them. */
export function claimsOverview(index: WorkspaceIndex, grouping: ClaimGrouping, filter: ClaimsFilter = {}): ClaimsOverview {
  const passes = matcher(index, filter);
  const unfiltered = !filter.text?.trim() && !filter.status?.length;
  const counts = new Map<string, number>();
  const byKey = new Map<string, string | undefined>();
  let total = 0, shown = 0;
  for (const note of index.notes.values()) {
    total += note.claims.length;
    if (note.claims.length === 0) continue;
    // The panel opens unfiltered, by note: every claim counts, none needs looking at.
    if (unfiltered && grouping === 'note') { counts.set(note.uri, note.claims.length); shown += note.claims.length; continue; }
    const keysOf = groupKeys(index, grouping, note, byKey);
    note.claims.forEach((claim, i) => {
      if (!passes(claim)) return;
      shown++;
      for (const key of keysOf(claim, i)) counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  const statuses = index.config.statuses;
  // One lookup of entities by id, not one search per group: a large workspace has tens of thousands.
  const entities = grouping === 'entity' ? new Map(index.entities().map((e) => [e.id, e])) : undefined;
  const groups: ClaimsGroup[] = [...counts].map(([key, count]) => describe(index, grouping, key, count, entities));
  if (grouping === 'status') {
    // The workspace's order; a status it does not define comes last.
    const order = (k: string) => { const i = statuses.findIndex((s) => s.id === k); return i < 0 ? statuses.length : i; };
    groups.sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key));
  } else if (grouping === 'entity') {
    // Most discussed first; claims naming no entity last.
    groups.sort((a, b) => Number(a.key === NO_ENTITY) - Number(b.key === NO_ENTITY) || b.count - a.count || a.label.localeCompare(b.label));
  } else {
    groups.sort((a, b) => a.label.localeCompare(b.label));
  }
  return { grouping, groups, total, shown, statuses, rating: index.config.rating };
}

function describe(index: WorkspaceIndex, grouping: ClaimGrouping, key: string, count: number,
  entities?: ReadonlyMap<string, EntityDef>): ClaimsGroup {
  if (grouping === 'note') {
    const name = index.notes.get(key)?.name ?? key;
    const folder = folderOf(name);
    return { key, label: name.slice(name.lastIndexOf('/') + 1), count, ...(folder ? { detail: folder } : {}) };
  }
  if (grouping === 'status') return { key, label: index.config.statuses.find((s) => s.id === key)?.label ?? key, count };
  if (key === NO_ENTITY) return { key, label: 'No entity', count };
  const entity = entities?.get(key);
  return { key, label: entity?.name ?? key, count, ...(entity?.type ? { detail: entity.type } : {}) };
}

function entry(index: WorkspaceIndex, note: NoteModel, claim: Claim): ClaimEntry {
  return {
    uri: note.uri, note: note.name, line: claim.line, range: claim.range, text: claim.text, status: index.statusOf(claim),
    ...(claim.id !== undefined ? { id: claim.id } : {}),
  };
}

/** One page of a group's claims: a group of thousands is shown a page at a time. */
export interface ClaimsPage {
  claims: ClaimEntry[];
  /** Claims of the group after this page. */
  more: number;
}

/** The claims of one group that pass the filter, in note order then line order, `limit` of them from `offset`. */
export function claimsInGroup(index: WorkspaceIndex, grouping: ClaimGrouping, key: string, filter: ClaimsFilter = {},
  offset = 0, limit = Infinity): ClaimsPage {
  const passes = matcher(index, filter);
  const claims: ClaimEntry[] = [];
  let seen = 0;
  const byKey = new Map<string, string | undefined>();
  const visit = (note: NoteModel) => {
    const keysOf = groupKeys(index, grouping, note, byKey);
    note.claims.forEach((claim, i) => {
      if (!passes(claim) || !keysOf(claim, i).includes(key)) return;
      // Only the page's claims are built; the rest are only counted.
      if (seen >= offset && claims.length < limit) claims.push(entry(index, note, claim));
      seen++;
    });
  };
  if (grouping === 'note') {
    const note = index.notes.get(key);
    if (note) visit(note);
  } else {
    for (const note of [...index.notes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) visit(note);
  }
  return { claims, more: Math.max(0, seen - offset - claims.length) };
}

/** The claim whose lines hold `line` in a note, and the groups it sits in: what "follow cursor" reveals. */
export function claimsTreeLocate(index: WorkspaceIndex, grouping: ClaimGrouping, uri: string, line: number):
  { claim: ClaimEntry; groups: string[] } | undefined {
  const note = index.notes.get(uri);
  if (!note) return undefined;
  const i = note.claims.findIndex((c) => c.range.start.line <= line && line <= c.range.end.line);
  const claim = note.claims[i];
  if (!claim) return undefined;
  return { claim: entry(index, note, claim), groups: groupKeys(index, grouping, note)(claim, i) };
}

/** The status bar's counts: a note's claims by status, or the whole workspace's. */
export function claimCounts(index: WorkspaceIndex, notes: Iterable<NoteModel>): { claims: number; byStatus: Record<string, number> } {
  const byStatus: Record<string, number> = {};
  let claims = 0;
  for (const note of notes) {
    for (const claim of note.claims) {
      claims++;
      const s = index.statusOf(claim);
      byStatus[s] = (byStatus[s] ?? 0) + 1;
    }
  }
  return { claims, byStatus };
}
