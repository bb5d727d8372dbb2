// The workspace on disk, for the language server and the command line.
//
// Only regular files are read: a source that was a named pipe hung the
// process forever, a symlink to /dev/zero grew until the process aborted.
// Files are opened without blocking, the open descriptor is checked (not the
// path, which could change in between), and no read takes more than the
// limit plus one byte, whatever the size said, so a file that grows while it
// is read is still bounded. Symlinks to notes and folders are listed as what
// they point to.
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { BINARY, NOT_UTF8, type Decoded, looksBinary, tooLarge } from '../core/text/decode';
import { type EntryKind, type Workspace, fileUri, uriToPath } from '../core/workspace/workspace';

/** O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export interface FsWorkspaceOptions {
  /** The most `readFile` reads (sources, .gitignore); larger files are refused with a reason. */
  maxReadBytes?: number;
}

export class FsWorkspace implements Workspace {
  private readonly maxReadBytes: number;
  constructor(public folders: readonly string[], options: FsWorkspaceOptions = {}) {
    this.maxReadBytes = options.maxReadBytes ?? 64 * 1024 * 1024;
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    const bytes = readRegularFile(uriToPath(uri), this.maxReadBytes);
    if (bytes && bytes.length > this.maxReadBytes) throw new Error(`larger than ${Math.round(this.maxReadBytes / 1048576)} MB, not read`);
    return bytes;
  }

  /** Node's own UTF-8 check and decoder: several times faster than TextDecoder on a cold index. */
  async readText(uri: string, maxBytes: number): Promise<Decoded | undefined> {
    return this.readTextSync(uri, maxBytes);
  }

  readTextSync(uri: string, maxBytes: number): Decoded | undefined {
    const read = readStamped(uriToPath(uri), maxBytes);
    if (!read) return undefined;
    const { bytes, stamp } = read;
    if (bytes.length > maxBytes) return { error: tooLarge(maxBytes) };
    if (looksBinary(bytes)) return { error: BINARY };
    if (!isUtf8(bytes)) return { error: NOT_UTF8 };
    const text = bytes.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, stamp };
  }

  async readDirectory(uri: string): Promise<Array<[string, EntryKind]>> {
    const dir = uriToPath(uri);
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    const out: Array<[string, EntryKind]> = [];
    let followDirs: boolean | undefined;
    for (const e of entries) {
      if (e.isDirectory()) out.push([e.name, 'directory']);
      else if (e.isFile()) out.push([e.name, 'file']);
      else if (e.isSymbolicLink()) {
        // A link is followed only where it really leads inside a workspace folder (SPEC §9: a symlink that points outside is outside).
        if (!(await this.linksInside(nodePath.join(dir, e.name)))) continue;
        const target = await fs.promises.stat(nodePath.join(dir, e.name)).catch(() => undefined);
        if (target?.isFile()) out.push([e.name, 'file']);
        else if (target?.isDirectory() && (followDirs ??= await this.reachedWithoutLinks(dir))
          && !(await this.leadsToAncestor(dir, nodePath.join(dir, e.name)))) out.push([e.name, 'directory']);
      }
    }
    return out;
  }

  /** Whether the folder link at `link` leads back to `dir` or above it: following it would walk the tree again. */
  private async leadsToAncestor(dir: string, link: string): Promise<boolean> {
    const [realDir, realTarget] = await Promise.all([fs.promises.realpath(dir), fs.promises.realpath(link)]);
    return realDir === realTarget || realDir.startsWith(realTarget + nodePath.sep);
  }

  private realRoots: Promise<string[]> | undefined;

  /** Whether the link at `path`, followed, lands inside a workspace folder (the folders themselves resolved). */
  private async linksInside(path: string): Promise<boolean> {
    this.realRoots ??= Promise.all(this.folders.map((f) => fs.promises.realpath(uriToPath(f)).catch(() => uriToPath(f))));
    const [real, roots] = await Promise.all([fs.promises.realpath(path).catch(() => undefined), this.realRoots]);
    return real !== undefined && roots.some((r) => real === r || real.startsWith(r + nodePath.sep));
  }

  /**
   * Whether `dir` is where it seems (no symlinked folder on the way from its
   * workspace folder). Folder links are followed one level only: a link to an
   * ancestor, or two links to each other, would otherwise be walked forever.
   */
  private async reachedWithoutLinks(dir: string): Promise<boolean> {
    for (const folder of this.folders) {
      const root = uriToPath(folder);
      const rel = nodePath.relative(root, dir);
      if (rel.startsWith('..') || nodePath.isAbsolute(rel)) continue;
      try {
        const [realRoot, realDir] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(dir)]);
        return nodePath.join(realRoot, rel) === realDir;
      } catch {
        return false;
      }
    }
    return false;
  }

  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    try {
      // Synchronous, like readFile: thousands of quick stats beat the thread pool's queue.
      const s = fs.statSync(uriToPath(uri));
      return { size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  /** Where `uri` really is, symlinks followed; undefined when it does not resolve (missing, a loop, no access). */
  async realPath(uri: string): Promise<string | undefined> {
    try {
      // Synchronous, like stat: each source read asks once, and the thread pool's round trip cost ten times the call.
      return fileUri(fs.realpathSync.native(uriToPath(uri)));
    } catch {
      return undefined;
    }
  }
}

/**
 * The bytes of a regular file, at most `limit + 1` of them (one more than
 * allowed tells the caller it is too large); undefined when there is no such
 * file or it is a folder. Anything else that is not a regular file, and a
 * file that cannot be read, throws an Error saying why.
 */
export function readRegularFile(path: string, limit: number): Buffer | undefined {
  return readStamped(path, limit)?.bytes;
}

/** readRegularFile, with the file's size and modification time as it was read (see Decoded's stamp). */
function readStamped(path: string, limit: number): { bytes: Buffer; stamp: string } | undefined {
  let fd: number;
  try {
    // Synchronous reads of many small notes beat the thread pool's queue.
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    if (code === 'EACCES' || code === 'EPERM') throw new Error('permission denied (EACCES): the file cannot be read');
    if (code === 'ENXIO') throw new Error('a socket or device, not a regular file');
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return undefined;
    if (!st.isFile()) throw new Error(`${kindOf(st)}, not a regular file`);
    const cap = limit + 1;
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(cap, st.size + 1)));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (buf.length >= cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap, buf.length * 2));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    return { bytes: buf.subarray(0, total), stamp: `${total}:${st.mtimeMs}` };
  } finally {
    fs.closeSync(fd);
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a file';
}
