// Every quote of a note anchored in its source (SPEC §4), for the editor
// features: diagnostics, hover, code lens, definition and the source view.
//
// Pure: files come through SourceFiles (the injected Workspace and the open
// documents); each quote's result is kept in an AnchorCache keyed by (source
// URI, source version, quote); a note's whole result is reused until the note
// is parsed again or one of its sources gets a new version. Checking that
// costs one `stat` per source. What was learnt of a file is forgotten when the
// change stream names it: nobody clears these caches by hand.
//
// When the workspace folder has an anchors record (anchorRecord.ts), each
// quote it holds an entry for is anchored with the entry's context and
// position, and is told where it stands against it (recordedAnchors.ts); the
// record's version is part of what a note's result depends on.
import { type CancellationToken, neverCancelled, throwIfCancelled, TimeSlice } from '../base/cancellation';
import { type AnchorMethod, type AnchorResult } from './anchor';
import { AnchorCache, type SourceVersion } from './anchorCache';
import { type AnchorRecord, claimKeys, EMPTY_RECORD, quoteKey, type RecordedAnchor, textKey } from './anchorRecord';
import { folderOf, hintOf, pathIn, type QuoteRecord, RecordFiles, recordState, recordUri, textDigest } from './recordedAnchors';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type ClaimField, type NoteModel, type SourceRef } from '../notes/model';
import { prepareSource, stripBom } from './sourceText';
import { claimSource, sourceUri } from './sourceRefs';
import { SourceFiles, type SourceOptions, type SourceState } from './sourceFiles';
import { unquote } from '../notes/quotes';

/** How a quote matched; `no-source` when its claim has no readable source. */
export type QuoteMethod = AnchorMethod | 'no-source';

export interface QuoteAnchor {
  readonly claim: Claim;
  readonly field: ClaimField;
  /** Which of the claim's non-empty quotes this is (0-based), counted as the claim card counts them. */
  readonly index: number;
  /** The quote without its quotation marks. */
  readonly quote: string;
  /** The front matter entry the quote is checked against; undefined when none applies. */
  readonly source?: SourceRef;
  /** The source's file, when it was read. */
  readonly uri?: string;
  readonly method: QuoteMethod;
  readonly result?: AnchorResult;
  /** The quote's key in its folder's anchors record; undefined when the record cannot name it (no hashing given). */
  readonly key?: string;
  /** Where the quote stands against its entry in the anchors record, when the record holds one for it as written. */
  readonly record?: QuoteRecord;
}

export interface SourceCheck {
  readonly ref: SourceRef;
  /** The file `path` names; undefined when the entry has no path. */
  readonly uri?: string;
  readonly state?: SourceState;
  /** The saved file's digest, when it differs from `source.sha256`. */
  readonly changed?: string;
}

export interface NoteAnchoring {
  readonly note: NoteModel;
  /** In the note's order: claim by claim, each claim's quotes as its fields list them. */
  readonly quotes: readonly QuoteAnchor[];
  /** One per front matter source entry, in order. */
  readonly sources: readonly SourceCheck[];
  /** The anchors record of the note's workspace folder (its file's URI), when the note lies in one. */
  readonly recordUri?: string;
}

export interface AnchoringOptions extends SourceOptions {
  /** How many prepared sources to keep in memory (see AnchorCache). */
  maxPreparedSources?: number;
}

const byClaim = new WeakMap<NoteAnchoring, Map<Claim, QuoteAnchor[]>>();

/**
 * The quotes of one claim, in order. Grouped once per result, so asking for
 * every claim of a note (code lens, cards, the export) stays linear in the
 * note's size instead of scanning all its quotes per claim.
 */
export function quotesOf(a: NoteAnchoring, claim: Claim): readonly QuoteAnchor[] {
  let groups = byClaim.get(a);
  if (!groups) {
    groups = new Map();
    for (const q of a.quotes) {
      const list = groups.get(q.claim);
      if (list) list.push(q); else groups.set(q.claim, [q]);
    }
    byClaim.set(a, groups);
  }
  return groups.get(claim) ?? [];
}

/** A quote anchored in a given source file, with the note it belongs to. */
export interface AnchoredQuote {
  readonly anchoring: NoteAnchoring;
  readonly quote: QuoteAnchor;
}

