// Every quote of a note anchored in its source (SPEC §4), for the editor
// features: diagnostics, hover, code lens, definition and the source view.
//
// Pure: files come through SourceFiles (the injected Workspace and the open
// documents); each quote's result is kept in an AnchorCache keyed by (source
// URI, source version, quote); a note's whole result is reused until the note
// is parsed again or one of its sources gets a new version. Checking that
// costs one `stat` per source. What was learnt of a file is forgotten when the
// change stream names it: nobody clears these caches by hand.
import { type CancellationToken, neverCancelled, throwIfCancelled, TimeSlice } from '../base/cancellation';
import { type AnchorMethod, type AnchorResult } from './anchor';
import { AnchorCache } from './anchorCache';
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
  readonly quotes: readonly QuoteAnchor[];
  /** One per front matter source entry, in order. */
  readonly sources: readonly SourceCheck[];
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
    this.subscription = changes(({ uris }) => {
      this.bySource = undefined;
      for (const u of uris) {
        if (!index.notes.has(u)) this.computed.delete(u);
        this.files.forget(u);
        this.cache.delete(u);
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

  /** Anchors every quote of the note, reusing what its sources' versions allow. */
  async anchorNote(note: NoteModel, token: CancellationToken = neverCancelled): Promise<NoteAnchoring> {
    const checks = await Promise.all(note.sources.map(async (ref): Promise<SourceCheck> => {
      const uri = sourceUri(note, ref);
      return uri ? { ref, uri, state: await this.files.state(uri) } : { ref };
    }));
    const key = checks.map((c) => (c.state?.status === 'ok' ? c.state.version : c.state?.status ?? '-')).join('|');
    const known = this.computed.get(note.uri);
    if (known && known.result.note === note && known.key === key) return known.result;
    const run = this.running.get(note.uri);
    if (run && run.note === note && run.key === key) return run.promise;
    // Shared by every request that asks meanwhile, so it runs to its end; a cancelled caller stops waiting.
    const promise = this.compute(note, checks).finally(() => {
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

  private async compute(note: NoteModel, initial: SourceCheck[]): Promise<NoteAnchoring> {
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

    const quotes: QuoteAnchor[] = [];
    // A cold note of hundreds of quotes takes a while: let other requests in every few milliseconds.
    const slice = new TimeSlice();
    for (const claim of note.claims) {
      if (slice.due()) await slice.yield();
      // The claim's non-empty quotes, numbered as the claim card numbers them; its source looked up at the first.
      let n = 0;
      let source: SourceRef | undefined;
      let at = -1;
      for (const field of claim.fields) {
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
        const result = this.cache.anchor(state.uri, state.version, quote,
          () => prepareSource(texts.get(state.uri) ?? '', state.kind));
        quotes.push({ claim, field, index, quote, source, uri: state.uri, method: result.method, result });
      }
    }
    return { note, quotes, sources: checks };
  }
}
