// The workspace on disk, for the language server and the command line.
import * as fs from 'node:fs';
import { type EntryKind, type Workspace, uriToPath } from '../core/workspace';

export class FsWorkspace implements Workspace {
  constructor(public folders: readonly string[]) {}

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    try {
      // Synchronous reads of many small notes beat the thread pool's queue.
      return fs.readFileSync(uriToPath(uri));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw e;
    }
  }

  async readDirectory(uri: string): Promise<Array<[string, EntryKind]>> {
    const entries = await fs.promises.readdir(uriToPath(uri), { withFileTypes: true });
    const out: Array<[string, EntryKind]> = [];
    for (const e of entries) {
      if (e.isDirectory()) out.push([e.name, 'directory']);
      else if (e.isFile()) out.push([e.name, 'file']);
    }
    return out;
  }

  async stat(uri: string): Promise<{ size: number; mtime: number } | undefined> {
    try {
      const s = await fs.promises.stat(uriToPath(uri));
      return { size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  }
}