interface Computed { key: string; result: NoteAnchoring }

export class Anchoring {
  readonly files: SourceFiles;
  private readonly cache: AnchorCache;
  private readonly records: RecordFiles;
  /** The SHA-256 of each source's text, per version, computed when a recorded quote needs it. */
  private readonly digests = new Map<string, { version: SourceVersion; sha256: string }>();
  private readonly computed = new Map<string, Computed>();
  private readonly running = new Map<string, { note: NoteModel; key: string; promise: Promise<NoteAnchoring> }>();
  /** Source URI → URIs of the notes that name it; built on first use, dropped when a file changes. */
  private bySource: Map<string, string[]> | undefined;
  private readonly subscription: { dispose(): void };

  /**
   * `changes`: the stream that names the files whose content changed (the
   * service's; by default the index's own, for a caller with no open documents).
   */
  constructor(private readonly index: WorkspaceIndex, private readonly options: AnchoringOptions = {},
    changes: (listener: (change: { readonly uris: readonly string[] }) => void) => { dispose(): void }
      = (listener) => index.onDidChange((uris) => listener({ uris }))) {
    this.files = new SourceFiles(index.workspace, options);
    this.cache = new AnchorCache({ maxPreparedSources: options.maxPreparedSources });
    this.records = new RecordFiles(this.files);
    this.subscription = changes(({ uris }) => {
      this.bySource = undefined;
      for (const u of uris) {
        if (!index.notes.has(u)) this.computed.delete(u);
        this.files.forget(u);
        this.cache.delete(u);
        this.records.changed(u);
        this.digests.delete(u);
      }
    });
  }

