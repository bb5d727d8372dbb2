// Which claims an export (and the claim map) takes: by status, by entity, by
// note path glob, by kind and by text (what the claims panel's text filter
// shows, matched the same way); the claim map's formats also choose which
// relations they draw. Values within one filter are alternatives; different
// filters must all hold. A filter value that names nothing is an error, not an
// empty export, so a typo on the command line says so instead of writing an
// empty file.
import picomatch from 'picomatch';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type NoteModel } from '../notes/model';
import { relativeTo } from '../workspace/workspace';
import { MAP_RELATIONS, type MapRelation } from '../features/claimMapTypes';

export interface ClaimFilter {
  /** Status ids (case-insensitive). */
  status?: string[];
  /** Entity ids, names or aliases, resolved as a mention would be. */
  entity?: string[];
  /** Globs over the note's workspace-relative path (`notes/*.md`); a glob without `/` matches the file name. */
  note?: string[];
  /** Words the claim's text or id contains (case-insensitive), as the claims panel filters. */
  text?: string;
  /** Claim kinds (`kind::`, `#claim/<kind>`; case-insensitive). */
  kind?: string[];
  /** The claim map's formats only: the edge types drawn (MAP_RELATIONS). */
  relation?: string[];
}

/** The claims panel's text filter and the export's: the claim's text or id contains it, case aside. */
export function textMatcher(text: string | undefined): (claim: { text: string; id?: string }) => boolean {
  const t = text?.trim().toLowerCase();
  return (c) => !t || c.text.toLowerCase().includes(t) || (c.id?.toLowerCase().includes(t) ?? false);
}

export class ExportError extends Error {}

export interface CompiledFilter {
  note(note: NoteModel): boolean;
  /** A claim, by its status, the ids of the entities it mentions, its text, its id in its note and its kind. */
  claim(claim: { status: string; entities: ReadonlyArray<{ id: string }>; text: string; localId?: string; kind?: string }): boolean;
  /** Whether the filter names entities: only then does `claim` read them. */
  readonly byEntity: boolean;
  /** The relations to draw; undefined: all of them. */
  readonly relations: ReadonlySet<MapRelation> | undefined;
}

export function claimFilter(index: WorkspaceIndex, filter: ClaimFilter): CompiledFilter {
  const statuses = filter.status?.length ? new Set(filter.status.map((s) => s.trim().toLowerCase())) : undefined;
  if (statuses) {
    const known = new Set(index.config.statuses.map((s) => s.id));
    const unknown = [...statuses].filter((s) => !known.has(s));
    if (unknown.length) {
      throw new ExportError(`Unknown status ${unknown.map((s) => `"${s}"`).join(', ')}: use one of ${[...known].join(', ')}.`);
    }
  }
  let entityIds: Set<string> | undefined;
  if (filter.entity?.length) {
    entityIds = new Set();
    for (const name of filter.entity) {
      const found = index.resolveEntity(name);
      if (found.length === 0) throw new ExportError(`No entity is named "${name}".`);
      found.forEach((e) => entityIds!.add(e.id));
    }
  }
  const kinds = filter.kind?.length ? new Set(filter.kind.map((k) => k.trim().toLowerCase())) : undefined;
  if (kinds) {
    const used = kindsInUse(index);
    const unknown = [...kinds].filter((k) => !used.has(k));
    if (unknown.length) {
      throw new ExportError(`No claim is of kind ${unknown.map((k) => `"${k}"`).join(', ')}: the kinds in use are ${[...used].sort().join(', ') || 'none'}.`);
    }
  }
  let relations: Set<MapRelation> | undefined;
  if (filter.relation?.length) {
    relations = new Set();
    for (const r of filter.relation) {
      const relation = MAP_RELATIONS.find((m) => m === r.trim().toLowerCase());
      if (!relation) throw new ExportError(`Unknown relation "${r}": use one of ${MAP_RELATIONS.join(', ')}.`);
      relations.add(relation);
    }
  }
  // One matcher per glob: picomatch's `basename` option would also apply to globs with a `/`.
  const globs = filter.note?.map((g) => picomatch(g, { nocase: true, dot: true, basename: !g.includes('/') }));
  const text = textMatcher(filter.text);
  return {
    note: (n) => !globs?.length || globs.some((g) => g(pathIn(index, n.uri))),
    claim: (c) => (!statuses || statuses.has(c.status)) && (!kinds || (c.kind !== undefined && kinds.has(c.kind)))
      && (!entityIds || c.entities.some((e) => entityIds!.has(e.id))) && text({ text: c.text, id: c.localId }),
    byEntity: entityIds !== undefined,
    relations,
  };
}

function kindsInUse(index: WorkspaceIndex): Set<string> {
  const out = new Set<string>();
  for (const note of index.notes.values()) for (const c of note.claims) if (c.kind !== undefined) out.add(c.kind);
  return out;
}

function pathIn(index: WorkspaceIndex, uri: string): string {
  for (const folder of index.workspace.folders) {
    const rel = relativeTo(folder, uri);
    if (rel !== undefined) return rel;
  }
  return uri;
}
