// Go to definition: a mention → the entity's entry; a claim reference → the
// claim; a link → the note; `source.path` → the file; a `quote::` → the
// passage in the source (which the anchoring layer supplies).
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type ClaimField, type EntityDef, type NoteModel, type Position, lineRange } from '../notes/model';
import { sourceUri } from '../anchoring/sourceRefs';
import { claimOfLink, locate } from './locate';
import { type Location } from './types';

export function entityLocation(e: EntityDef): Location {
  return { uri: e.uri, range: e.nameRange };
}

/** Where a `quote::` field's passage is in its source file. */
export type QuoteLocation = (note: NoteModel, field: ClaimField) => Location | undefined;

export function definition(index: WorkspaceIndex, uri: string, pos: Position, quoteLocation?: QuoteLocation): Location[] {
  const t = locate(index, uri, pos);
  if (!t) return [];
  switch (t.kind) {
    case 'link': {
      const entities = index.resolveLink(t.link);
      if (entities.length) return entities.map(entityLocation);
      const claim = claimOfLink(index, t.note, t.link);
      if (claim) return [{ uri: claim.note.uri, range: claim.claim.range }];
      return index.resolveNote(t.link.target, uri).map((n) => ({ uri: n.uri, range: lineRange(0, 0, 0) }));
    }
    case 'ref': {
      const target = index.resolveRef(t.note, t.ref);
      return target ? [{ uri: target.note.uri, range: target.claim.range }] : [];
    }
    case 'source': {
      const file = sourceUri(t.note, t.source);
      return file ? [{ uri: file, range: lineRange(0, 0, 0) }] : [];
    }
    case 'field': {
      const at = t.field.key === 'quote' ? quoteLocation?.(t.note, t.field) : undefined;
      return at ? [at] : [];
    }
    default:
      return [];
  }
}
