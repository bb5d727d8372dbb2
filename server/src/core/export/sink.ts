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

export class ExportWriter {
  private texts: string[] = [];
  private textLength = 0;
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
    return this.textLength >= CHUNK_SIZE || this.binaryLength >= CHUNK_SIZE;
  }

  text(piece: string): void {
    this.texts.push(piece);
    this.textLength += piece.length;
    this.chars += piece.length;
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
    if (this.textLength > 0) {
      let text = this.texts.length === 1 ? this.texts[0]! : this.texts.join('');
      this.texts = [];
      this.textLength = 0;
      // A character outside the BMP cut between two chunks would be encoded as two replacement characters.
      if (!final && isHighSurrogate(text.charCodeAt(text.length - 1))) {
        this.texts.push(text.slice(-1));
        this.textLength = 1;
        text = text.slice(0, -1);
      }
      if (text.length) await this.send(encoder.encode(text));
    }
    if (this.binaryLength > 0) {
      const parts = this.binary;
      this.binary = [];
      this.binaryLength = 0;
      await this.send(concat(parts));
    }
    if (final) await this.inFlight;
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
 * Text pieces as UTF-8 in chunks of about CHUNK_SIZE units, never cut inside
 * a surrogate pair; a long piece (a source's whole text) is cut too.
 */
export function* utf8Chunks(pieces: Iterable<string>): Generator<Uint8Array<ArrayBuffer>> {
  const parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length < CHUNK_SIZE) continue;
    const text = parts.join('');
    let at = 0;
    while (text.length - at >= CHUNK_SIZE) {
      let end = at + CHUNK_SIZE;
      if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
      yield encoder.encode(text.slice(at, end));
      at = end;
    }
    parts.length = 0;
    length = text.length - at;
    if (length) parts.push(text.slice(at));
  }
  if (length) yield encoder.encode(parts.join(''));
}
