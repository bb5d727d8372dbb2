// The Codec the core is given on Node: crypto's digests and zlib's deflate,
// several times faster than JavaScript implementations on a large export.
import { hash } from 'node:crypto';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import { type Codec, type DeflateStream } from '../core/base/codec';

// Level 1: the exported XML is repetitive enough to shrink to ~1/4 anyway; higher levels cost more than they save.
const LEVEL = 1;

export const nodeCodec: Codec = {
  digest: (algorithm, bytes) => hash(algorithm, bytes, 'hex'),
  deflateRaw: (bytes) => deflateRawSync(bytes, { level: LEVEL }),
  deflateRawStream,
};

// zlib's stream with no flush between pieces: its output does not depend on
// where the input was cut, so a streamed entry has the bytes of a whole one.
// The compressed bytes are collected as zlib hands them over and taken after
// each piece it has consumed, so at most a piece's worth waits here.
function deflateRawStream(): DeflateStream {
  const z = createDeflateRaw({ level: LEVEL });
  let ready: Array<Uint8Array<ArrayBuffer>> = [];
  let failed: Error | undefined;
  z.on('data', (chunk: Buffer<ArrayBuffer>) => ready.push(chunk));
  z.on('error', (e) => { failed = e; });
  const take = () => { const out = ready; ready = []; return out; };
  return {
    push: (bytes) => new Promise((resolve, reject) => {
      if (failed) { reject(failed); return; }
      z.write(bytes, (e) => (e ? reject(e) : resolve(take())));
    }),
    end: () => new Promise((resolve, reject) => {
      if (failed) { reject(failed); return; }
      z.once('error', reject);
      z.once('end', () => resolve(take()));
      z.end();
    }),
  };
}
