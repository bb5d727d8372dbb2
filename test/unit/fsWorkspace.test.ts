// The workspace on disk refuses what is not a regular file, quickly and with a
// reason (a named pipe used to hang the server, a link to /dev/zero to exhaust
// its memory), bounds every read, and lists symlinked notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsWorkspace, readRegularFile } from '../../server/src/node/fsWorkspace';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { InMemoryWorkspace, fileUri } from '../../server/src/core/workspace/workspace';

function claimIds(index: WorkspaceIndex): string[] {
  return [...index.notes.values()].flatMap((n) => n.claims.map((c) => c.id ?? '')).sort();
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-fs-'));
}

/** Runs `read` and fails if it takes longer than `ms` (a blocking open would never return). */
async function within<T>(ms: number, read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  try { return await Promise.race([read(), late]); } finally { clearTimeout(timer); }
}

test('a named pipe is refused at once with its kind as the reason, and the index skips it', async (t) => {
  const dir = tempDir();
  const fifo = path.join(dir, 'pipe.md');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch (e) {
    t.skip(`mkfifo is not available here: ${(e as Error).message}`);
    return;
  }
  const ws = new FsWorkspace([fileUri(dir)]);
  await assert.rejects(within(2000, () => ws.readFile(fileUri(fifo))), /a named pipe, not a regular file/);
  await assert.rejects(within(2000, () => ws.readText(fileUri(fifo), 1000)), /a named pipe/);
  fs.writeFileSync(path.join(dir, 'ok.md'), '- #claim Fine. ^ok\n');
  // A listing leaves the pipe out; a change event naming it is skipped with the reason.
  assert.deepEqual(await ws.readDirectory(fileUri(dir)), [['ok.md', 'file']]);
  const index = new WorkspaceIndex(ws);
  await within(5000, () => index.build());
  await within(2000, () => index.refresh(fileUri(fifo)));
  assert.match(index.skipped.get(fileUri(fifo)) ?? '', /^unreadable: a named pipe, not a regular file/);
  assert.deepEqual(claimIds(index), ['ok']);
});

test('a symlink to /dev/zero is refused as a device instead of read until memory runs out', async (t) => {
  if (!fs.existsSync('/dev/zero')) { t.skip('no /dev/zero on this system'); return; }
  const dir = tempDir();
  const link = path.join(dir, 'zero.md');
  fs.symlinkSync('/dev/zero', link);
  const ws = new FsWorkspace([fileUri(dir)]);
  await assert.rejects(within(2000, () => ws.readText(fileUri(link), 1 << 20)), /a character device, not a regular file/);
  await assert.rejects(within(2000, () => ws.readFile(fileUri(link))), /character device/);
});

test('reads stop one byte past the limit, whatever the file\'s size', async () => {
  const dir = tempDir();
  const big = path.join(dir, 'big.md');
  fs.writeFileSync(big, 'x'.repeat(100_000));
  assert.equal(readRegularFile(big, 1000)?.length, 1001);
  const ws = new FsWorkspace([fileUri(dir)], { maxReadBytes: 5000 });
  assert.deepEqual(await ws.readText(fileUri(big), 1000), { error: 'larger than 0 MB (claimlens.maxFileSize), skipped' });
  await assert.rejects(ws.readFile(fileUri(big)), /larger than/);
  assert.equal(await ws.readFile(fileUri(path.join(dir, 'missing.md'))), undefined);
});

test('symlinks that lead inside the workspace are listed and indexed; links out of it, broken links and loops are not', async () => {
  const dir = tempDir();
  const outside = tempDir();
  fs.mkdirSync(path.join(dir, 'archive', 'sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'archive', 'real.md'), '- #claim Linked note claim. ^linked\n');
  fs.writeFileSync(path.join(dir, 'archive', 'sub', 'deep.md'), '- #claim Deep claim. ^deep\n');
  fs.writeFileSync(path.join(outside, 'secret.md'), '- #claim Outside claim. ^outside\n');
  fs.mkdirSync(path.join(outside, 'elsewhere'));
  fs.writeFileSync(path.join(outside, 'elsewhere', 'far.md'), '- #claim Far claim. ^far\n');
  fs.symlinkSync(path.join(dir, 'archive', 'real.md'), path.join(dir, 'note.md'));
  fs.symlinkSync(path.join(dir, 'archive', 'sub'), path.join(dir, 'folder'));
  fs.symlinkSync(dir, path.join(dir, 'archive', 'sub', 'back'));
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'secret.md'));
  fs.symlinkSync(path.join(outside, 'elsewhere'), path.join(dir, 'elsewhere'));
  fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'broken.md'));
  const ws = new FsWorkspace([fileUri(dir)]);
  const listed = new Map(await ws.readDirectory(fileUri(dir)));
  assert.equal(listed.get('note.md'), 'file');
  assert.equal(listed.get('folder'), 'directory');
  assert.equal(listed.has('secret.md'), false, 'a link to a file outside is outside');
  assert.equal(listed.has('elsewhere'), false, 'a link to a folder outside is outside');
  assert.equal(listed.has('broken.md'), false);
  const index = new WorkspaceIndex(ws);
  await within(5000, () => index.build());
  // The linked copies and the originals are all inside: each is indexed where it is listed.
  assert.deepEqual(claimIds(index), ['deep', 'deep', 'linked', 'linked']);
  assert.equal(await ws.realPath(fileUri(path.join(dir, 'secret.md'))), fileUri(fs.realpathSync(path.join(outside, 'secret.md'))));
  assert.equal(await ws.realPath(fileUri(path.join(dir, 'broken.md'))), undefined);
});

test('a file without read permission is reported with the reason, not thrown past the index', async (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root, which can read any file: a permission error cannot be produced');
    return;
  }
  const dir = tempDir();
  const locked = path.join(dir, 'locked.md');
  fs.writeFileSync(locked, '- #claim Secret. ^s\n');
  fs.chmodSync(locked, 0o000);
  const logged: string[] = [];
  const index = new WorkspaceIndex(new FsWorkspace([fileUri(dir)]), { logger: { log: (m) => logged.push(m) } });
  await index.build();
  assert.ok(logged.some((m) => m.includes('locked.md') && /permission denied/.test(m)), logged.join('\n'));
});

test('in memory, a URI that exists is its own real path', async () => {
  const ws = new InMemoryWorkspace(['file:///ws'], { 'file:///ws/a.md': 'x' });
  assert.equal(await ws.realPath('file:///ws/a.md'), 'file:///ws/a.md');
  assert.equal(await ws.realPath('file:///ws'), 'file:///ws');
  assert.equal(await ws.realPath('file:///ws/b.md'), undefined);
});
