// Rename an entity (its definition and every mention that uses the renamed
// name) or a claim id (the `^id` and every reference), as one workspace edit.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type EntityDef, type NoteModel, type Position, type Range } from '../notes/model';
import { foldName } from '../text/names';
import { EditBuilder, type VersionOf, yamlScalar } from './edits';
import { claimOfLink, locate } from './locate';
import { type Edit } from './types';

export class RenameError extends Error {}

type Subject =
  | { kind: 'entity'; entity: EntityDef; name: string; range: Range }
  | { kind: 'claim'; note: NoteModel; claim: Claim; range: Range };

function subject(index: WorkspaceIndex, uri: string, pos: Position): Subject | undefined {
  const t = locate(index, uri, pos);
  if (!t) return undefined;
  switch (t.kind) {
    case 'entity': {
      const r = t.name === t.entity.name ? t.entity.nameRange : t.entity.aliasRanges[t.entity.aliases.indexOf(t.name)];
      return { kind: 'entity', entity: t.entity, name: t.name, range: r };
    }
    case 'link': {
      const e = index.resolveLink(t.link);
      if (e.length === 1) return { kind: 'entity', entity: e[0], name: t.link.target, range: t.link.targetRange };
      const c = claimOfLink(index, t.note, t.link);
      const ref = t.note.refs.find((r) => r.range.start.line === t.link.range.start.line && r.range.start.character === t.link.range.start.character);
      if (c && ref) return { kind: 'claim', note: c.note, claim: c.claim, range: ref.idRange };
      return undefined;
    }
    case 'ref': {
      const c = index.resolveRef(t.note, t.ref);
      return c ? { kind: 'claim', note: c.note, claim: c.claim, range: t.ref.idRange } : undefined;
    }
    case 'claim':
      return t.onId && t.claim.idRange ? { kind: 'claim', note: t.note, claim: t.claim, range: t.claim.idRange } : undefined;
    default:
      return undefined;
  }
}

export function prepareRename(index: WorkspaceIndex, uri: string, pos: Position): { range: Range; placeholder: string } | undefined {
  const s = subject(index, uri, pos);
  if (!s) return undefined;
  return { range: s.range, placeholder: s.kind === 'entity' ? s.name : s.claim.id! };
}

export function rename(index: WorkspaceIndex, uri: string, pos: Position, newName: string, versionOf: VersionOf): Edit | undefined {
  const s = subject(index, uri, pos);
  if (!s) return undefined;
  const edits = new EditBuilder(versionOf);
  if (s.kind === 'claim') {
    const id = newName.replace(/^\^/, '');
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new RenameError('A claim id may contain only letters, digits and "-".');
    if (id !== s.claim.id && s.note.claims.some((c) => c.id === id)) throw new RenameError(`This note already has a claim ^${id}.`);
    edits.add(s.note.uri, { range: s.claim.idRange!, newText: id });
    for (const r of index.referencesTo(s.note, s.claim.id!)) edits.add(r.uri, { range: r.ref.idRange, newText: id });
    return edits.build();
  }
  const name = newName.trim();
  if (!name || /[[\]|#^\n]/.test(name)) throw new RenameError('An entity name cannot be empty or contain [ ] | # ^.');
  const clash = index.resolveEntity(name).filter((e) => e !== s.entity);
  if (clash.length) throw new RenameError(`"${name}" already names ${clash[0].name} (${clash[0].id}).`);
  const e = s.entity;
  const old = foldName(s.name);
  // The definition: the name or alias the caret was on.
  const isNote = index.notes.get(e.uri)?.entity === e;
  if (isNote && e.nameRange.start.line === e.nameRange.end.line && e.nameRange.start.character === e.nameRange.end.character) {
    throw new RenameError(`${e.name} takes its name from its file name: rename the file instead.`);
  }
  if (foldName(e.name) === old) edits.add(e.uri, { range: e.nameRange, newText: isNote ? name : yamlScalar(name) });
  e.aliases.forEach((a, i) => { if (foldName(a) === old && foldName(e.name) !== old) edits.add(e.uri, { range: e.aliasRanges[i], newText: yamlScalar(name) }); });
  for (const m of index.mentionsOf(e)) {
    if (foldName(m.link.target) === old) edits.add(m.uri, { range: m.link.targetRange, newText: name });
  }
  return edits.build();
}
