// The digest `source.sha256` is compared with: SHA-256 of a file's saved bytes
// (byte-order mark and line endings included, as `sha256sum` prints it). Node
// only, so the core takes it as an injected function.
import { createHash } from 'node:crypto';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
