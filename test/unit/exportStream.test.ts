// Streamed exports: every format written through a sink a chunk at a time
// gives the bytes it gives written whole (the golden files hold those), on
// the samples and on a workspace large enough to span many chunks, with
// characters outside the BMP placed where chunks are cut; the sink is never
// handed more than a bounded chunk; and on Node the stream goes to a
// temporary file that takes the target's name only when the export is done.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancelledError } from '../../server/src/core/base/cancellation';
import { exportClaims, EXPORT_FORMATS, type ExportFormat, FORMATS, type ModelFormat } from '../../server/src/core/export/formats';
import { CHUNK_SIZE, concat, ExportWriter, type ExportSink, utf8Chunks } from '../../server/src/core/export/sink';
import { buildExportModel } from '../../server/src/core/export/exportModel';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { nodeCodec } from '../../server/src/node/codec';
import { AtomicFile, writeAtomically } from '../../server/src/node/atomicWrite';
import { generateExportWorkspace } from '../bench/exportBench';
import { samplesIndex } from './exportHelpers';
import { ROOT } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-stream-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Keeps every chunk, and the largest it was handed. */
class RecordingSink implements ExportSink {
  readonly chunks: Uint8Array[] = [];
  largest = 0;
  async write(bytes: Uint8Array): Promise<void> {
    this.chunks.push(bytes.slice());
    this.largest = Math.max(this.largest, bytes.length);
  }
}

const bytesOf = (data: string | Uint8Array | undefined) => (typeof data === 'string' ? new TextEncoder().encode(data) : data!);

async function bothWays(index: WorkspaceIndex, format: ExportFormat) {
  const whole = await exportClaims(index, new Anchoring(index), { format, codec: nodeCodec, base: ROOT });
  const sink = new RecordingSink();
  const streamed = await exportClaims(index, new Anchoring(index), { format, codec: nodeCodec, base: ROOT, sink });
  return { whole, streamed, sink };
}

for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
  test(`${format}: streamed, the samples' export has the bytes of the export written whole`, async () => {
    const { index } = await samplesIndex();
    const { whole, streamed, sink } = await bothWays(index, format);
    assert.deepEqual(concat(sink.chunks), bytesOf(whole.data));
    assert.equal(streamed.bytes, bytesOf(whole.data).length);
    assert.equal(streamed.data, undefined);
    const { data: _data, ...counts } = whole;
    const { bytes: _bytes, ...streamedCounts } = streamed;
    assert.deepEqual(streamedCounts, counts, 'the same counts and warnings');
  });
}

test('a large export, with emoji in its text, streams in bounded chunks and gives the same bytes in every format', async () => {
  const ws = generateExportWorkspace(60, 20);
  // Emoji (surrogate pairs) in every claim: some fall where a chunk is cut.
  for (let n = 0; n < 60; n++) {
    const uri = `file:///bench/notes/n${n}.md`;
    ws.set(uri, new TextDecoder().decode(await ws.readFile(uri)).replace(/#claim Claim/g, '#claim 🦊 Claim'));
  }
  const index = new WorkspaceIndex(ws);
  await index.build();
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    const { whole, sink } = await bothWays(index, format);
    const expected = bytesOf(whole.data);
    assert.deepEqual(concat(sink.chunks), expected, format);
    if (expected.length > 4 * CHUNK_SIZE) assert.ok(sink.chunks.length > 3, `${format} came in ${sink.chunks.length} chunks`);
    // A chunk is some 64K units of text (at most 3 bytes each in UTF-8), plus the one piece that crossed the line.
    assert.ok(sink.largest <= 3 * CHUNK_SIZE + 16 * 1024, `${format}: a chunk of ${sink.largest} bytes`);
  }
});

test('text cut into chunks is never cut inside a surrogate pair', () => {
  const text = 'a'.repeat(CHUNK_SIZE - 1) + '😀' + 'b'.repeat(CHUNK_SIZE) + '😀';
  const chunks = [...utf8Chunks(['x', text, 'y'])];
  assert.ok(chunks.length >= 2);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const c of chunks) decoder.decode(c);
  assert.equal(chunks.map((c) => decoder.decode(c)).join(''), 'x' + text + 'y');
  // A pair cut between two pieces is put together again; a lone high surrogate at the end is encoded as the encoder does.
  const cut = ['a🦊'.slice(0, 2), '🦊'.slice(1) + 'b', '\ud83d'];
  assert.deepEqual(concat([...utf8Chunks(cut)]), new TextEncoder().encode(cut.join('')));
});

test('text written piece by piece gives the bytes of the whole text, a surrogate pair cut between pieces included', async () => {
  const received: Uint8Array[] = [];
  const sink: ExportSink = { write: async (bytes) => { received.push(bytes.slice()); } };
  const out = new ExportWriter(sink);
  // A fox (a surrogate pair) cut between two pieces, long pieces that cross chunks, and a lone high surrogate at the end.
  const pieces = ['“quoted” — ', 'a🦊'.slice(0, 2), '🦊'.slice(1) + 'b', 'é'.repeat(CHUNK_SIZE), '\ud83d'];
  for (const piece of pieces) {
    out.text(piece);
    if (out.full) await out.flush();
  }
  await out.flush(true);
  assert.deepEqual(concat(received), new TextEncoder().encode(pieces.join('')));
  assert.equal(out.chars, pieces.join('').length);
  assert.equal(out.written, concat(received).length);
});

test('a cancelled stream stops at the next chunk', async () => {
  // Large enough that even the compressed .qdpx takes a few chunks.
  const ws = generateExportWorkspace(200, 20);
  const index = new WorkspaceIndex(ws);
  await index.build();
  const model = await buildExportModel(index, new Anchoring(index));
  for (const format of Object.keys(FORMATS) as ModelFormat[]) {
    const token = { isCancellationRequested: false };
    let chunks = 0;
    const sink: ExportSink = { write: async () => { if (++chunks === 2) token.isCancellationRequested = true; } };
    await assert.rejects(FORMATS[format].stream(model, { codec: nodeCodec, base: ROOT }, new ExportWriter(sink, token)), CancelledError, format);
    assert.equal(chunks, 2, format);
  }
});

test('a streamed file takes its name only when complete; a failed or cancelled one leaves nothing, and the target is kept', async () => {
  const file = path.join(tmp, 'claims.json');
  fs.writeFileSync(file, 'before');
  await assert.rejects(writeAtomically(file, true, async (f) => {
    await f.write(new TextEncoder().encode('half of a'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'before', 'the target is untouched while the stream runs');
    throw new CancelledError('the export');
  }), CancelledError);
  assert.equal(fs.readFileSync(file, 'utf8'), 'before');
  assert.deepEqual(fs.readdirSync(tmp), ['claims.json'], 'no temporary file is left');
  const { bytes } = await writeAtomically(file, true, async (f) => { await f.write(new Uint8Array([0x61])); await f.write(new Uint8Array([0x62])); });
  assert.equal(bytes, 2);
  assert.equal(fs.readFileSync(file, 'utf8'), 'ab');
});

test('an error while streaming names the file asked for, not the temporary one', async () => {
  const file = path.join(tmp, 'gone', 'claims.csv');
  await assert.rejects(AtomicFile.open(file, false), (e: Error) => e.message.startsWith(`${file} could not be written (ENOENT)`) && !e.message.includes('.tmp'));
});
