// Protocol tests of claimlens/export: the built server writes the file with
// work-done progress (in a worker thread, with the bytes the command line
// writes), refuses to replace an existing file unless asked, and refuses to
// export at all in an untrusted workspace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, LSPErrorCodes } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ExportErrors, type ExportParams, ExportRequest, type ExportResult } from '../../shared/protocol';
import { exportCommand } from '../../server/src/cli/export';
import { EXPORT_FORMATS, type ExportFormat } from '../../server/src/core/export/formats';
import { TestClient, copySamples, responseError } from './lspClient';

let client: TestClient;
let root: string;
const progress: Array<{ token: string | number; value: { kind: string; percentage?: number; message?: string } }> = [];

before(async () => {
  root = copySamples();
  client = await TestClient.start(root);
  client.connection.onNotification('$/progress', (p) => { progress.push(p); });
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

function exportTo(c: TestClient, params: ExportParams): Promise<ExportResult> {
  return c.connection.sendRequest(ExportRequest, params);
}

test('export writes the file and reports work-done progress', async () => {
  const file = path.join(root, 'out', 'claims.json');
  fs.mkdirSync(path.dirname(file));
  const target = URI.file(file).toString();
  const result = await exportTo(client, { format: 'json', target, overwrite: false, workDoneToken: 'export-1' });
  assert.deepEqual(result, { target, claims: 21, quotes: 24, anchored: 24, bytes: fs.statSync(file).size, warnings: [] });
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual([doc.format, doc.version, doc.claims.length], ['claimlens', 1, 21]);
  await client.until(() => progress.some((p) => p.token === 'export-1' && p.value.kind === 'end'), 'the end of the progress');
  const kinds = progress.filter((p) => p.token === 'export-1').map((p) => p.value.kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds[kinds.length - 1], 'end');
  assert.ok(kinds.includes('report'));
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['claims.json'], 'no temporary file is left behind');
});

test('an existing file is not replaced unless the request says overwrite', async () => {
  const file = path.join(root, 'existing.csv');
  fs.writeFileSync(file, 'keep me');
  const target = URI.file(file).toString();
  const e = await responseError(exportTo(client, { format: 'csv', target, overwrite: false }));
  assert.equal(e.code, ExportErrors.TargetExists);
  assert.equal(e.message, `${file} already exists; it is not replaced unless you ask to overwrite it.`);
  assert.equal(fs.readFileSync(file, 'utf8'), 'keep me');
  const result = await exportTo(client, { format: 'csv', target, overwrite: true, filter: { status: ['refuted'] } });
  assert.equal(result.claims, 1);
  assert.match(fs.readFileSync(file, 'utf8'), /^id,note,text,.*\r\nnotes\/openai-consumer-shift#\^deepseek-owner,/);
});

test('a bad filter or format is refused with a message', async () => {
  const target = URI.file(path.join(root, 'bad.json')).toString();
  const e = await responseError(exportTo(client, { format: 'json', target, overwrite: false, filter: { entity: ['Nobody'] } }));
  assert.deepEqual([e.code, e.message], [ExportErrors.BadRequest, 'No entity is named "Nobody".']);
  const f = await responseError(exportTo(client, { format: 'pdf' as never, target, overwrite: false }));
  assert.equal(f.code, ExportErrors.BadRequest);
  assert.equal(fs.existsSync(path.join(root, 'bad.json')), false);
});

test('in an untrusted workspace the server refuses to export, and says why', async () => {
  const untrusted = await TestClient.start(root, { trusted: false });
  try {
    const file = path.join(root, 'untrusted.json');
    const e = await responseError(exportTo(untrusted, { format: 'json', target: URI.file(file).toString(), overwrite: true }));
    assert.equal(e.code, ExportErrors.Untrusted);
    assert.equal(e.message, 'Claimlens does not export in Restricted Mode: exporting writes files and reads sources. Trust this workspace to export.');
    assert.equal(fs.existsSync(file), false);
  } finally {
    await untrusted.stop();
  }
});

test('an export onto a file the workspace reads is refused, even when told to overwrite; the file is kept', async () => {
  const note = path.join(root, 'notes', 'deepseek-notes.md');
  const before = fs.readFileSync(note, 'utf8');
  const e = await responseError(exportTo(client, { format: 'md', target: URI.file(note).toString(), overwrite: true }));
  assert.equal(e.code, ExportErrors.TargetRefused);
  assert.equal(e.message, `${note} is one of the workspace's notes: an export never writes over a file the workspace reads. Choose another file.`);
  assert.equal(fs.readFileSync(note, 'utf8'), before);
});

test('an export cancelled half-way stops and leaves no file behind', async () => {
  // Enough notes that the export is still running when the cancellation arrives.
  const big = fs.mkdtempSync(path.join(root, 'big-'));
  const claims = Array.from({ length: 40 }, (_, i) => `- #claim Claim ${i} about [[Topic ${i % 7}]] ^c${i}\n  - status:: supported\n`).join('');
  for (let n = 0; n < 1500; n++) fs.writeFileSync(path.join(big, `note-${n}.md`), `# Note ${n}\n${claims}`);
  const c = await TestClient.start(big);
  try {
    const file = path.join(big, 'out', 'cancelled.json');
    fs.mkdirSync(path.dirname(file));
    const reports: number[] = [];
    const source = new CancellationTokenSource();
    c.connection.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => {
      if (p.token === 'cancel-me' && p.value.kind === 'report') { reports.push(1); source.cancel(); }
    });
    const e = await responseError(c.connection.sendRequest(ExportRequest,
      { format: 'json', target: URI.file(file).toString(), overwrite: false, workDoneToken: 'cancel-me' }, source.token));
    assert.equal(e.code, LSPErrorCodes.RequestCancelled);
    assert.ok(reports.length > 0, 'it was cancelled while running, after it reported progress');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [], 'no file and no temporary file');
  } finally {
    await c.stop();
  }
});

test('the editor\'s export, run in a worker, writes the bytes the command line writes in its own process, in every format', async () => {
  const out = path.join(root, 'same');
  fs.mkdirSync(out);
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    const fromEditor = path.join(out, `editor.${format}`);
    const fromCli = path.join(out, `cli.${format}`);
    const result = await exportTo(client, { format, target: URI.file(fromEditor).toString(), overwrite: false });
    const code = await exportCommand([root, '--format', format, '-o', fromCli], { out: () => undefined, err: () => undefined });
    assert.equal(code, 0, format);
    assert.deepEqual(fs.readFileSync(fromEditor), fs.readFileSync(fromCli), format);
    assert.equal(result.bytes, fs.statSync(fromEditor).size, format);
  }
  assert.equal(fs.readdirSync(out).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary file is left behind');
});
