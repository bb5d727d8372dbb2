// The one entry point of the core: createClaimlens(world, options) makes the
// service that owns the workspace index, the open documents, one anchoring of
// quotes (used by the editor features and by the export alike) and one stream
// of changes. The language server and the command line create one each and
// only route requests to it and convert what it returns.
//
// The world is injected (files, hashing and compression, a logger, a clock),
// so the service runs unchanged in the server, the CLI and the unit tests.
// Every cache below it is keyed by what it depends on and invalidates itself
// from the change stream: no caller clears anything by hand.
import { type CancellationToken, neverCancelled, throwIfCancelled, TimeSlice } from './base/cancellation';
import { type Codec } from './base/codec';
import { type Position, type Range } from './base/position';
import { Anchoring } from './anchoring/noteAnchoring';
import { type ClaimFilter } from './export/filter';
import { exportClaims, type ExportFormat, type ExportOutput, type ExportSink } from './export/formats';
import { anchoringProblems, quoteDetail, quoteSummary, sourceDetail } from './features/anchorViews';
import { claimCard, HEAVY_ENTITY, prepareEntityCard } from './features/cards';
import { ClaimGraph } from './features/claimGraph';
import { ClaimGroups } from './features/claimGroups';
import { claimMap } from './features/claimMap';
import { type ClaimMapParams, type ClaimMapResult } from './features/claimMapTypes';
import {
  type ClaimGrouping, type ClaimsFilter, type ClaimsOverview, type ClaimsPage, claimCounts, type GroupsPage, claimsInGroup, claimsOverview, claimsTreeLocate,
} from './features/claimsTree';
import { codeActions, statusEdit } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completion } from './features/completion';
import { type Edit } from './features/types';
import { definition, type QuoteLocation } from './features/definition';
import { diagnose } from './features/diagnostics';
import { hover } from './features/hover';
import { NearDuplicateIndex } from './features/nearDuplicates';
import { nearDuplicateProblems } from './features/sameClaim';
import { claimAt } from './features/locate';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import {
  notesForHover, quoteDefinition, type SourceHighlight, sourceHighlights, sourceHover, type SourceLocationResult, sourceTarget,
} from './features/sourceNavigation';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { tagSelection, type TagSelectionResult } from './features/tagSelection';
import { confirmQuotes, pinOccurrence, type RecordContext, reviewChangedSources, reviewQuote } from './features/recordCommands';
import { type PinOccurrence } from './features/quoteActions';
import { type ReviewQuoteArgs } from './features/sourceReview';
import { recordUri } from './anchoring/recordedAnchors';

/** Where a workspace folder's anchors record lives, relative to the folder. */
export { RECORD_PATH } from './anchoring/anchorRecord';
import { type EntityDef, type NoteModel, type Problem } from './notes/model';
import { LineIndex } from './text/lines';
import { type Logger, silentLogger, type Workspace } from './workspace/workspace';
import { SymbolIndex } from './workspace/symbolIndex';
import { WorkspaceIndex } from './workspace/workspaceIndex';

/** What the service is given: its world. */
export interface ClaimlensWorld {
  workspace: Workspace;
  /** Hashing (`source.sha256`, export GUIDs) and compression (the .qdpx zip). */
  codec: Codec;
  logger?: Logger;
  /** Today, for `retrieved:` in a new note. */
  now?: () => Date;
  /**
   * A full garbage collection, where the runtime offers one: called once the
   * cold index is done and after each view built behind it, while requests
   * are few. What those passes let go of otherwise stays resident until the
   * runtime collects by itself, which an idle server may not do for long.
   */
  collectGarbage?: () => void;
}

export interface ClaimlensOptions {
  include?: string[];
  exclude?: string[];
  /** Notes and registries larger than this are skipped with a reason (bytes). */
  maxFileSize?: number;
  /** Read sources outside the workspace folders (the setting, and only in a trusted workspace). */
  allowOutsideWorkspace?: boolean;
  /**
   * Build what the editor's views need as soon as the cold index is done
   * (the default): the near-duplicate index (diagnostics), the claims
   * panel's counts and the claim map's adjacency index. A service that only
   * exports passes false; asking for a file's problems, the panel's groups or
   * a map still builds them.
   */
  eagerViews?: boolean;
}

/** The service's picture of these files changed: notes, registries, config, sources, open documents. */
export interface WorkspaceChange { readonly uris: readonly string[] }

