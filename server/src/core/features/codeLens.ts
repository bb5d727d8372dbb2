// Code lens above each claim: its status, how often it is referenced, and
// (when the anchoring layer supplies it) how its quotes matched the source.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type NoteModel } from '../notes/model';
import { statusBadge } from './cards';
import { type CodeLens } from './types';

export type QuoteSummary = (note: NoteModel, claim: Claim) => string | undefined;

export function codeLenses(index: WorkspaceIndex, note: NoteModel, quoteSummary?: QuoteSummary): CodeLens[] {
  return note.claims.map((claim): CodeLens => {
    const refs = claim.id ? index.referencesTo(note, claim.id) : [];
    const parts = [statusBadge(index, index.statusOf(claim)), `${refs.length} reference${refs.length === 1 ? '' : 's'}`];
    const quotes = quoteSummary?.(note, claim);
    if (quotes) parts.push(quotes);
    const range = { start: { line: claim.line, character: 0 }, end: { line: claim.line, character: 0 } };
    const position = claim.idRange?.start ?? claim.tagRange.start;
    const title = parts.join(' · ');
    // Clicking shows the references; with none there is nothing to show.
    return refs.length ? { range, title, command: { kind: 'showReferences', uri: note.uri, position } } : { range, title };
  });
}
