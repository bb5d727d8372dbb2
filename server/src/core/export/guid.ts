// Deterministic identifiers for the exports: name-based UUIDs (RFC 9562
// version 5, SHA-1 over a namespace and a name). The same workspace exported
// twice gives the same GUIDs, so golden files stay stable and a re-import into
// a QDA tool recognises the same codes and selections.
import { type Codec } from '../base/codec';

/** The RFC 9562 namespace for URLs; every name below starts with `claimlens:`. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

const VARIANT = '89ab';
const utf8 = new TextEncoder();

/** Name-based GUIDs over an injected SHA-1; one per export, holding the namespaces' bytes. */
export class Guids {
  private readonly namespaces = new Map<string, Uint8Array>();
  constructor(private readonly codec: Codec) {}

  /** A version-5 UUID for `name` in `namespace`, lower-case and hyphenated. */
  uuidV5(name: string, namespace = URL_NAMESPACE): string {
    let ns = this.namespaces.get(namespace);
    if (!ns) this.namespaces.set(namespace, ns = hexBytes(namespace.replace(/-/g, '')));
    const nameBytes = utf8.encode(name);
    const input = new Uint8Array(ns.length + nameBytes.length);
    input.set(ns, 0);
    input.set(nameBytes, ns.length);
    const hex = this.codec.digest('sha1', input);
    const variant = VARIANT[parseInt(hex[16]!, 16) & 0x3];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** A GUID for one kind of thing in the export, e.g. guid('code', 'status/supported'). */
  guid(kind: string, name: string): string {
    return this.uuidV5(`claimlens:${kind}:${name}`);
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * The k-th GUID derived from a version-5 `base` (k ≥ 1), for things that only
 * exist inside another (a selection's codings): RFC 9562 version 8, the
 * base's bits with k mixed into the last 32. Distinct k give distinct GUIDs,
 * the version nibble keeps them apart from every version-5 GUID, and no
 * hashing is needed — a large project has hundreds of thousands of codings.
 */
export function derivedGuid(base: string, k: number): string {
  const last = (parseInt(base.slice(28), 16) ^ (Math.imul(k, 0x9e3779b1) >>> 0)) >>> 0;
  return `${base.slice(0, 14)}8${base.slice(15, 28)}${last.toString(16).padStart(8, '0')}`;
}
