// Hashing and compression, injected like the file system: the server and the
// command line pass Node's crypto and zlib (node/codec.ts), so the core has no
// `node:` import and could run in a browser worker given another Codec.

export interface Codec {
  /** The lower-case hex digest of `bytes`. */
  digest(algorithm: 'sha1' | 'sha256', bytes: Uint8Array): string;
  /** Raw DEFLATE (no zlib header or checksum), for zip entries; speed before size. */
  deflateRaw(bytes: Uint8Array): Uint8Array<ArrayBuffer>;
  /**
   * The same compression a piece at a time, for a zip entry written as a
   * stream: fed the same bytes, in pieces of any size, it gives exactly the
   * bytes `deflateRaw` gives for the whole.
   */
  deflateRawStream(): DeflateStream;
}

export interface DeflateStream {
  /** Compresses the next bytes; resolves to the compressed bytes ready so far (possibly none). */
  push(bytes: Uint8Array): Promise<Array<Uint8Array<ArrayBuffer>>>;
  /** Ends the stream; resolves to the rest of the compressed bytes. */
  end(): Promise<Array<Uint8Array<ArrayBuffer>>>;
}
