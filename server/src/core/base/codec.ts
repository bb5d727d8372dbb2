// Hashing and compression, injected like the file system: the server and the
// command line pass Node's crypto and zlib (node/codec.ts), so the core has no
// `node:` import and could run in a browser worker given another Codec.

export interface Codec {
  /** The lower-case hex digest of `bytes`. */
  digest(algorithm: 'sha1' | 'sha256', bytes: Uint8Array): string;
  /** Raw DEFLATE (no zlib header or checksum), for zip entries; speed before size. */
  deflateRaw(bytes: Uint8Array): Uint8Array<ArrayBuffer>;
}
