// The anchors record as anchoring reads it: one `.claimlens/anchors.json`
// per workspace folder, read through SourceFiles (the editor's unsaved text
// wins, as for any file) and parsed once per version; and, for each quote it
// holds an entry for, where that quote stands against it:
//
// - confirmed: the source's text still has the recorded SHA-256;
// - earlier: it does not, and the analyst chose to keep quoting the recorded
//   version (the decision holds for the text they reviewed);
// - changed: it does not, and nobody has reviewed the change yet: what
//   became of the quote (sourceChange.ts).
import { type AnchorHint } from './contextMatch';
import { type AnchorRecord, EMPTY_RECORD, parseAnchorRecord, RECORD_PATH, type RecordedAnchor } from './anchorRecord';
import { classifyChange, type QuoteChange } from './sourceChange';
import { type SourceFiles } from './sourceFiles';
import { type PreparedSource } from './sourceText';
import { type Workspace, relativeTo, uriToPath } from '../workspace/workspace';

export type QuoteRecord =
  | { readonly status: 'confirmed'; readonly key: string; readonly entry: RecordedAnchor }
  | { readonly status: 'earlier'; readonly key: string; readonly entry: RecordedAnchor; readonly sha256: string }
  | { readonly status: 'changed'; readonly key: string; readonly entry: RecordedAnchor; readonly sha256: string; readonly change: QuoteChange };

/** What anchoring weighs of an entry when a quote matches in several places. */
export function hintOf(entry: RecordedAnchor): AnchorHint {
  return { start: entry.start, prefix: entry.prefix, suffix: entry.suffix, ...(entry.occurrence !== undefined ? { occurrence: entry.occurrence } : {}) };
}

/** Where a quote stands against its entry, given the SHA-256 of its source's text now. */
export function recordState(key: string, entry: RecordedAnchor, sha256: string, source: () => PreparedSource): QuoteRecord {
  if (sha256 === entry.sha256) return { status: 'confirmed', key, entry };
  if (entry.reviewed?.sha256 === sha256) return { status: 'earlier', key, entry, sha256 };
  return { status: 'changed', key, entry, sha256, change: classifyChange(source(), entry) };
}

/** The workspace folder a file lies in (the first that holds it). */
export function folderOf(workspace: Workspace, uri: string): string | undefined {
  return workspace.folders.find((f) => relativeTo(f, uri) !== undefined);
}

/** The record file of a workspace folder. */
export function recordUri(folder: string): string {
  return `${folder}/${RECORD_PATH}`;
}

/** A file's path as a record in `folder` names it: relative to the folder, else its own path. */
export function pathIn(folder: string, uri: string): string {
  return relativeTo(folder, uri) ?? (uri.startsWith('file:') ? uriToPath(uri) : uri);
}

/**
 * The SHA-256 of a source's text as the record states it: the text its
 * offsets count in (for HTML, its visible text), as UTF-8, without a
 * byte-order mark. For a plain-text file without a BOM, what `sha256sum` prints.
 */
export function textDigest(hash: (bytes: Uint8Array) => string, text: string): string {
  return hash(new TextEncoder().encode(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
}

function unreadable(reason: string): AnchorRecord {
  return { entries: new Map(), problems: [{ code: 'anchors-record', severity: 'error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `The anchors record cannot be read (${reason}); its quotes count as not confirmed.` }] };
}

/**
 * The records of the workspace folders, each read and parsed once and kept
 * until the change stream names its file (a record is the same for every
 * note of a folder: no `stat` per note, unlike sources, whose editor
 * versions are asked each time).
 */
export class RecordFiles {
  private readonly reads = new Map<string, Promise<{ version: string; record: AnchorRecord }>>();

  constructor(private readonly files: SourceFiles) {}

  /** The record at `uri` and a key for its version ('missing' when there is none). */
  read(uri: string): Promise<{ version: string; record: AnchorRecord }> {
    let known = this.reads.get(uri);
    if (!known) {
      // Whatever goes wrong reading it, the record is a problem on its file, never a failed request.
      known = this.load(uri).catch((e: unknown) => ({ version: 'unreadable', record: unreadable(e instanceof Error ? e.message : String(e)) }));
      this.reads.set(uri, known);
    }
    return known;
  }

  private async load(uri: string): Promise<{ version: string; record: AnchorRecord }> {
    const state = await this.files.state(uri);
    if (state.status === 'unreadable') return { version: state.status, record: unreadable(state.reason) };
    if (state.status !== 'ok') return { version: state.status, record: EMPTY_RECORD };
    const text = await this.files.text(uri, state.version);
    return { version: String(state.version), record: text === undefined ? unreadable('it could not be read') : parseAnchorRecord(text) };
  }

  /** Drops what was read of a file that changed. */
  changed(uri: string): void {
    this.reads.delete(uri);
  }
}