export interface ExportRequest {
  format: ExportFormat;
  filter?: ClaimFilter;
  /** Folder URI the file goes to: the Markdown report's links are relative to it. */
  base?: string;
  /** CSV: write formula-like cells as they are (by default they get a leading `'`). */
  csvKeepFormulas?: boolean;
  progress?: (done: number, total: number) => void;
  /** Called when the model is built and the file starts being written. */
  writing?: () => void;
  /** Where the file goes, a chunk at a time; without one, the export is returned whole as `data`. */
  sink?: ExportSink;
}

/**
 * How long the work behind the requests (the panel's counts, the
 * near-duplicate index, the map's adjacency index) runs before it lets
 * other work in. Short: a large answer goes out in pieces, one per turn of
 * the event loop, and with 4 ms slices the 1.7 MB of references to a
 * much-named entity took 200 ms to go out instead of 50 ms.
 */
const BACKGROUND_SLICE_MS = 1;
/**
 * How long the symbol search index is built at a time before other requests
 * are let in (see workspaceSymbols): a hover during the first search at 10k
 * notes waited ~40 ms with 10 ms slices, ~20 ms with these, and the whole build
 * (1,594 ms before, in one piece) took no longer within the machine's noise.
 */
const SYMBOL_BUILD_SLICE_MS = 4;

/** How long no request must have come before a collection that can wait is made (see collectWhenIdle). */
export const IDLE_COLLECT_MS = 1000;

/** Characters of a workspace-symbol query that count; the rest is ignored. */
export const MAX_SYMBOL_QUERY = 200;
/** The claims panel's "Set Status…": the edit to apply, or why not. */
export type SetStatusResult = { edit: Edit } | { error: string };

interface OpenDocument { readonly version: number; readonly text: string }

type Listener = (change: WorkspaceChange) => void;

export class ClaimlensService {
  readonly index: WorkspaceIndex;
  readonly anchoring: Anchoring;
  /** Workspace symbol search; built on the first query, then kept up to date from the change stream. */
  private readonly symbols: SymbolIndex;
  /** The claim map's adjacency index; built after the cold index (or by the first map or graph export), then kept up to date from the change stream. */
  private readonly graph: ClaimGraph;
  /** The claims panel's counts by note, status and entity; built after the cold index, then kept up to date from the change stream. */
  private readonly groups: ClaimGroups;
  /** Resolves when the cold index is complete, and never rejects: a failed build is logged, and requests go on with what was read. */
  readonly ready: Promise<void>;
  private readonly documents = new Map<string, OpenDocument>();
  private readonly listeners: Listener[] = [];
  private readonly logger: Logger;
  private readonly quoteLocation: QuoteLocation;
  /** Claims that look alike across notes, kept in step with the index note by note once built. */
  private readonly duplicates = new NearDuplicateIndex();
  /** The near-duplicate index's first build: started after the cold index, in slices, so `ready` does not wait for it. */
  private duplicatesBuilt: Promise<void> | undefined;
  private started = false;
  private indexing = true;
  /** The file changes reported so far, applied one batch after another (after the cold index). */
  private disk: Promise<void>;
  private startBuild!: () => void;

  constructor(private readonly world: ClaimlensWorld, readonly options: ClaimlensOptions = {}) {
    this.logger = world.logger ?? silentLogger;
    this.index = new WorkspaceIndex(world.workspace, {
      include: options.include, exclude: options.exclude, maxFileSize: options.maxFileSize, logger: this.logger,
    });
    this.anchoring = new Anchoring(this.index, {
      allowOutsideWorkspace: options.allowOutsideWorkspace,
      hash: (bytes) => world.codec.digest('sha256', bytes),
      openDocument: (uri) => this.openDocument(uri),
    }, (listener) => this.onDidChange(listener));
    // The near-duplicate index follows each note first, so whoever hears of a change asks it afresh.
    this.index.onDidChange((uris) => this.followNotes(uris));
    // The index's own changes (a note re-parsed, a registry read) join the stream.
    this.index.onDidChange((uris) => this.fire(uris));
    this.symbols = new SymbolIndex(this.index);
    this.onDidChange(({ uris }) => this.symbols.changed(uris));
    this.graph = new ClaimGraph(this.index);
    this.onDidChange(({ uris }) => this.graph.changed(uris));
    this.groups = new ClaimGroups(this.index);
    this.onDidChange(({ uris }) => this.groups.changed(uris));
    this.quoteLocation = (note, field) => quoteDefinition(this.anchoring.peek(note), field);
    this.ready = new Promise<void>((resolve) => { this.startBuild = resolve; }).then(() => this.build());
    this.disk = this.ready;
  }

