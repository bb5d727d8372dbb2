// Which file a note's source entry names, what kind of text it is, and
// whether it lies inside the workspace: one answer for the editor, the
// diagnostics and the exports.
import { type Claim, type NoteModel, type SourceRef } from '../notes/model';
import { type SourceKind } from './sourceText';
import { type Workspace, dirname, joinPath } from '../workspace/workspace';

/** The file a source entry names (`path`, relative to the note), or undefined when it names none. */
export function sourceUri(note: NoteModel, ref: SourceRef): string | undefined {
  return ref.path ? joinPath(dirname(note.uri), ref.path) : undefined;
}

/** The source a claim's quotes are checked against: its `source:: id`, else the note's first. */
export function claimSource(note: NoteModel, claim: Claim): SourceRef | undefined {
  // Asked for every quoted claim of every note an export anchors: plain loops.
  let id: string | undefined;
  for (const f of claim.fields) if (f.key === 'source') { id = f.value.trim(); break; }
  if (!id) return note.sources[0];
  for (const s of note.sources) if (s.id === id) return s;
  return undefined;
}

export function sourceKind(uri: string): SourceKind {
  if (/\.x?html?$/i.test(uri)) return 'html';
  if (/\.(md|markdown)$/i.test(uri)) return 'markdown';
  return 'text';
}

/** SPEC §9: a source outside every workspace folder is not read unless the setting allows it. */
export function insideWorkspace(workspace: Workspace, uri: string): boolean {
  return workspace.folders.some((f) => uri.startsWith(f + '/'));
}
