// The claims panel's data: every claim in the workspace, grouped by note, by
// entity or by status, filtered by text and status. The panel asks for the
// groups a page at a time, with their counts, and for a group's claims only
// when it is expanded, so opening it on a large workspace reads counts kept
// up to date as notes change (claimGroups.ts) and sends only the groups and
// claims the tree shows. Plain data: the client decides icons and colours,
// the service adds the hover card on demand.
import { textMatcher } from '../export/filter';
import { type Claim, type NoteModel, type Range, type StatusDef } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type ClaimGroups, NO_ENTITY, type NoteGroups, noteLabel } from './claimGroups';

export { NO_ENTITY };

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

/** Which groups to answer, in the panel's order: `limit` from `offset`, and on to the group `through` when it comes later. */
export interface GroupsPage {
  offset?: number;
  limit?: number;
  /** A group's key: the page reaches it (follow cursor reveals a claim in a group not shown yet). */
  through?: string;
}

export interface ClaimsOverview {
  grouping: ClaimGrouping;
  /** The groups asked for (every group when no limit is given), in the order the panel shows them. */
  groups: ClaimsGroup[];
  /** Groups of the grouping in all, those asked for or not. */
  groupCount: number;
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

function isUnfiltered(filter: ClaimsFilter): boolean {
  return !filter.text?.trim() && !filter.status?.length;
}

function matcher(index: WorkspaceIndex, filter: ClaimsFilter): (claim: Claim) => boolean {
  const text = textMatcher(filter.text);
  const statuses = filter.status?.length ? new Set(filter.status.map((s) => s.toLowerCase())) : undefined;
  return (claim) => (!statuses || statuses.has(index.statusOf(claim))) && text(claim);
}

/** Whether the i-th claim of a note sits in a group: one test per grouping, no list built per claim. */
function inGroup(index: WorkspaceIndex, grouping: ClaimGrouping, entry: NoteGroups, key: string): (claim: Claim, i: number) => boolean {
  if (grouping === 'note') return () => entry.model.uri === key;
  if (grouping === 'status') return (claim) => index.statusOf(claim) === key;
  return (_claim, i) => entry.inEntityGroup(i, key);
}

function groupsOf(index: WorkspaceIndex, grouping: ClaimGrouping, entry: NoteGroups, claim: Claim, i: number): readonly string[] {
  if (grouping === 'note') return [entry.model.uri];
  if (grouping === 'status') return [index.statusOf(claim)];
  const ids = entry.entities(i);
  return ids.length ? ids : [NO_ENTITY];
}

function folderOf(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  return slash > 0 ? name.slice(0, slash) : undefined;
}

/**
 * The groups of the grouping, each with its count, in the order the panel
 * shows them, a page at a time. Unfiltered (the panel opens so) the counts
 * are the ones kept as notes change; a filter is a pass over the claims.
 * `groups` must be in step with the index (ClaimGroups.sync).
 */
export function claimsOverview(groups: ClaimGroups, grouping: ClaimGrouping, filter: ClaimsFilter = {}, page: GroupsPage = {}): ClaimsOverview {
  const index = groups.index;
  const unfiltered = isUnfiltered(filter);
  const filtered = unfiltered ? undefined : filteredCounts(groups, grouping, filter);
  let counts: { get(key: string): number | undefined };
  let order: readonly string[];
  if (grouping === 'note') {
    counts = filtered?.counts ?? { get: (uri) => groups.note(uri)?.model.claims.length };
    order = filtered ? groups.notesWithClaims().filter((uri) => filtered.counts.has(uri)) : groups.notesWithClaims();
  } else if (grouping === 'status') {
    const byStatus = filtered?.counts ?? groups.byStatus();
    counts = byStatus;
    order = statusOrder(index, byStatus);
  } else {
    const byEntity = filtered?.counts ?? groups.byEntity();
    counts = byEntity;
    order = groups.entityOrder(byEntity);
  }
  const shown = filtered?.shown ?? groups.total;
  const offset = Math.max(0, page.offset ?? 0);
  let end = page.limit === undefined ? order.length : offset + Math.max(0, page.limit);
  if (page.through !== undefined) {
    const at = order.indexOf(page.through, offset);
    if (at >= end) end = at + 1;
  }
  const shownGroups = order.slice(offset, end).map((key) => describe(groups, grouping, key, counts.get(key) ?? 0));
  return { grouping, groups: shownGroups, groupCount: order.length, total: groups.total, shown, statuses: index.config.statuses, rating: index.config.rating };
}

/** One pass over the claims that pass a filter, counting each in its groups. */
function filteredCounts(groups: ClaimGroups, grouping: ClaimGrouping, filter: ClaimsFilter): { counts: Map<string, number>; shown: number } {
  const index = groups.index;
  const passes = matcher(index, filter);
  const counts = new Map<string, number>();
  let shown = 0;
  for (const uri of groups.notesByName()) {
    const entry = groups.note(uri)!;
    entry.model.claims.forEach((claim, i) => {
      if (!passes(claim)) return;
      shown++;
      for (const key of groupsOf(index, grouping, entry, claim, i)) counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  return { counts, shown };
}

/** The workspace's order of statuses; a status it does not define comes last. */
function statusOrder(index: WorkspaceIndex, counts: ReadonlyMap<string, number>): string[] {
  const statuses = index.config.statuses;
  const order = (k: string) => { const i = statuses.findIndex((s) => s.id === k); return i < 0 ? statuses.length : i; };
  return [...counts.keys()].filter((k) => counts.get(k)! > 0).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

function describe(groups: ClaimGroups, grouping: ClaimGrouping, key: string, count: number): ClaimsGroup {
  if (grouping === 'note') {
    const name = groups.note(key)?.model.name ?? key;
    const folder = folderOf(name);
    return { key, label: noteLabel(name), count, ...(folder ? { detail: folder } : {}) };
  }
  if (grouping === 'status') return { key, label: groups.index.config.statuses.find((s) => s.id === key)?.label ?? key, count };
  if (key === NO_ENTITY) return { key, label: 'No entity', count };
  const entity = groups.entity(key);
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

/**
 * The claims of one group that pass the filter, in note order then line
 * order, `limit` of them from `offset`. Unfiltered, the group's size is
 * known, so the walk stops once the page is full.
 */
export function claimsInGroup(groups: ClaimGroups, grouping: ClaimGrouping, key: string, filter: ClaimsFilter = {},
  offset = 0, limit = Infinity): ClaimsPage {
  const index = groups.index;
  const passes = matcher(index, filter);
  const size = isUnfiltered(filter) ? groupSize(groups, grouping, key) : undefined;
  const claims: ClaimEntry[] = [];
  let seen = 0;
  const uris = grouping === 'note' ? [key] : groups.notesByName();
  for (const uri of uris) {
    const note = groups.note(uri);
    if (!note) continue;
    const holds = inGroup(index, grouping, note, key);
    const list = note.model.claims;
    for (let i = 0; i < list.length; i++) {
      const claim = list[i]!;
      if (!holds(claim, i) || !passes(claim)) continue;
      // Only the page's claims are built; the rest are only counted, or not even that when the group's size is known.
      if (seen >= offset && claims.length < limit) claims.push(entry(index, note.model, claim));
      seen++;
      if (size !== undefined && claims.length >= limit) return { claims, more: Math.max(0, size - offset - claims.length) };
    }
  }
  return { claims, more: Math.max(0, seen - offset - claims.length) };
}

/** Claims in a group, unfiltered, from the kept counts. */
function groupSize(groups: ClaimGroups, grouping: ClaimGrouping, key: string): number {
  if (grouping === 'note') return groups.note(key)?.model.claims.length ?? 0;
  return (grouping === 'status' ? groups.byStatus() : groups.byEntity()).get(key) ?? 0;
}

/** The claim whose lines hold `line` in a note, and the groups it sits in: what "follow cursor" reveals. */
export function claimsTreeLocate(groups: ClaimGroups, grouping: ClaimGrouping, uri: string, line: number):
  { claim: ClaimEntry; groups: string[] } | undefined {
  const note = groups.note(uri);
  if (!note) return undefined;
  const i = note.model.claims.findIndex((c) => c.range.start.line <= line && line <= c.range.end.line);
  const claim = note.model.claims[i];
  if (!claim) return undefined;
  return { claim: entry(groups.index, note.model, claim), groups: [...groupsOf(groups.index, grouping, note, claim, i)] };
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
