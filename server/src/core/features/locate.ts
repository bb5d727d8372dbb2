// What sits under the caret in a note or a registry: a wikilink, a claim (its
// tag, text or id), a claim reference, a field, the source path, or an entity
// definition. Every feature starts here, so they all agree.
import { type Claim, type ClaimField, type ClaimRef, type EntityDef, type NoteModel, type Position, type SourceRef, type WikiLink, contains } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';

export type Target =
  | { kind: 'link'; note: NoteModel; link: WikiLink }
  | { kind: 'ref'; note: NoteModel; ref: ClaimRef }
  | { kind: 'claim'; note: NoteModel; claim: Claim; onId: boolean }
  | { kind: 'field'; note: NoteModel; claim: Claim; field: ClaimField }
  | { kind: 'source'; note: NoteModel; source: SourceRef; onPath: boolean }
  | { kind: 'entity'; entity: EntityDef; /** which name the caret is on */ name: string };

export function locate(index: WorkspaceIndex, uri: string, pos: Position): Target | undefined {
  const note = index.notes.get(uri);
  if (note) return locateInNote(note, pos) ?? locateEntityNote(note, pos);
  const reg = index.registries.get(uri);
  if (reg) {
    for (const e of reg.entities) {
      const hit = nameAt(e, pos);
      if (hit !== undefined) return { kind: 'entity', entity: e, name: hit };
    }
    for (const e of reg.entities) if (contains(e.range, pos)) return { kind: 'entity', entity: e, name: e.name };
  }
  return undefined;
}

function locateInNote(note: NoteModel, pos: Position): Target | undefined {
  for (const ref of note.refs) {
    if (ref.note === undefined && contains(ref.range, pos)) return { kind: 'ref', note, ref };
  }
  for (const link of note.links) {
    if (link.range.start.line !== pos.line || !contains(link.range, pos)) continue;
    const ref = note.refs.find((r) => r.range.start.line === pos.line && r.range.start.character === link.range.start.character);
    if (ref) return { kind: 'ref', note, ref };
    return { kind: 'link', note, link };
  }
  for (const source of note.sources) {
    if (source.pathRange && contains(source.pathRange, pos)) return { kind: 'source', note, source, onPath: true };
  }
  const fm = note.frontMatter;
  if (fm && contains(fm.range, pos)) {
    const s = note.sources.find((x) => contains(x.range, pos) || x.range.start.line - 1 === pos.line) ?? note.sources[0];
    if (s) return { kind: 'source', note, source: s, onPath: false };
    return undefined;
  }
  const claim = claimAt(note, pos);
  if (!claim) return undefined;
  if (pos.line !== claim.line) {
    const field = claim.fields.find((f) => f.keyRange.start.line === pos.line);
    if (field) return { kind: 'field', note, claim, field };
  }
  const onId = !!claim.idRange && contains(claim.idRange, pos);
  return { kind: 'claim', note, claim, onId };
}

function locateEntityNote(note: NoteModel, pos: Position): Target | undefined {
  const e = note.entity;
  if (!e) return undefined;
  const hit = nameAt(e, pos);
  return hit !== undefined ? { kind: 'entity', entity: e, name: hit } : undefined;
}

/** The claim whose lines contain `pos`. */
export function claimAt(note: NoteModel, pos: Position): Claim | undefined {
  // Claims are in line order: binary search on the first line.
  let lo = 0, hi = note.claims.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (note.claims[mid].line <= pos.line) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const c = note.claims[found];
  return pos.line <= c.range.end.line ? c : undefined;
}

/** The entity's name, id or alias under the caret in its definition. */
function nameAt(e: EntityDef, pos: Position): string | undefined {
  if (contains(e.nameRange, pos)) return e.name;
  const i = e.aliasRanges.findIndex((r) => contains(r, pos));
  return i >= 0 ? e.aliases[i] : undefined;
}

/** The claim a link or reference target names, with the note it is in. */
export function claimOfLink(index: WorkspaceIndex, note: NoteModel, link: WikiLink) {
  if (!link.anchor?.startsWith('^')) return undefined;
  const ref = note.refs.find((r) => r.range.start.line === link.range.start.line && r.range.start.character === link.range.start.character);
  return ref ? index.resolveRef(note, ref) : undefined;
}
