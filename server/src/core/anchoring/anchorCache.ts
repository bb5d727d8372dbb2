// Remembers anchoring results per (source URI, source version, quote), so a
// hover or a code lens asking again is a map lookup, and a quote is anchored
// anew only when its source changes. One instance per workspace index, not a
// module singleton: tests and the CLI each make their own.
//
// Prepared sources are large (text, folded text, offset maps: ~7 bytes per
// character), results are small. So results are kept for every source until
// its version changes or it is deleted, while only the most recently used
// prepared sources are kept; a new quote in an evicted source prepares it
// again through the caller's `load`.

import { type CancellationToken } from '../base/cancellation';
import { anchorQuote, type AnchorResult } from './anchor';
import { type AnchorHint } from './contextMatch';
import type { PreparedSource } from './sourceText';

/** Whatever identifies a source's content: an LSP version, an mtime+size, a hash. */
export type SourceVersion = number | string;

interface Entry {
  version: SourceVersion;
  prepared: PreparedSource | undefined;
  results: Map<string, AnchorResult>;
}

export interface AnchorCacheOptions {
  /** How many prepared sources to keep (least recently used are dropped). Default 32. */
  readonly maxPreparedSources?: number;
}

export class AnchorCache {
  private readonly entries = new Map<string, Entry>();
  // URIs whose prepared source is held, least recently used first.
  private readonly preparedOrder = new Set<string>();
  // The last URI moved to the end of preparedOrder.
  private latest: string | undefined;
  private readonly maxPrepared: number;

  constructor(options: AnchorCacheOptions = {}) {
    this.maxPrepared = Math.max(1, options.maxPreparedSources ?? 32);
  }

  /** The prepared source for `uri` at `version`; `load` runs only when it is not held. */
  source(uri: string, version: SourceVersion, load: () => PreparedSource): PreparedSource {
    const entry = this.entry(uri, version);
    if (!entry.prepared) entry.prepared = load();
    // Quotes come source by source: the source asked for is usually the latest already.
    if (this.latest !== uri || !this.preparedOrder.has(uri)) {
      this.preparedOrder.delete(uri);
      this.preparedOrder.add(uri);
      this.latest = uri;
    }
    if (this.preparedOrder.size > this.maxPrepared) {
      for (const old of this.preparedOrder) {
        if (this.preparedOrder.size <= this.maxPrepared) break;
        this.preparedOrder.delete(old);
        const e = this.entries.get(old);
        if (e) e.prepared = undefined;
      }
    }
    return entry.prepared;
  }

  /**
   * The anchoring of `quote` in `uri` at `version`, computed at most once per
   * version; with a record's `hint`, once per version and hint. With `keep`
   * false a result not held yet is computed and not kept.
   */
  anchor(uri: string, version: SourceVersion, quote: string, load: () => PreparedSource,
    token?: CancellationToken, hint?: AnchorHint, keep = true): AnchorResult {
    const key = hint ? `${quote}\u0000${hint.start}\u0000${hint.prefix}\u0000${hint.suffix}\u0000${hint.occurrence ?? ''}` : quote;
    const held = this.entries.get(uri);
    // Nothing held for this version (an export's question, which keeps nothing): no lookup of the quote.
    const known = held && held.version === version && held.results.size > 0 ? held.results.get(key) : undefined;
    if (known) return known;
    const result = anchorQuote(this.source(uri, version, load), quote, token, hint);
    // A one-off question (an export) reuses results but adds none: 100,000 of them would stay for nothing.
    if (keep) this.entry(uri, version).results.set(key, result);
    return result;
  }

  /** The prepared source for this version if it is held, without loading anything. */
  prepared(uri: string, version: SourceVersion): PreparedSource | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version ? entry.prepared : undefined;
  }

  /** Whether the prepared source for this version is held, so `anchor` will not call `load`. */
  holds(uri: string, version: SourceVersion): boolean {
    const entry = this.entries.get(uri);
    return !!entry && entry.version === version && entry.prepared !== undefined;
  }

  /** A result already computed for this version, without computing anything. */
  peek(uri: string, version: SourceVersion, quote: string): AnchorResult | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version ? entry.results.get(quote) : undefined;
  }

  /** Forgets a source that was deleted, renamed or closed. */
  delete(uri: string): boolean {
    this.preparedOrder.delete(uri);
    return this.entries.delete(uri);
  }

  // The entry for this version, replacing one for an older version.
  private entry(uri: string, version: SourceVersion): Entry {
    let entry = this.entries.get(uri);
    if (!entry || entry.version !== version) {
      entry = { version, prepared: undefined, results: new Map() };
      this.entries.set(uri, entry);
      this.preparedOrder.delete(uri);
    }
    return entry;
  }
}
