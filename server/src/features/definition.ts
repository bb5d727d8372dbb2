// Go to definition: a mention → the entity's entry; a claim reference → the
// claim; a link → the note; `source.path` → the file.
import { type Location } from 'vscode-languageserver-types';
import { type WorkspaceIndex } from '../core/index';
import { type EntityDef, type Position, lineRange } from '../core/model';
import { dirname, joinPath } from '../core/workspace';
import { claimOfLink, locate } from './locate';

export function entityLocation(e: EntityDef): Location {
  return { uri: e.uri, range: e.nameRange };
}

export function definition(index: WorkspaceIndex, uri: string, pos: Position): Location[] {
  const t = locate(index, uri, pos);
  if (!t) return [];
  switch (t.kind) {
    case 'link': {
      const entities = index.resolveEntity(t.link.target);
      if (entities.length) return entities.map(entityLocation);
      const claim = claimOfLink(index, t.note, t.link);
      if (claim) return [{ uri: claim.note.uri, range: claim.claim.range }];
      return index.resolveNote(t.link.target, uri).map((n) => ({ uri: n.uri, range: lineRange(0, 0, 0) }));
    }
    case 'ref': {
      const target = index.resolveRef(t.note, t.ref);
      return target ? [{ uri: target.note.uri, range: target.claim.range }] : [];
    }
    case 'source':
      return t.source.path ? [{ uri: joinPath(dirname(uri), t.source.path), range: lineRange(0, 0, 0) }] : [];
    default:
      return [];
  }
}