  /** Starts the cold index (once); `ready` resolves when it is done. */
  start(): Promise<void> {
    if (!this.started) { this.started = true; this.startBuild(); }
    return this.ready;
  }

  private async build(): Promise<void> {
    try {
      await this.index.build(neverCancelled, (done, total) => { for (const l of [...this.progressListeners]) l(done, total); });
    } catch (e) {
      // One bad file is the index's to report; anything else must not leave every request waiting.
      this.logger.log(`the workspace index stopped early: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const [uri, doc] of this.documents) this.index.update(uri, doc.text);
    this.indexing = false;
    // The symbol search index is built by the first workspace-symbol query, not before: it takes tens of
    // megabytes at 10k notes, which a session that never searches should not pay for.
    this.symbols.reset();
    if (this.options.eagerViews !== false) {
      // One after the other, not side by side: each lets requests in every 4 ms, and three at once took 12 ms of
      // every turn of the event loop, which a request needs several of (a 1.7 MB answer took 200 ms instead of 50 ms).
      // A question that needs one of them before its turn builds it itself.
      this.afterIndex = (async () => {
        // Each pass over every note leaves garbage in the old generation: collected before the next pass, its room is
        // reused instead of the heap growing (at 10k notes the server stayed at ~230 MB resident instead of ~197).
        await this.collectGarbage();
        await this.countGroups();
        await this.collectGarbage();
        await this.nearDuplicates();
        await this.collectGarbage();
        await this.buildGraph();
        await this.prepareCards();
        await this.collectGarbage();
      })();
    }
  }

  private afterIndex: Promise<void> = Promise.resolve();

  /** When a request last asked for the index (see collectWhenIdle). */
  private lastAsked = 0;
  private idleCollection: ReturnType<typeof setTimeout> | undefined;

  /**
   * A full collection once no request has come for IDLE_COLLECT_MS: one
   * takes ~100 ms at 10k notes, and right after a symbol search the next
   * question (Find All References, a second search) is often on its way.
   */
  private collectWhenIdle(): void {
    const collect = this.world.collectGarbage;
    if (!collect || this.idleCollection) return;
    const wait = (ms: number) => {
      const timer = this.idleCollection = setTimeout(() => {
        const quiet = Date.now() - this.lastAsked;
        if (quiet < IDLE_COLLECT_MS) wait(IDLE_COLLECT_MS - quiet);
        else { this.idleCollection = undefined; collect(); }
      }, ms);
      // Where timers can be let go of (Node), a pending collection keeps nothing running.
      (timer as { unref?: () => void }).unref?.();
    };
    wait(IDLE_COLLECT_MS);
  }

  /** A full collection (see ClaimlensWorld.collectGarbage) in a turn of its own, after the requests waiting. */
  private async collectGarbage(): Promise<void> {
    const collect = this.world.collectGarbage;
    if (!collect) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect();
  }

  /**
   * Resolves once the cold index is done and so is the work it starts behind
   * the requests (the claims panel's counts, the near-duplicate index, the
   * claim map's adjacency index, the cards of the most named entities): what
   * a measurement of the steady state waits for.
   */
  async settled(): Promise<void> {
    await this.ready;
    await this.afterIndex;
  }

  /**
   * The claim map's adjacency index, built right after the cold index in
   * short slices (~0.25 s in all at 10k notes, a few megabytes), so the
   * first map of a session does not wait for it. A map meanwhile finishes
   * the build itself.
   */
  private async buildGraph(): Promise<void> {
    const slice = new TimeSlice(BACKGROUND_SLICE_MS);
    while (!this.graph.sync(() => slice.due())) await slice.yield();
  }

  /**
   * The cards of the most named entities, counted behind the requests (each
   * reads every mention: ~5 ms for the 10,000 of the most named at 10k
   * notes), so that their first hover does not. A card is counted again on
   * its next hover after a note naming it changes.
   */
  private async prepareCards(): Promise<void> {
    const slice = new TimeSlice(BACKGROUND_SLICE_MS);
    const heavy: Array<[EntityDef, number]> = [];
    for (const e of this.index.entities()) {
      const n = this.index.mentionCount(e);
      if (n >= HEAVY_ENTITY) heavy.push([e, n]);
      if (slice.due()) await slice.yield();
    }
    heavy.sort((a, b) => b[1] - a[1]);
    for (const [e] of heavy) {
      prepareEntityCard(this.index, e);
      if (slice.due()) await slice.yield();
    }
  }

  /**
   * The claims panel's counts, built right after the cold index in short
   * slices, notes first: the panel, open at start, asks by note as soon as
   * the index is done, and should find them ready. A question meanwhile
   * finishes what it needs of the build itself.
   */
  private async countGroups(): Promise<void> {
    const slice = new TimeSlice(BACKGROUND_SLICE_MS);
    for (const _ of this.groups.prepare(() => slice.due())) await slice.yield();
  }

  /** Resolves when the near-duplicate index holds every note; builds it the first time. */
  private nearDuplicates(): Promise<void> {
    this.duplicatesBuilt ??= (async () => {
      // Notes changed meanwhile are followed as they change (followNotes); those not reached yet are read as they are then.
      // Short slices: this runs behind the analyst's requests, which should wait a few milliseconds at most.
      const slice = new TimeSlice(BACKGROUND_SLICE_MS);
      let claims = 0;
      for (const note of this.index.notes.values()) claims += note.claims.length;
      this.duplicates.reserve(claims);
      for (const uri of [...this.index.notes.keys()]) {
        const note = this.index.notes.get(uri);
        if (note) this.duplicates.setNote(note);
        if (slice.due()) await slice.yield();
      }
      this.duplicates.trim();
    })();
    return this.duplicatesBuilt;
  }

  private followNotes(uris: readonly string[]): void {
    if (!this.duplicatesBuilt) return;
    for (const uri of uris) {
      const note = this.index.notes.get(uri);
      if (note) this.duplicates.setNote(note); else this.duplicates.removeNote(uri);
    }
  }

  private readonly progressListeners: Array<(done: number, total: number) => void> = [];

  /** Hears how far the cold index is: files read of how many. */
  onIndexProgress(listener: (done: number, total: number) => void): void {
    this.progressListeners.push(listener);
  }

  /** Listens to the one stream of changes; every cache and every refresh hangs off it. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => { const i = this.listeners.indexOf(listener); if (i >= 0) this.listeners.splice(i, 1); } };
  }

  private fire(uris: readonly string[]): void {
    if (uris.length === 0) return;
    const change = { uris };
    for (const l of [...this.listeners]) l(change);
  }

  // ---- the editor's documents and the disk ---------------------------------

  /** An editor's copy of a file (canonical URI), which wins over the disk. */
  openDocument(uri: string): { version: number; getText(): string } | undefined {
    const doc = this.documents.get(uri);
    return doc && { version: doc.version, getText: () => doc.text };
  }

  /**
   * The editor's documents as held now: with the workspace folders and the
   * options, what another service needs to see the workspace as this one
   * does (an export runs in a service of its own, off the editor's thread).
   */
  openDocuments(): Array<{ uri: string; version: number; text: string }> {
    return [...this.documents].map(([uri, doc]) => ({ uri, version: doc.version, text: doc.text }));
  }

  /** The workspace folders' URIs. */
  get folders(): readonly string[] {
    return this.world.workspace.folders;
  }

  /** The version of an open document, or null: what proposed edits are computed on. */
  readonly versionOf = (uri: string): number | null => this.documents.get(uri)?.version ?? null;

  /**
   * A document opened or changed in the editor. Returns false, changing
   * nothing, when `version` is older than the one already held: edits are
   * never computed on a stale text.
   */
  setDocument(uri: string, version: number, text: string): boolean {
    const known = this.documents.get(uri);
    if (known && version < known.version) {
      this.logger.log(`${uri}: ignored a change to version ${version}, older than version ${known.version}`);
      return false;
    }
    this.documents.set(uri, { version, text });
    // During the cold index too: an open note is answered for at once, and the build leaves it as the editor has it.
    if (this.started) this.documentChanged(uri);
    return true;
  }

  // Re-indexes an open document's text, if it is still the one held.
  private documentChanged(uri: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    if (this.index.kindOf(uri)) this.index.update(uri, doc.text);
    else this.fire([uri]);
  }

  /** A document closed in the editor: the disk is the truth again. */
  closeDocument(uri: string): void {
    if (!this.documents.delete(uri)) return;
    void this.ready.then(async () => {
      if (this.documents.has(uri)) return;
      if (this.index.kindOf(uri)) await this.index.refresh(uri);
      else this.fire([uri]);
    });
  }

  /** Files created, changed or deleted on disk (a watcher's report). Open documents keep their editor text. */
  filesChanged(changes: ReadonlyArray<{ uri: string; deleted: boolean }>): Promise<void> {
    // In order, one batch after another; requests wait for the batches reported before them (upToDate).
    const run = this.disk.then(() => this.applyFileChanges(changes)).catch((e: unknown) => {
      this.logger.log(`file changes not applied: ${e instanceof Error ? e.message : String(e)}`);
    });
    this.disk = run;
    return run;
  }

  private async applyFileChanges(changes: ReadonlyArray<{ uri: string; deleted: boolean }>): Promise<void> {
    const others: string[] = [];
    for (const { uri, deleted } of changes) {
      if (this.documents.has(uri)) continue;
      if (!this.index.kindOf(uri)) {
        // A folder: deleted (or renamed away) with files the index holds, or created (or renamed here) with files in it.
        if (deleted ? this.index.holdsFilesUnder(uri) : await this.isFolder(uri)) await this.index.refreshFolder(uri);
        others.push(uri);
        continue;
      }
      if (deleted) this.index.delete(uri);
      else await this.index.refresh(uri);
    }
    // Sources and other files: nothing to parse, but whoever read them must know.
    this.fire(others);
  }

  /**
   * Resolves when every file change reported so far is applied. During the
   * cold index it resolves at once: requests are answered from what is read
   * so far (the open documents first of all), never made to wait for the whole.
   */
  private async upToDate(): Promise<void> {
    this.lastAsked = Date.now();
    if (!this.started) await this.ready;
    if (this.indexing) return;
    await this.disk;
  }


  private async isFolder(uri: string): Promise<boolean> {
    if (/\.(md|ya?ml|txt|html?)$/i.test(uri)) return false;
    try {
      await this.world.workspace.readDirectory(uri);
      return true;
    } catch {
      return false;
    }
  }

  // ---- questions -------------------------------------------------------------

  private note(uri: string): NoteModel | undefined {
    return this.index.notes.get(uri);
  }

  /** Anchors the note at `uri` as it is now, so the features find its result. */
  private async anchorNote(uri: string, token: CancellationToken): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const note = this.note(uri);
      if (!note) return;
      await this.anchoring.anchorNote(note, token);
      if (this.note(uri) === note) return;
    }
  }

  private readonly current = (note: NoteModel) => this.anchoring.peek(note);
  private readonly quoteDetail = quoteDetail(this.current);
  private readonly sourceDetail = sourceDetail(this.current);
  private readonly quoteSummary = quoteSummary(this.current);

  async hover(uri: string, pos: Position, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    for (const note of notesForHover(this.index, uri, pos)) await this.anchoring.anchorNote(note, token);
    throwIfCancelled(token, 'hover');
    const onNote = hover(this.index, uri, pos, this.quoteDetail, this.sourceDetail);
    if (onNote) return onNote;
    const quotes = await this.anchoring.anchoredIn(uri, token);
    return quotes.length ? sourceHover(this.index, quotes, pos, this.quoteDetail) : undefined;
  }

  async definition(uri: string, pos: Position, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    await this.anchorNote(uri, token);
    return definition(this.index, uri, pos, this.quoteLocation);
  }

  async references(uri: string, pos: Position, includeDeclaration: boolean, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'references');
    return references(this.index, uri, pos, includeDeclaration);
  }

  async documentSymbols(uri: string, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'document symbols');
    const note = this.note(uri);
    return note ? documentSymbols(this.index, note) : [];
  }

  async workspaceSymbols(query: string, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'workspace symbols');
    const builds = this.symbols.builds;
    // The first query builds the search index, a pass over every note: in slices, so that a hover or an edit's
    // diagnostics are answered meanwhile (a build at 100,000 notes takes tens of seconds), and a query given up stops it.
    const slice = new TimeSlice(SYMBOL_BUILD_SLICE_MS);
    while (!this.symbols.sync(() => slice.due())) await slice.yield(token, 'workspace symbols');
    // Each word of the query is looked for in every claim: a pasted page would stall the server.
    const answer = workspaceSymbols(this.symbols, query.slice(0, MAX_SYMBOL_QUERY));
    // A build reads every note again and leaves that garbage in the old generation, which an idle server keeps resident.
    if (this.symbols.builds !== builds) this.collectWhenIdle();
    return answer;
  }

  /** The text of a line of an open document (or the file as indexed). */
  private lineText(uri: string): (line: number) => string {
    const text = this.documents.get(uri)?.text;
    if (text === undefined) return () => '';
    const lines = new LineIndex(text);
    return (line) => text.slice(lines.offsetAt({ line, character: 0 }), lines.offsetAt({ line: line + 1, character: 0 })).replace(/\r?\n$|\r$/, '');
  }

  async completion(uri: string, pos: Position, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'completion');
    if (!this.documents.has(uri)) return undefined;
    const list = completion(this.index, uri, pos, this.lineText(uri)(pos.line));
    // While the workspace is still being read, the editor asks again as the user types.
    return this.indexing ? { ...list, isIncomplete: true } : list;
  }

  /** The fixes for `problems` (those the editor shows at `range`) and the refactorings of the claim there. */
  async codeActions(uri: string, range: Range, problems: Problem[], token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'code actions');
    if (!this.documents.has(uri)) return [];
    return codeActions(this.index, uri, range, { problems, versionOf: this.versionOf, lineText: this.lineText(uri) });
  }

  async prepareRename(uri: string, pos: Position, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'rename');
    return prepareRename(this.index, uri, pos);
  }

  /** Throws RenameError (features/rename.ts) when the new name cannot be used. */
  async rename(uri: string, pos: Position, newName: string, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    throwIfCancelled(token, 'rename');
    return rename(this.index, uri, pos, newName, this.versionOf);
  }

  async codeLenses(uri: string, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    await this.anchorNote(uri, token);
    const note = this.note(uri);
    return note ? codeLenses(this.index, note, this.quoteSummary) : [];
  }

  /** Every problem of one file: reading it, resolving it against the workspace, and anchoring its quotes. */
  async problems(uri: string, token: CancellationToken = neverCancelled): Promise<Problem[]> {
    await this.upToDate();
    const recordFolder = this.recordFolder(uri);
    if (recordFolder !== undefined) return [...(await this.anchoring.record(recordFolder)).problems];
    await this.nearDuplicates();
    return diagnose(this.index, uri, {
      allowOutsideWorkspace: this.anchoring.allowOutsideWorkspace,
      quoteProblems: async (note) => anchoringProblems(await this.anchoring.anchorNote(note, token)),
      nearDuplicates: (note) => nearDuplicateProblems(this.index, this.duplicates, note, token),
    }, token);
  }

  /** Every file the workspace reads that can have problems: notes, registries, config, skipped files. */
  async checkedFiles(): Promise<string[]> {
    await this.upToDate();
    const uris = [...this.index.notes.keys(), ...this.index.registries.keys(), ...this.index.skipped.keys()];
    if (this.index.configUri) uris.push(this.index.configUri);
    for (const folder of this.world.workspace.folders) if (await this.world.workspace.stat(recordUri(folder))) uris.push(recordUri(folder));
    return uris.sort();
  }

  /** Whether a file is, or could be, the saved copy of an article. */
  isSource(uri: string): boolean {
    return /\.(txt|html?)$/i.test(uri) || this.anchoring.notesUsing(uri).length > 0;
  }

  /** Where "Go to Source" goes from the claim (or quote) at `pos` in a note. */
  async sourceLocation(uri: string, pos: Position, token: CancellationToken = neverCancelled): Promise<SourceLocationResult> {
    await this.upToDate();
    await this.anchorNote(uri, token);
    const note = this.note(uri);
    const claim = note && claimAt(note, pos);
    const a = note && this.anchoring.peek(note);
    if (!claim || !a) return null;
    const field = claim.fields.find((f) => f.key === 'quote' && f.keyRange.start.line === pos.line);
    return sourceTarget(a, claim, field);
  }

  /** The anchored passages in a source file, to highlight. */
  async sourceHighlights(uri: string, token: CancellationToken = neverCancelled): Promise<{ isSource: boolean; highlights: SourceHighlight[] }> {
    await this.upToDate();
    const quotes = await this.anchoring.anchoredIn(uri, token);
    return { isSource: this.isSource(uri), highlights: sourceHighlights(quotes) };
  }

  /** The selection in a source as a new claim in its note: a versioned edit, or why not. */
  async tagSelection(uri: string, range: Range, newNote?: string, token: CancellationToken = neverCancelled): Promise<TagSelectionResult> {
    await this.upToDate();
    throwIfCancelled(token, 'tag selection');
    const text = this.documents.get(uri)?.text ?? await this.anchoring.files.text(uri);
    if (text === undefined) return { error: 'This file cannot be read as text.' };
    return tagSelection(this.index, this.anchoring, uri, text, range, {
      versionOf: this.versionOf,
      noteText: async (u) => this.documents.get(u)?.text ?? await this.anchoring.files.text(u),
      today: (this.world.now?.() ?? new Date()).toISOString().slice(0, 10),
      ...(newNote !== undefined ? { newNote } : {}),
    });
  }

  /** The claims in one format, anchored as the editor anchors them (open documents' unsaved text included). */
  async exportClaims(request: ExportRequest, token: CancellationToken = neverCancelled): Promise<ExportOutput> {
    await this.upToDate();
    return exportClaims(this.index, this.anchoring, { ...request, codec: this.world.codec, token, graph: () => this.currentGraph() });
  }

  /** The claim map's adjacency index as the index is now (the cold index announces its notes only when it is done). */
  private currentGraph(): ClaimGraph {
    if (this.indexing) this.graph.catchUp();
    this.graph.sync();
    return this.graph;
  }

  // ---- the claim map -------------------------------------------------------------

  /** The claims, entities and relations around a focus (or the whole workspace when it is small), filtered and capped. */
  async claimMap(params: ClaimMapParams, token: CancellationToken = neverCancelled): Promise<ClaimMapResult> {
    await this.upToDate();
    throwIfCancelled(token, 'the claim map');
    const graph = this.currentGraph();
    throwIfCancelled(token, 'the claim map');
    return claimMap(this.index, graph, params);
  }

  /**
   * Why an export must not be written to `uri`: the workspace reads that
   * file (a note, a registry, the config, a note's source), symlinks
   * followed. Undefined when it may be written.
   */
  async exportTargetConflict(uri: string): Promise<string | undefined> {
    await this.upToDate();
    const real = await this.world.workspace.realPath?.(uri);
    for (const u of new Set([uri, real ?? uri])) {
      if (this.index.notes.has(u) || this.index.skipped.has(u) && this.index.kindOf(u) === 'note') return 'one of the workspace\'s notes';
      if (this.index.registries.has(u)) return 'an entity registry of the workspace';
      if (u === this.index.configUri) return 'the workspace\'s .claimlens.yaml';
      if (this.recordFolder(u) !== undefined) return 'the workspace\'s anchors record';
      if (this.anchoring.notesUsing(u).length > 0) return 'the saved source of a note';
    }
    return undefined;
  }

  // ---- the claims panel and the status bar's counts ---------------------------

  /** The panel's groups with their counts, a page of groups at a time (no claims yet: a group's claims come when it is expanded). */
  async claimsOverview(grouping: ClaimGrouping, filter: ClaimsFilter, page: GroupsPage = {},
    token: CancellationToken = neverCancelled): Promise<ClaimsOverview> {
    await this.upToDate();
    throwIfCancelled(token, 'claims overview');
    return claimsOverview(this.currentGroups(grouping), grouping, filter, page);
  }

  /** The claims of one group of the panel. */
  async claimsInGroup(grouping: ClaimGrouping, key: string, filter: ClaimsFilter, page: { offset?: number; limit?: number } = {},
    token: CancellationToken = neverCancelled): Promise<ClaimsPage> {
    await this.upToDate();
    throwIfCancelled(token, 'claims in group');
    return claimsInGroup(this.currentGroups(grouping), grouping, key, filter, page.offset, page.limit);
  }

  /** The panel's counts as the index is now (the cold index announces its notes only when it is done); by entity, with every note's entities resolved. */
  private currentGroups(grouping: ClaimGrouping): ClaimGroups {
    if (this.indexing) this.groups.catchUp();
    this.groups.sync(undefined, grouping === 'entity' ? 'entities' : 'notes');
    return this.groups;
  }

  /** The claim on a line of a note and its groups: what the panel selects when it follows the cursor. */
  async claimsTreeLocate(grouping: ClaimGrouping, uri: string, line: number) {
    await this.upToDate();
    return claimsTreeLocate(this.currentGroups(grouping), grouping, uri, line);
  }

  /** The hover card of the claim on a line of a note (the panel's tooltip), its quotes anchored. */
  async claimCardAt(uri: string, line: number, token: CancellationToken = neverCancelled): Promise<string | undefined> {
    await this.upToDate();
    await this.anchorNote(uri, token);
    const note = this.note(uri);
    const claim = note?.claims.find((c) => c.line === line);
    return note && claim ? claimCard(this.index, note, claim, this.quoteDetail) : undefined;
  }

  /** The versioned edit that gives the claim on a line of a note a status, or why not. */
  async setStatus(uri: string, line: number, status: string): Promise<SetStatusResult> {
    await this.upToDate();
    const note = this.note(uri);
    const claim = note?.claims.find((c) => c.line === line);
    if (!note || !claim) return { error: 'That claim is no longer there; the panel will show the note as it is now.' };
    if (!this.index.config.statuses.some((s) => s.id === status)) return { error: `"${status}" is not one of this workspace's statuses.` };
    // The panel edits notes that may not be open: their saved text gives the line.
    const text = this.documents.get(uri)?.text ?? await this.anchoring.files.text(uri) ?? '';
    const lines = text.split(/\r\n|\r|\n/);
    return { edit: statusEdit(note, claim, status, { versionOf: this.versionOf, lineText: (l) => lines[l] ?? '' }).build() };
  }

  /**
   * The status bar's counts for a note (its quotes anchored, so "not found"
   * is known), or for the whole workspace when `uri` is not a note.
   */
  async claimCounts(uri: string | undefined, token: CancellationToken = neverCancelled) {
    await this.upToDate();
    const note = uri !== undefined ? this.note(uri) : undefined;
    // The statuses come along: the counts are shown with their labels and read against the rating scale.
    const { statuses, rating } = this.index.config;
    if (!note) return { note: null, ...claimCounts(this.index, this.index.notes.values()), statuses, rating };
    const anchored = await this.anchoring.anchorNote(note, token);
    const quotesNotFound = anchored.quotes.filter((q) => q.method === 'not-found').length;
    return { note: note.name, ...claimCounts(this.index, [note]), quotesNotFound, statuses, rating };
  }

  /** Counts for the status bar and the command line. */
  stats() {
    return this.index.stats();
  }

  // ---- the anchors record (SPEC §4): confirm, pin, review changed sources -------
  // Each returns the record's new text (and, for a reworded quote, the note's
  // versioned edit); the caller writes the file atomically.

  private get records(): RecordContext {
    return { index: this.index, anchoring: this.anchoring, versionOf: this.versionOf };
  }

  /** The workspace folder whose anchors record `uri` is; undefined for any other file. */
  recordFolder(uri: string): string | undefined {
    return this.world.workspace.folders.find((f) => recordUri(f) === uri);
  }

  /** Each folder's record with every quote confirmed as anchored now, and what changed; or why it is not rewritten. */
  async confirmQuotes(token: CancellationToken = neverCancelled) {
    await this.upToDate();
    return confirmQuotes(this.records, token);
  }

  /** The record with one place of an ambiguous quote pinned (the quick fix's command), or why not. */
  async pinOccurrence(args: PinOccurrence) {
    await this.upToDate();
    return pinOccurrence(this.records, args);
  }

  /** The review of every quote whose source changed since it was confirmed: a Markdown report and its decisions. */
  async reviewChangedSources(token: CancellationToken = neverCancelled) {
    await this.upToDate();
    return reviewChangedSources(this.records, token);
  }

  /** A decision on a quote of a changed source: the record's new text and, when the quote is reworded, the note's edit; or why not. */
  async reviewQuote(args: ReviewQuoteArgs) {
    await this.upToDate();
    return reviewQuote(this.records, args);
  }
}

/** Creates the service over its world; call `start()` to index the workspace. */
export function createClaimlens(world: ClaimlensWorld, options: ClaimlensOptions = {}): ClaimlensService {
  return new ClaimlensService(world, options);
}