  /** Whether sources outside the workspace folders are read. */
  get allowOutsideWorkspace(): boolean {
    return this.options.allowOutsideWorkspace === true;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** The result last computed for a note, if it was computed on the note as parsed now. */
  peek(note: NoteModel): NoteAnchoring | undefined {
    const known = this.computed.get(note.uri);
    return known && known.result.note === note ? known.result : undefined;
  }

  /** The anchors record of a workspace folder, as read now. */
  async record(folder: string): Promise<AnchorRecord> {
    return (await this.records.read(recordUri(folder))).record;
  }

  /**
   * Anchors every quote of the note, reusing what its sources' versions and
   * its folder's anchors record allow. With `keep: false` (an export, which
   * asks once for every note) what is already held is reused but nothing new
   * is kept: a workspace's worth of results held through the export only
   * made each garbage collection longer.
   */
  async anchorNote(note: NoteModel, token: CancellationToken = neverCancelled, options: { keep?: boolean } = {}): Promise<NoteAnchoring> {
    const checks = await Promise.all(note.sources.map(async (ref): Promise<SourceCheck> => {
      const uri = sourceUri(note, ref);
      return uri ? { ref, uri, state: await this.files.state(uri) } : { ref };
    }));
    const folder = this.options.hash && note.sources.length > 0 ? folderOf(this.index.workspace, note.uri) : undefined;
    const record = folder !== undefined ? await this.records.read(recordUri(folder)) : { version: '-', record: EMPTY_RECORD };
    const key = checks.map((c) => (c.state?.status === 'ok' ? c.state.version : c.state?.status ?? '-')).join('|') + `|record:${record.version}`;
    const known = this.computed.get(note.uri);
    if (known && known.result.note === note && known.key === key) return known.result;
    const run = this.running.get(note.uri);
    if (run && run.note === note && run.key === key) return run.promise;
    if (options.keep === false) {
      const result = await this.compute(note, checks, folder, record.record, false);
      throwIfCancelled(token, 'anchoring');
      return result;
    }
    // Shared by every request that asks meanwhile, so it runs to its end; a cancelled caller stops waiting.
    const promise = this.compute(note, checks, folder, record.record).finally(() => {
      if (this.running.get(note.uri)?.promise === promise) this.running.delete(note.uri);
    });
    this.running.set(note.uri, { note, key, promise });
    const result = await promise;
    throwIfCancelled(token, 'anchoring');
    // The note may have been parsed again meanwhile; keep only a result for the note as it is.
    if (this.index.notes.get(note.uri) === note) this.computed.set(note.uri, { key, result });
    return result;
  }

  /** The notes whose front matter names this file as a source. */
  notesUsing(uri: string): NoteModel[] {
    if (!this.bySource) {
      const map = new Map<string, string[]>();
      for (const note of this.index.notes.values()) {
        for (const ref of note.sources) {
          const s = sourceUri(note, ref);
          if (!s) continue;
          const list = map.get(s);
          if (!list) map.set(s, [note.uri]);
          else if (!list.includes(note.uri)) list.push(note.uri);
        }
      }
      this.bySource = map;
    }
    return (this.bySource.get(uri) ?? []).map((u) => this.index.notes.get(u)).filter((n): n is NoteModel => !!n);
  }

  /** Every quote found in this source file, note by note. */
  async anchoredIn(uri: string, token: CancellationToken = neverCancelled): Promise<AnchoredQuote[]> {
    const out: AnchoredQuote[] = [];
    for (const note of this.notesUsing(uri)) {
      const anchoring = await this.anchorNote(note, token);
      for (const quote of anchoring.quotes) {
        if (quote.uri === uri && quote.result && quote.method !== 'not-found') out.push({ anchoring, quote });
      }
    }
    return out;
  }

  /**
   * The text a source's offsets refer to (for HTML its visible text), as
   * anchoring read it: from the prepared source when it is still held,
   * else read and prepared again. Undefined when it cannot be read.
   */
  async sourceText(check: SourceCheck): Promise<string | undefined> {
    const state = check.state;
    if (state?.status !== 'ok') return undefined;
    const held = this.cache.prepared(state.uri, state.version);
    if (held) return held.text;
    const text = await this.files.text(state.uri, state.version);
    if (text === undefined) return undefined;
    // Only HTML needs preparing to know its text: the visible text the offsets count in.
    return state.kind === 'html' ? this.cache.source(state.uri, state.version, () => prepareSource(text, 'html')).text : stripBom(text).text;
  }

  /** The SHA-256 of a source's text at a version: the text its offsets count in (for HTML, the visible text). */
  private digestOf(uri: string, version: SourceVersion, text: () => string): string {
    const known = this.digests.get(uri);
    if (known && known.version === version) return known.sha256;
    const sha256 = textDigest(this.options.hash!, text());
    this.digests.set(uri, { version, sha256 });
    return sha256;
  }

  /** The SHA-256 the anchors record states for a source as read now; undefined when it cannot be read or nothing hashes. */
  async digest(check: SourceCheck): Promise<string | undefined> {
    const state = check.state;
    if (state?.status !== 'ok' || !this.options.hash) return undefined;
    const text = await this.sourceText(check);
    return text === undefined ? undefined : this.digestOf(state.uri, state.version, () => text);
  }

  /**
   * An earlier saved copy of a source (`source.versions`): the text offsets
   * count in and its SHA-256 as the record states it; undefined when it
   * cannot be read (or lies outside the workspace, unless allowed).
   */
  async savedCopy(uri: string): Promise<{ text: string; sha256: string } | undefined> {
    if (!this.options.hash) return undefined;
    const state = await this.files.state(uri);
    if (state.status !== 'ok') return undefined;
    const raw = await this.files.text(uri, state.version);
    if (raw === undefined) return undefined;
    const text = state.kind === 'html' ? prepareSource(raw, 'html').text : stripBom(raw).text;
    return { text, sha256: textDigest(this.options.hash, text) };
  }

  private async compute(note: NoteModel, initial: SourceCheck[], folder: string | undefined, record: AnchorRecord,
    keep = true): Promise<NoteAnchoring> {
    const checks = [...initial];
    const texts = new Map<string, string>();
    // Reads a source's text unless the cache already holds it prepared; marks it unreadable if that fails.
    const ready = async (i: number): Promise<boolean> => {
      const state = checks[i]?.state;
      if (state?.status !== 'ok') return false;
      if (texts.has(state.uri) || this.cache.holds(state.uri, state.version)) return true;
      const text = await this.files.text(state.uri, state.version);
      if (text !== undefined) { texts.set(state.uri, text); return true; }
      checks[i] = { ...checks[i]!, state: await this.files.state(state.uri) };
      return false;
    };

    for (let i = 0; i < checks.length; i++) {
      const c = checks[i]!;
      if (!c.ref.sha256 || c.state?.status !== 'ok') continue;
      const digest = await this.files.digest(c.state.uri);
      if (digest && digest !== c.ref.sha256.trim().toLowerCase()) checks[i] = { ...c, changed: digest };
    }

    // The quotes' keys in the record, and each quote's entry while the note still says what it recorded.
    const hashText = this.options.hash && ((t: string) => textDigest(this.options.hash!, t));
    const notePath = folder !== undefined ? pathIn(folder, note.uri) : undefined;
    const paths = new Map<string, string>();
    const sourcePath = (f: string, uri: string) => { let p = paths.get(uri); if (p === undefined) paths.set(uri, p = pathIn(f, uri)); return p; };
    const quoted = (claim: Claim) => claim.fields.some((f) => f.key === 'quote' && f.value.length > 0);
    const keys = hashText && notePath !== undefined ? claimKeys(notePath, note, hashText, quoted) : undefined;
    // A claim that was given an id after its quotes were confirmed keeps its entries under its words' key; words are hashed only when the record has such keys.
    const wordKeyed = notePath !== undefined && record.textKeyed?.has(notePath) === true;
    const entryFor = (claim: Claim, index: number, quote: string, sourcePath: string): { key: string; entry?: RecordedAnchor } | undefined => {
      const claimKey = keys?.get(claim);
      if (claimKey === undefined) return undefined;
      const key = quoteKey(claimKey, index);
      if (record.entries.size === 0) return { key };
      const entry = record.entries.get(key) ?? (claim.id && wordKeyed ? record.entries.get(quoteKey(`${notePath}#~${textKey(claim, hashText!)}`, index)) : undefined);
      return entry && entry.quote === quote && entry.source === sourcePath ? { key, entry } : { key };
    };

    const quotes: QuoteAnchor[] = [];
    // A cold note of hundreds of quotes takes a while: let other requests in every few milliseconds.
    const slice = new TimeSlice();
    // Indexed loops: an iterator that lives across an await makes an object per step.
    for (let c = 0; c < note.claims.length; c++) {
      const claim = note.claims[c]!;
      if (slice.due()) await slice.yield();
      // The claim's non-empty quotes, numbered as the claim card numbers them; its source looked up at the first.
      let n = 0;
      let source: SourceRef | undefined;
      let at = -1;
      for (let f = 0; f < claim.fields.length; f++) {
        const field = claim.fields[f]!;
        if (field.key !== 'quote' || field.value.length === 0) continue;
        if (n === 0) {
          source = claimSource(note, claim);
          at = source ? note.sources.indexOf(source) : -1;
        }
        const index = n++;
        const quote = unquote(field.value);
        if (!source) { quotes.push({ claim, field, index, quote, method: 'no-source' }); continue; }
        // An await per quote adds up over a cold workspace: await only when the text must be read.
        const known = checks[at]!.state;
        const isReady = (known?.status === 'ok' && (texts.has(known.uri) || this.cache.holds(known.uri, known.version)))
          || await ready(at);
        const state = checks[at]!.state;
        if (!isReady || state?.status !== 'ok') {
          quotes.push({ claim, field, index, quote, source, method: 'no-source' });
          continue;
        }
        // Synchronous from here: the prepared source cannot be dropped between `ready` and `anchor`.
        const recorded = keys && folder !== undefined ? entryFor(claim, index, quote, sourcePath(folder, state.uri)) : undefined;
        const entry = recorded?.entry;
        const result = this.cache.anchor(state.uri, state.version, quote, () => prepareSource(texts.get(state.uri) ?? '', state.kind),
          undefined, entry && hintOf(entry), keep);
        if (!recorded) { quotes.push({ claim, field, index, quote, source, uri: state.uri, method: result.method, result }); continue; }
        let standing: QuoteRecord | undefined;
        if (entry) {
          const prepared = () => this.cache.source(state.uri, state.version, () => prepareSource(texts.get(state.uri) ?? '', state.kind));
          standing = recordState(recorded.key, entry, this.digestOf(state.uri, state.version, () => prepared().text), prepared);
        }
        quotes.push({ claim, field, index, quote, source, uri: state.uri, method: result.method, result, key: recorded.key, ...(standing ? { record: standing } : {}) });
      }
    }
    return { note, quotes, sources: checks, ...(folder !== undefined ? { recordUri: recordUri(folder) } : {}) };
  }
}
