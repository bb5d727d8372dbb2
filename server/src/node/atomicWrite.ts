// Writing a file atomically (an export, the anchors record): the data goes
// to a temporary file in the same folder (so the final step never crosses
// file systems), is flushed to disk, and only then takes the target's name.
// A reader sees the old file or the new one, never half of one, and a failed
// or cancelled write leaves no stray file. An export streams into the
// temporary file a chunk at a time (AtomicFile, the core's ExportSink), so
// the file is never whole in memory.
//
// Without `overwrite`, the temporary file is hard-linked to the target name,
// which fails if the name exists: the check and the write are one step, so a
// file that appears meanwhile is not replaced either. Where hard links are not
// supported, an exclusive check just before the rename stands in.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ExportSink } from '../core/export/formats';

export class TargetExistsError extends Error {
  constructor(readonly target: string) {
    super(`${target} already exists; it is not replaced unless you ask to overwrite it.`);
  }
}

/** The target is there but is no regular file (a folder, a device, a pipe, a link): it is never replaced. */
export class TargetNotAFileError extends Error {
  constructor(readonly target: string, what: string) {
    super(`${target} is ${what}, not a regular file; Claimlens only ever replaces a regular file.`);
  }
}

export interface WriteResult { bytes: number }

function describe(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export async function writeFileAtomic(target: string, data: string | Uint8Array, overwrite: boolean): Promise<WriteResult> {
  const { bytes } = await writeAtomically(target, overwrite, (file) => file.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data));
  return { bytes };
}

/**
 * Runs `work` with the target's temporary file as its sink; when it succeeds
 * the file takes the target's name, when it throws (a cancellation too) the
 * temporary file is removed and the error passed on.
 */
export async function writeAtomically<T>(target: string, overwrite: boolean, work: (file: AtomicFile) => Promise<T>,
  temporary?: string): Promise<{ result: T } & WriteResult> {
  const file = await AtomicFile.open(target, overwrite, temporary);
  let result: T;
  try {
    result = await work(file);
  } catch (e) {
    await file.abort();
    throw e;
  }
  return { result, ...(await file.commit()) };
}

/** The name of the temporary file an export to `target` may write first: hidden, beside it, random. */
export function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** A file being written: its bytes go to a temporary file that takes the target's name on commit. */
export class AtomicFile implements ExportSink {
  private bytes = 0;
  private closed = false;

  private constructor(readonly target: string, readonly tmp: string, private readonly handle: fs.promises.FileHandle,
    private readonly overwrite: boolean) {}

  /** Refuses at once what could never be written (a folder, an existing file without `overwrite`); else opens the temporary file. */
  static async open(target: string, overwrite: boolean, tmp = temporaryName(target)): Promise<AtomicFile> {
    const existing = fs.lstatSync(target, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) throw new TargetNotAFileError(target, describe(existing));
    if (!overwrite && existing) throw new TargetExistsError(target);
    try {
      return new AtomicFile(target, tmp, await fs.promises.open(tmp, 'wx'), overwrite);
    } catch (e) {
      throw named(target, tmp, e);
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    try {
      // A write may take fewer bytes than it was given; the rest follows.
      for (let at = 0; at < bytes.length;) at += (await this.handle.write(bytes, at, bytes.length - at)).bytesWritten;
    } catch (e) {
      throw named(this.target, this.tmp, e);
    }
    this.bytes += bytes.length;
  }

  /** Flushes the file to disk and gives it the target's name (never replacing one without `overwrite`). */
  async commit(): Promise<WriteResult> {
    try {
      try {
        await this.handle.sync();
      } finally {
        await this.close();
      }
      if (this.overwrite) {
        await fs.promises.rename(this.tmp, this.target);
      } else {
        await linkNoClobber(this.tmp, this.target);
      }
    } catch (e) {
      await fs.promises.rm(this.tmp, { force: true });
      if (e instanceof TargetExistsError) throw e;
      throw named(this.target, this.tmp, e);
    }
    return { bytes: this.bytes };
  }

  /** Drops what was written: the target is left as it was, and no temporary file stays. */
  async abort(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.promises.rm(this.tmp, { force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

// The temporary file is ours, not the analyst's: the message names the file they asked for.
function named(target: string, tmp: string, e: unknown): Error {
  if (e instanceof TargetExistsError || e instanceof TargetNotAFileError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const error = new Error(`${target} could not be written${code ? ` (${code})` : ''}: ${(e as Error).message.replaceAll(tmp, target)}`);
  return Object.assign(error, code ? { code } : {});
}

async function linkNoClobber(tmp: string, target: string): Promise<void> {
  try {
    await fs.promises.link(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new TargetExistsError(target);
    // No hard links here (some network and FAT file systems): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
    if (fs.existsSync(target)) throw new TargetExistsError(target);
    await fs.promises.rename(tmp, target);
    return;
  }
  await fs.promises.rm(tmp, { force: true });
}
