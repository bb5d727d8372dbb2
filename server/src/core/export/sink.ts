// Writing an export as a stream. Each format produces its file piece by piece
// (a claim, a row, a line); ExportWriter gathers the pieces and hands them to
// an injected ExportSink in chunks of about 64 KB, one being written while the
// next is made. So an export holds its model plus two chunks, however large
// the file. The sink is the caller's: on Node a temporary file that takes the
// target's name once complete (node/atomicWrite.ts); memory in the tests.
import { type CancellationToken, neverCancelled, throwIfCancelled } from '../base/cancellation';

export interface ExportSink {
  /** Takes the next bytes of the file; the chunk after them waits until this write is done. */
  write(bytes: Uint8Array): Promise<void>;
}

/** About how much text (UTF-16 units) or how many bytes wait before they go to the sink. */
export const CHUNK_SIZE = 64 * 1024;

const encoder = new TextEncoder();

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Text is encoded piece by piece into a chunk's bytes as it comes
 * (`encodeInto`), not joined and encoded a chunk at a time: joining
 * thousands of pieces with non-Latin-1 characters (a curly quote, a dash)
 * and encoding the result took three times as long, most of the writing of
 * a JSON or W3C export of 100,000 claims.
 */
export class ExportWriter {
  /** Chunks of encoded text filled and waiting, and the one being filled (its first `filled` bytes). */
  private done: Uint8Array[] = [];
  private doneLength = 0;
  private filling: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  private filled = 0;
  /** A high surrogate that ended the last piece: encoded with the next piece, so a pair cut between pieces stays whole. */
  private carry = '';
  private binary: Uint8Array[] = [];
  private binaryLength = 0;
  /** The chunk the sink is writing, if any. */
  private inFlight: Promise<void> | undefined;
  /** Bytes handed to the sink so far. */
  written = 0;
  /** Text written so far, in UTF-16 units (what a reader that limits a file's length counts). */
  chars = 0;

  constructor(private readonly sink: ExportSink, private readonly token: CancellationToken = neverCancelled) {}

  /** Whether what waits should go to the sink before more is added. */
  get full(): boolean {
    return this.doneLength + this.filled >= CHUNK_SIZE || this.binaryLength >= CHUNK_SIZE;
  }

  text(piece: string): void {
    this.chars += piece.length;
    if (this.carry) { piece = this.carry + piece; this.carry = ''; }
    if (isHighSurrogate(piece.charCodeAt(piece.length - 1))) {
      this.carry = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    this.encode(piece);
  }

  /** Encodes text after what is waiting. */
  private encode(piece: string): void {
    if (!piece.length) return;
    // At most 3 bytes a UTF-16 unit: room for all of the piece, or a new chunk to fill.
    if (this.filling.length - this.filled < 3 * piece.length) {
      this.closeFilling();
      this.filling = new Uint8Array(Math.max(CHUNK_SIZE + CHUNK_SIZE / 2, 3 * piece.length));
    }
    this.filled += encoder.encodeInto(piece, this.filled ? this.filling.subarray(this.filled) : this.filling).written;
  }

  /** Bytes as they are (a zip's); never mixed with text in one file. */
  bytes(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.binary.push(piece);
    this.binaryLength += piece.length;
  }

  /** Hands what waits to the sink; with `final`, all of it. Stops here when the export is cancelled. */
  async flush(final = false): Promise<void> {
    throwIfCancelled(this.token, 'the export');
    if (final) {
      // A lone high surrogate at the very end: encoded as the text encoder encodes it.
      this.encode(this.carry);
      this.carry = '';
    }
    this.closeFilling();
    if (this.doneLength > 0) {
      const parts = this.done;
      this.done = [];
      this.doneLength = 0;
      await this.send(concat(parts));
    }
    if (this.binaryLength > 0) {
      const parts = this.binary;
      this.binary = [];
      this.binaryLength = 0;
      await this.send(concat(parts));
    }
    if (final) await this.inFlight;
  }

  /** The chunk being filled joins those waiting; the next piece starts a new one (a chunk handed on is never written again). */
  private closeFilling(): void {
    if (this.filled === 0) return;
    this.done.push(this.filling.subarray(0, this.filled));
    this.doneLength += this.filled;
    this.filling = new Uint8Array(0);
    this.filled = 0;
  }

  // One chunk goes to the sink while the next is being made: the writing
  // overlaps the serialising, and at most two chunks are held. A failed
  // write is thrown at the next chunk or at the final flush.
  private async send(bytes: Uint8Array): Promise<void> {
    await this.inFlight;
    this.written += bytes.length;
    const writing = this.sink.write(bytes);
    writing.catch(() => undefined);
    this.inFlight = writing;
  }
}

/** Writes every piece through `out`, a chunk at a time, and flushes the rest. */
export async function pump(pieces: Iterable<string>, out: ExportWriter): Promise<void> {
  for (const piece of pieces) {
    out.text(piece);
    if (out.full) await out.flush();
  }
  await out.flush(true);
}

/** Every piece joined: the whole file at once, for a caller that wants it in memory. */
export function joined(pieces: Iterable<string>): string {
  const all: string[] = [];
  for (const p of pieces) all.push(p);
  return all.join('');
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of parts) { out.set(c, at); at += c.length; }
  return out;
}

/**
 * Text pieces as UTF-8 in chunks of about CHUNK_SIZE bytes, never cut inside
 * a surrogate pair (one cut between two pieces is put together again); a
 * long piece (a source's whole text) is cut too. Each piece is encoded into
 * the chunk as it comes, as ExportWriter does.
 */
export function* utf8Chunks(pieces: Iterable<string>): Generator<Uint8Array<ArrayBuffer>> {
  const size = CHUNK_SIZE + CHUNK_SIZE / 2;
  let chunk = new Uint8Array(size);
  let filled = 0;
  let carry = '';
  let ended = false;
  const iterator = pieces[Symbol.iterator]();
  while (!ended) {
    const next = iterator.next();
    let piece: string;
    if (next.done) { ended = true; piece = carry; carry = ''; } else {
      piece = carry ? carry + next.value : next.value;
      carry = '';
      if (isHighSurrogate(piece.charCodeAt(piece.length - 1))) {
        carry = piece.slice(-1);
        piece = piece.slice(0, -1);
      }
    }
    for (let at = 0; at < piece.length;) {
      const { read, written } = encoder.encodeInto(at ? piece.slice(at) : piece, filled ? chunk.subarray(filled) : chunk);
      filled += written;
      at += read;
      // A full chunk, or one with no room for the next character: handed on, and a new one begun.
      if (filled >= CHUNK_SIZE || (at < piece.length && filled > 0)) {
        yield chunk.subarray(0, filled);
        chunk = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled) yield chunk.subarray(0, filled);
}
