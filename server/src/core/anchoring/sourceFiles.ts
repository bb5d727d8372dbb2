// Which file a claim's quotes are checked against, and reading it.
//
// A claim's source is the front matter entry its `source:: <id>` names, else
// the note's first source; its file is `path` resolved against the note's
// folder. Files are read through the injected Workspace (the disk), except a
// file open in the editor, whose unsaved text wins. Only `stat` runs on every
// question: the text is read again only when the source's version changes.
import { type SourceVersion } from './anchorCache';
import { decodeText } from '../text/decode';
import { insideWorkspace, sourceKind } from './sourceRefs';
import { type SourceKind } from './sourceText';
import { type Workspace } from '../workspace/workspace';

/** An editor's copy of a file: its LSP version and text. */
export interface OpenDocument {
  readonly version: number;
  getText(): string;
}

export interface SourceOptions {
  /** Read sources outside the workspace folders (never in an untrusted workspace). */
  allowOutsideWorkspace?: boolean;
  /** An open editor's copy of a file (by canonical URI), which wins over the disk. */
  openDocument?: (uri: string) => OpenDocument | undefined;
  /** Hex digest of the saved bytes, compared with `source.sha256`; absent: no check. */
  hash?: (bytes: Uint8Array) => string;
  /** Larger sources are not read (bytes). Default 32 MB. */
  maxSourceSize?: number;
}

/** Where a source stands now; `ok` carries what anchoring needs. */
export type SourceState =
  | { readonly status: 'ok'; readonly uri: string; readonly kind: SourceKind; readonly version: SourceVersion }
  | { readonly status: 'missing' | 'outside' | 'unreadable'; readonly uri: string; readonly reason: string;
      /** `outside` only: the path lies inside the folders but is a link to a file outside them. */
      readonly linked?: boolean };

// What was learnt from one saved version of a file (mtime and size).
interface DiskFacts {
  key: string;
  /** Where the file really is (symlinks followed) lies outside every workspace folder. */
  linksOutside?: boolean;
  sha256?: string;
  error?: string;
}

function diskVersion(facts: DiskFacts): string {
  return `disk:${facts.key}`;
}

export class SourceFiles {
  private readonly disk = new Map<string, DiskFacts>();
  private readonly maxSize: number;

  constructor(private readonly workspace: Workspace, private readonly options: SourceOptions = {}) {
    this.maxSize = options.maxSourceSize ?? 32 * 1024 * 1024;
  }

  /**
   * The source's state and version: the open document's LSP version, else
   * the saved file's mtime and size. The file is read here only the first
   * time a saved version turns out not to be decodable.
   */
  async state(uri: string): Promise<SourceState> {
    if (!this.options.allowOutsideWorkspace && !insideWorkspace(this.workspace, uri)) {
      return { status: 'outside', uri, reason: 'outside the workspace folders (setting claimlens.sources.allowOutsideWorkspace)' };
    }
    const open = this.options.openDocument?.(uri);
    const kind = sourceKind(uri);
    if (open) return { status: 'ok', uri, kind, version: `open:${open.version}` };
    const facts = await this.facts(uri);
    if (!facts) return { status: 'missing', uri, reason: 'file not found' };
    if (facts.linksOutside && !this.options.allowOutsideWorkspace) {
      return { status: 'outside', uri, linked: true, reason: 'it is a link to a file outside the workspace folders (setting claimlens.sources.allowOutsideWorkspace)' };
    }
    if (facts.error) return { status: 'unreadable', uri, reason: facts.error };
    return { status: 'ok', uri, kind, version: diskVersion(facts) };
  }

  /**
   * The text anchoring reads: the editor's, else the saved file decoded;
   * undefined if that failed. `version`, from a `state` just taken, spares
   * the file a second `stat` while what was learnt then still holds it.
   */
  async text(uri: string, version?: SourceVersion): Promise<string | undefined> {
    const open = this.options.openDocument?.(uri);
    if (open) return open.getText();
    const known = this.disk.get(uri);
    const read = await this.read(uri, known && version === diskVersion(known) ? known : undefined);
    return read && 'text' in read ? read.text : undefined;
  }

  /** The sha256 (or whatever `hash` computes) of the saved bytes; undefined without a hash or a file. */
  async digest(uri: string): Promise<string | undefined> {
    if (!this.options.hash) return undefined;
    const facts = await this.facts(uri);
    if (!facts) return undefined;
    if (facts.sha256 === undefined) await this.read(uri, facts);
    return this.disk.get(uri)?.sha256;
  }

  /** Forgets what was learnt about a file (changed or deleted on disk). */
  forget(uri: string): void {
    this.disk.delete(uri);
  }

  private realFolders: Promise<string[]> | undefined;

  /** Whether `uri`, symlinks followed, lies inside a workspace folder (itself resolved). */
  private async realInside(uri: string): Promise<boolean> {
    if (!this.workspace.realPath) return true;
    this.realFolders ??= Promise.all(this.workspace.folders.map(async (f) => (await this.workspace.realPath!(f)) ?? f));
    const [real, folders] = await Promise.all([this.workspace.realPath(uri), this.realFolders]);
    if (real === undefined) return true; // gone meanwhile: the read reports it
    return folders.some((f) => real.startsWith(f + '/')) || this.workspace.folders.some((f) => real.startsWith(f + '/'));
  }

  private async facts(uri: string): Promise<DiskFacts | undefined> {
    const st = await this.workspace.stat(uri);
    if (!st) return undefined;
    const key = `${st.mtime}:${st.size}`;
    let facts = this.disk.get(uri);
    if (!facts || facts.key !== key) {
      facts = { key };
      if (st.size > this.maxSize) facts.error = `larger than ${Math.round(this.maxSize / 1048576)} MB`;
      // The outside rule holds for where the file really is: a symlink out of the workspace is outside (SPEC §9).
      if (!this.options.allowOutsideWorkspace) facts.linksOutside = !(await this.realInside(uri));
      this.disk.set(uri, facts);
    }
    return facts;
  }

  // Reads the saved bytes once, recording their digest and whether they
  // decode; `known`: the facts of a `stat` just taken, not to be repeated.
  private async read(uri: string, known?: DiskFacts): Promise<{ text: string } | { error: string } | undefined> {
    const facts = known ?? await this.facts(uri);
    if (!facts) return undefined;
    if (facts.error) return { error: facts.error };
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.workspace.readFile(uri);
    } catch (e) {
      facts.error = `unreadable: ${(e as Error).message ?? String(e)}`;
      return { error: facts.error };
    }
    if (!bytes) {
      facts.error = 'not a file that can be read';
      return { error: facts.error };
    }
    if (this.options.hash) facts.sha256 = this.options.hash(bytes);
    const decoded = decodeText(bytes);
    if ('error' in decoded) {
      // The decoder's reasons are worded for skipped notes; a source is not skipped but reported.
      facts.error = decoded.error.replace(/, skipped$/, '');
      return { error: facts.error };
    }
    return decoded;
  }
}
