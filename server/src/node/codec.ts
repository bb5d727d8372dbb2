// The Codec the core is given on Node: crypto's digests and zlib's deflate,
// several times faster than JavaScript implementations on a large export.
import { hash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { type Codec } from '../core/base/codec';

export const nodeCodec: Codec = {
  digest: (algorithm, bytes) => hash(algorithm, bytes, 'hex'),
  // Level 1: the exported XML is repetitive enough to shrink to ~1/4 anyway; higher levels cost more than they save.
  deflateRaw: (bytes) => deflateRawSync(bytes, { level: 1 }),
};
