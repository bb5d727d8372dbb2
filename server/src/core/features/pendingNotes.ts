// The files a structure kept beside the index (the claim map's graph, the
// claims panel's counts) must look at again before its next question: those
// the change stream names once it is built, and, during the cold index, which
// announces its notes only when it is done, every note whose model is not the
// one the structure holds, and every one it holds that is gone.
import { type NoteModel } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';

export class PendingNotes {
  /** False until the structure is first built: the build reads every note, so nothing need be named before. */
  following = false;
  private readonly uris = new Set<string>();

  /** The change stream names these files. */
  changed(uris: readonly string[]): void {
    if (this.following) for (const u of uris) this.uris.add(u);
  }

  /** Every note read since the structure last looked, and every one it holds that the index no longer does. */
  catchUp(index: WorkspaceIndex, held: ReadonlyMap<string, { readonly model: NoteModel }>): void {
    if (!this.following) return;
    for (const [uri, note] of index.notes) if (held.get(uri)?.model !== note) this.uris.add(uri);
    for (const uri of held.keys()) if (!index.notes.has(uri)) this.uris.add(uri);
  }

  get size(): number {
    return this.uris.size;
  }

  /** The files named so far, each once; they are no longer pending. */
  take(): string[] {
    const out = [...this.uris];
    this.uris.clear();
    return out;
  }
}
