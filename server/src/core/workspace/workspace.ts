// The world the core sees, injected by its caller: the language server gives
// one backed by the file system and open documents, the command line one
// backed by the file system, tests an in-memory one. URIs are strings in
// vscode-uri's canonical encoding (a space is %20), the form VS Code sends.
import { URI, Utils } from 'vscode-uri';
import { type Decoded } from '../text/decode';

export type EntryKind = 'file' | 'directory';

export interface Workspace {
  /** Workspace folder URIs (`file:///…`), without a trailing slash. */
  readonly folders: readonly string[];
  readFile(uri: string): Promise<Uint8Array | undefined>;
  /**
   * Optional fast path: the file as text (byte-order mark dropped), or why it
   * cannot be read as text (binary, not UTF-8, larger than `maxBytes`);
   * undefined when it does not exist. Without it the core decodes readFile's bytes.
   */
  readText?(uri: string, maxBytes: number): Promise<Decoded | undefined>;
  /**
   * Optional: readText, synchronously. A workspace that has it and stamps its
   * texts lets the index read a note's claims again from disk when they are
   * shown, instead of keeping their lines in memory.
   */
  readTextSync?(uri: string, maxBytes: number): Decoded | undefined;
  readDirectory(uri: string): Promise<Array<[string, EntryKind]>>;
  stat(uri: string): Promise<{ size: number; mtime: number } | undefined>;
  /**
   * Optional: the URI of where `uri` really resolves, symlinks followed;
   * undefined when it does not exist (or cannot be resolved).
   */
  realPath?(uri: string): Promise<string | undefined>;
}

export interface Logger {
  log(message: string): void;
}

export const silentLogger: Logger = { log: () => undefined };


/** `a/b/c.md` → `a/b`; works on URIs and paths. */
export function dirname(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i >= 0 ? uri.slice(0, i) : '';
}

/** The URI of entry `name` (unencoded) inside folder `dir`. */
export function childUri(dir: string, name: string): string {
  // Plain names (most note names) encode to themselves, spaces aside: skip the general encoder.
  if (PLAIN_NAME.test(name)) return dir + '/' + name.replace(/ /g, '%20');
  return Utils.joinPath(URI.parse(dir), name).toString();
}

const PLAIN_NAME = /^[A-Za-z0-9 ._~-]+$/;

/** Resolves a relative path (unencoded, `/`-separated, may use `..`) against a folder URI. */
export function joinPath(base: string, rel: string): string {
  return Utils.joinPath(URI.parse(base), rel).toString();
}

/** The decoded path of `uri` relative to `folder`, or undefined when it lies outside. */
export function relativeTo(folder: string, uri: string): string | undefined {
  const f = folder.endsWith('/') ? folder : folder + '/';
  if (!uri.startsWith(f)) return undefined;
  const rest = uri.slice(f.length);
  return rest.indexOf('%') >= 0 ? decodeURIComponent(rest) : rest;
}

/** The canonical form of a URI received from elsewhere (an editor, a test). */
export function canonicalUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** The URI of a file system path. */
export function fileUri(path: string): string {
  return URI.file(path).toString();
}

export function uriToPath(uri: string): string {
  // A POSIX file URI is its path percent-encoded; Windows paths need the general parser.
  if (POSIX && uri.startsWith('file:///')) return decodeURIComponent(uri.slice('file://'.length));
  return URI.parse(uri).fsPath;
}

const POSIX = typeof process === 'undefined' || process.platform !== 'win32';

/** A workspace held in memory: for tests, and for anything that has no disk. */
export class InMemoryWorkspace implements Workspace {
  private readonly files = new Map<string, Uint8Array>();
  constructor(readonly folders: readonly string[], files: Record<string, string | Uint8Array> = {}) {
    for (const [uri, content] of Object.entries(files)) this.set(uri, content);
  }
  set(uri: string, content: string | Uint8Array): void {
    this.files.set(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  delete(uri: string): void { this.files.delete(uri); }
  async readFile(uri: string): Promise<Uint8Array | undefined> { return this.files.get(uri); }
  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    const f = this.files.get(uri);
    if (f) return { size: f.length, mtime: 0 };
    return this.isFolder(uri) ? { size: 0, mtime: 0 } : undefined;
  }
  /** Nothing in memory is a link: a URI resolves to itself when it exists. */
  async realPath(uri: string): Promise<string | undefined> {
    return this.files.has(uri) || this.isFolder(uri) ? uri : undefined;
  }
  private isFolder(uri: string): boolean {
    const prefix = uri + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }
  async readDirectory(uri: string): Promise<Array<[string, EntryKind]>> {
    const prefix = uri.endsWith('/') ? uri : uri + '/';
    const seen = new Map<string, EntryKind>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = decodeURIComponent(k.slice(prefix.length));
      const slash = rest.indexOf('/');
      if (slash < 0) seen.set(rest, 'file');
      else seen.set(rest.slice(0, slash), 'directory');
    }
    return [...seen];
  }
}
