// Writing a file atomically (an export, the anchors record): the data goes
// to a temporary file in the same folder (so the final step never crosses
// file systems), is flushed to disk, and only then takes the target's name.
// A reader sees the old file or the new one, never half of one, and a failed
// write leaves no stray file.
//
// Without `overwrite`, the temporary file is hard-linked to the target name,
// which fails if the name exists: the check and the write are one step, so a
// file that appears meanwhile is not replaced either. Where hard links are not
// supported, an exclusive check just before the rename stands in.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const dir = path.dirname(target);
  const existing = fs.lstatSync(target, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) throw new TargetNotAFileError(target, describe(existing));
  if (!overwrite && existing) throw new TargetExistsError(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.promises.open(tmp, 'wx');
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (overwrite) {
      await fs.promises.rename(tmp, target);
    } else {
      await linkNoClobber(tmp, target);
    }
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    if (e instanceof TargetExistsError) throw e;
    // The temporary file is ours, not the analyst's: the message names the file they asked for.
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${target} could not be written${code ? ` (${code})` : ''}: ${(e as Error).message.replaceAll(tmp, target)}`);
  }
  return { bytes: bytes.length };
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
