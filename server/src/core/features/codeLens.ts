// Code lens above each claim: its status, how often it is referenced, and
// (when the anchoring layer supplies it) how its quotes matched the source.
import { type CodeLens } from 'vscode-languageserver-types';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type NoteModel } from '../notes/model';
import { statusBadge } from './cards';

export type QuoteSummary = (note: NoteModel, claim: Claim) => string | undefined;

export function codeLenses(index: WorkspaceIndex, note: NoteModel, quoteSummary?: QuoteSummary): CodeLens[] {
  return note.claims.map((claim) => {
    const refs = claim.id ? index.referencesTo(note, claim.id) : [];
    const parts = [statusBadge(index, index.statusOf(claim)), `${refs.length} reference${refs.length === 1 ? '' : 's'}`];
    const quotes = quoteSummary?.(note, claim);
    if (quotes) parts.push(quotes);
    const range = { start: { line: claim.line, character: 0 }, end: { line: claim.line, character: 0 } };
    const position = claim.idRange?.start ?? claim.tagRange.start;
    return {
      range,
      command: refs.length
        ? { title: parts.join(' · '), command: 'claimlens.showReferences', arguments: [note.uri, position] }
        : { title: parts.join(' · '), command: '' },
    };
  });
}
