// Find references: an entity → every mention (in claims, `by::` and prose);
// a claim → every reference to it.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type EntityDef, type NoteModel, type Position } from '../notes/model';
import { entityLocation } from './definition';
import { claimOfLink, locate } from './locate';
import { type Location } from './types';

export function references(index: WorkspaceIndex, uri: string, pos: Position, includeDeclaration: boolean): Location[] {
  const t = locate(index, uri, pos);
  if (!t) return [];
  let entity: EntityDef | undefined;
  let claim: { note: NoteModel; claim: Claim } | undefined;
  switch (t.kind) {
    case 'entity': entity = t.entity; break;
    case 'link':
      entity = index.resolveLink(t.link)[0];
      if (!entity) claim = claimOfLink(index, t.note, t.link);
      break;
    case 'ref': claim = index.resolveRef(t.note, t.ref); break;
    case 'claim': case 'field': claim = { note: t.note, claim: t.claim }; break;
    default: return [];
  }
  if (entity) {
    // Built in one pass: the most linked entity has 10,000 mentions, and each object between a link and its location cost a third of the answer.
    const out: Location[] = includeDeclaration ? [entityLocation(entity)] : [];
    index.forEachMention(entity, (note, link) => { out.push({ uri: note.uri, range: link.range }); }, true);
    return out;
  }
  if (claim && claim.claim.id) {
    const out: Location[] = index.referencesTo(claim.note, claim.claim.id).map((r) => ({ uri: r.uri, range: r.ref.range }));
    return includeDeclaration ? [{ uri: claim.note.uri, range: claim.claim.idRange! }, ...out] : out;
  }
  return [];
}
