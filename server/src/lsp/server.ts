// The language server: an adapter between LSP and the core's one service
// (core/service.ts). It creates the service on `initialize`, forwards the
// editor's documents and the watcher's file events to it, and routes each
// request to one service method, converting at the edge. Refreshes (diagnostics,
// highlights, code lenses) hang off the service's one change stream.
import {
  CodeLensRefreshRequest, type Connection, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType,
  type InitializeParams, type InitializeResult, LSPErrorCodes, ResponseError, TextDocuments,
  TextDocumentSyncKind, WatchKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type ClaimlensSettings, SourceHighlightsRequest, SourceLocationRequest, SourcesChangedNotification, StatusNotification,
  type StatusParams, TagSelectionRequest,
} from '../../../shared/protocol';
import {
  ClaimCardRequest, ClaimCountsRequest, ClaimMapRequest, ClaimsChangedNotification, ClaimsInGroupRequest, ClaimsOverviewRequest,
  ClaimsTreeLocateRequest, SetStatusRequest,
} from '../../../shared/protocol';
import { CancelledError } from '../core/base/cancellation';
import { type Codec } from '../core/base/codec';
import { RenameError } from '../core/features/rename';
import { type ClaimlensService, createClaimlens } from '../core/service';
import { type Workspace, canonicalUri } from '../core/workspace/workspace';
import {
  type EditSupport, editSupport, readSettings, toCodeAction, toCodeLens, toCompletionList, toDiagnostic, toDocumentSymbol, toHover, toLocation,
  toProblem, toTagSelectionResult, toWorkspaceEdit, toWorkspaceSymbol,
} from './convert';
import { registerExport } from './exportHandler';
import { readClaimMapParams } from './requestParams';
import { registerAnchors } from './anchorsHandler';
import { PIN_OCCURRENCE_COMMAND } from '../../../shared/protocol';

export interface ServerHost {
  /** Makes the workspace the index reads (the file system). */
  createWorkspace(folders: string[]): Workspace;
  codec: Codec;
  /** A full garbage collection, where the process offers one (see ClaimlensWorld.collectGarbage). */
  collectGarbage?: () => void;
}

export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  let initialized = false;

  // Until `initialize`, every request is answered "not initialized" (LSP's -32002), not "unknown method".
  connection.onRequest((method) => {
    throw initialized
      ? new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`)
      : new ResponseError(ErrorCodes.ServerNotInitialized, `The server is not initialized yet: ${method} must come after initialize.`);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    // One workspace per server: a second initialize would silently switch it.
    if (initialized) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.');
    initialized = true;
    const folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []))
      .map((u) => canonicalUri(u).replace(/\/$/, ''));
    const settings = readSettings(params.initializationOptions);
    const service = createClaimlens({
      workspace: host.createWorkspace(folders), codec: host.codec, logger: { log: (m) => connection.console.log(m) },
      collectGarbage: host.collectGarbage,
    }, {
      include: settings.notes.include, exclude: settings.notes.exclude, maxFileSize: settings.maxFileSize,
      allowOutsideWorkspace: settings.sources.allowOutsideWorkspace && settings.trusted,
    });
    new Session(connection, documents, service, settings).register(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: 'Claims' },
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: ['[', '^', ':', ' ', '#'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite.status'] },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        // The quick fixes that pin a quote's place in the anchors record: the server writes the record.
        executeCommandProvider: { commands: [PIN_OCCURRENCE_COMMAND] },
      },
      serverInfo: { name: 'claimlens', version: '0.1.0' },
    };
  });

  documents.listen(refusingStaleChanges(connection, documents));
  connection.listen();
}

/**
 * The connection as TextDocuments sees it, except that a change whose version
 * is not newer than the document's is refused and logged: applied, it would
 * put later edits (and every edit the server proposes) on a stale text.
 */
function refusingStaleChanges(connection: Connection, documents: TextDocuments<TextDocument>): Parameters<TextDocuments<TextDocument>["listen"]>[0] {
  return {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument(h),
    onDidChangeTextDocument: (h) => connection.onDidChangeTextDocument((e) => {
      const held = documents.get(e.textDocument.uri);
      if (held && e.textDocument.version <= held.version) {
        connection.console.log(`${e.textDocument.uri}: refused a change to version ${e.textDocument.version}; the server holds version ${held.version}`);
        return;
      }
      return h(e);
    }),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument(h),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument(h),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil(h),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument(h),
  };
}

/** One initialized server: the service and the routes to it. */
class Session {
  /** Open documents whose diagnostics are to be published again, and the pause before they are. */
  private readonly due = new Set<string>();
  private diagnosticsTimer: ReturnType<typeof setTimeout> | undefined;
  private publishing = false;
  private changedTimer: ReturnType<typeof setTimeout> | undefined;

  // Settings are read once: the client restarts the server when they change.
  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>,
    private readonly service: ClaimlensService, private readonly settings: ClaimlensSettings) {}

  register(params: InitializeParams): void {
    const c = this.connection;
    const docs = this.documents;
    const service = this.service;
    const uriOf = (u: string) => canonicalUri(u);
    const codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const edits = editSupport(params.capabilities);

    c.onInitialized(() => {
      if (params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void c.client.register(DidChangeWatchedFilesNotification.type, {
          // Notes, registries, config and sources as they change; any path created or deleted, so folders too.
          // The anchors record too, edited by hand or brought by a pull.
          watchers: [{ globPattern: '**/*.{md,yaml,yml,txt,html,htm}' }, { globPattern: '**/.claimlens/anchors.json' },
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
        });
      }
      this.status('indexing');
      const started = Date.now();
      const progress = this.indexProgress(params);
      void service.start().then(async () => {
        (await progress)?.done();
        this.status('ready', Date.now() - started);
      });
    });

    docs.onDidOpen((e) => service.setDocument(uriOf(e.document.uri), e.document.version, e.document.getText()));
    docs.onDidChangeContent((e) => service.setDocument(uriOf(e.document.uri), e.document.version, e.document.getText()));
    docs.onDidClose((e) => {
      c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      service.closeDocument(uriOf(e.document.uri));
    });
    c.onDidChangeWatchedFiles((p) => service.filesChanged(p.changes.map((ch) => ({
      uri: uriOf(ch.uri), deleted: ch.type === FileChangeType.Deleted,
    }))));

    // Whatever changed, the open notes' diagnostics, the highlights and the code lenses may have too.
    service.onDidChange(() => {
      this.scheduleDiagnostics();
      clearTimeout(this.changedTimer);
      this.changedTimer = setTimeout(() => {
        void c.sendNotification(SourcesChangedNotification, {});
        if (codeLensRefresh) void c.sendRequest(CodeLensRefreshRequest.type);
      }, 150);
    });

    registerExport(c, service, this.settings);
    registerAnchors(c, service, this.settings, edits);
    this.registerClaimsPanel(c, service, uriOf, edits);
    this.registerClaimMap(c, service, uriOf);

    c.onHover((p, token) => cancellable(async () => {
      const h = await service.hover(uriOf(p.textDocument.uri), p.position, token);
      return h ? toHover(h) : null;
    }));
    c.onDefinition((p, token) => cancellable(async () => (await service.definition(uriOf(p.textDocument.uri), p.position, token)).map(toLocation)));
    c.onReferences((p, token) => cancellable(async () =>
      (await service.references(uriOf(p.textDocument.uri), p.position, p.context.includeDeclaration, token)).map(toLocation)));
    c.onDocumentSymbol((p, token) => cancellable(async () => (await service.documentSymbols(uriOf(p.textDocument.uri), token)).map(toDocumentSymbol)));
    c.onWorkspaceSymbol((p, token) => cancellable(async () => (await service.workspaceSymbols(p.query, token)).map(toWorkspaceSymbol)));
    c.onCompletion((p, token) => cancellable(async () => {
      const list = await service.completion(uriOf(p.textDocument.uri), p.position, token);
      return list ? toCompletionList(list) : null;
    }));
    c.onCodeAction((p, token) => cancellable(async () => {
      // Each Problem remembers the diagnostic it came from: an action's `diagnostics` are the client's own objects.
      const sent = new Map(p.context.diagnostics.map((d) => [toProblem(d), d]));
      const actions = await service.codeActions(uriOf(p.textDocument.uri), p.range, [...sent.keys()], token);
      // Asked for some kinds only (VS Code asks for 'quickfix' on a diagnostic): the others would be dropped with a warning.
      const only = p.context.only;
      const asked = only?.length ? actions.filter((a) => only.some((k) => a.kind === k || a.kind.startsWith(k + '.'))) : actions;
      return asked.flatMap((a) => toCodeAction(a, edits, (fixed) => sent.get(fixed) ?? toDiagnostic(fixed)) ?? []);
    }));
    c.onPrepareRename((p, token) => cancellable(async () => await service.prepareRename(uriOf(p.textDocument.uri), p.position, token) ?? null));
    c.onRenameRequest((p, token) => cancellable(async () => {
      try {
        // A rename only edits text, so every client can take it.
        const edit = await service.rename(uriOf(p.textDocument.uri), p.position, p.newName, token);
        return edit ? toWorkspaceEdit(edit, edits) ?? null : null;
      } catch (e) {
        if (e instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
        throw e;
      }
    }));
    c.onCodeLens((p, token) => cancellable(async () => (await service.codeLenses(uriOf(p.textDocument.uri), token)).map(toCodeLens)));

    c.onRequest(SourceLocationRequest, (p, token) => cancellable(() => service.sourceLocation(uriOf(p.textDocument.uri), p.position, token)));
    c.onRequest(SourceHighlightsRequest, (p, token) => cancellable(() => service.sourceHighlights(uriOf(p.textDocument.uri), token)));
    c.onRequest(TagSelectionRequest, (p, token) => cancellable(async () => toTagSelectionResult(await service.tagSelection(uriOf(p.textDocument.uri), p.range, p.newNote && uriOf(p.newNote), token), edits)));
  }

  /** The cold index as work-done progress (files read of how many), when the client shows it. */
  private async indexProgress(params: InitializeParams): Promise<{ done(): void } | undefined> {
    if (params.capabilities.window?.workDoneProgress !== true) return undefined;
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (!progress) return undefined;
    progress.begin('Claimlens: reading the notes', 0, undefined, false);
    let reported = -1;
    this.service.onIndexProgress((done, total) => {
      const pct = Math.floor((done / Math.max(total, 1)) * 100);
      if (pct !== reported) progress.report(reported = pct, `${done} of ${total} files`);
    });
    return progress;
  }


  // The claims panel and the status bar's counts: one route per request, and
  // the changed files passed on (gathered over the same pause as the highlights).
  private registerClaimsPanel(c: Connection, service: ClaimlensService, uriOf: (u: string) => string, edits: EditSupport): void {
    const changed = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    service.onDidChange((change) => {
      change.uris.forEach((u) => changed.add(u));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const uris = [...changed];
        changed.clear();
        void c.sendNotification(ClaimsChangedNotification, { uris });
      }, 150);
    });
    c.onRequest(ClaimsOverviewRequest, (p, token) => cancellable(() => service.claimsOverview(p.grouping, p.filter, { offset: p.offset, limit: p.limit, through: p.through }, token)));
    c.onRequest(ClaimsInGroupRequest, (p, token) => cancellable(() => service.claimsInGroup(p.grouping, p.key, p.filter, { offset: p.offset, limit: p.limit }, token)));
    c.onRequest(ClaimsTreeLocateRequest, async (p) => await service.claimsTreeLocate(p.grouping, uriOf(p.textDocument.uri), p.line) ?? null);
    c.onRequest(ClaimCardRequest, (p, token) => cancellable(async () => await service.claimCardAt(uriOf(p.textDocument.uri), p.line, token) ?? null));
    c.onRequest(SetStatusRequest, async (p) => {
      const result = await service.setStatus(uriOf(p.textDocument.uri), p.line, p.status);
      if ('error' in result) return result;
      // A status edit never creates a file, so every client can apply it.
      const edit = toWorkspaceEdit(result.edit, edits);
      return edit ? { edit } : { error: 'This editor cannot apply the edit.' };
    });
    c.onRequest(ClaimCountsRequest, (p, token) => cancellable(() => service.claimCounts(p.textDocument && uriOf(p.textDocument.uri), token)));
  }

  // The claim map: its client forwards what its webview asks, so every parameter is checked before the service sees it.
  private registerClaimMap(c: Connection, service: ClaimlensService, uriOf: (u: string) => string): void {
    c.onRequest(ClaimMapRequest, (p, token) => cancellable(() => {
      const read = readClaimMapParams(p);
      if ('error' in read) throw new ResponseError(ErrorCodes.InvalidParams, read.error);
      const params = read.value;
      const focus = params.focus;
      if (focus && 'uri' in focus) {
        let uri: string;
        try { uri = uriOf(focus.uri); } catch { throw new ResponseError(ErrorCodes.InvalidParams, `The claim map request: "focus.uri" is not a URI: ${focus.uri.slice(0, 200)}.`); }
        params.focus = { uri, position: focus.position };
      }
      return service.claimMap(params, token);
    }));
  }

  private status(state: StatusParams['state'], ms?: number): void {
    void this.connection.sendNotification(StatusNotification, { state, ...this.service.stats(), ms });
  }

  /** Diagnostics of the open documents, a moment after the last change. */
  private scheduleDiagnostics(): void {
    for (const doc of this.documents.all()) this.due.add(doc.uri);
    clearTimeout(this.diagnosticsTimer);
    this.diagnosticsTimer = setTimeout(() => void this.publishDue(), 120);
  }

  /**
   * Publishes the documents waiting for diagnostics one at a time, letting
   * requests in between: with hundreds of notes open, publishing them all in
   * one go would hold a hover behind every one of them.
   */
  private async publishDue(): Promise<void> {
    if (this.publishing) return;
    this.publishing = true;
    try {
      for (let uri = first(this.due); uri !== undefined; uri = first(this.due)) {
        this.due.delete(uri);
        await this.publish(uri);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.publishing = false;
    }
  }


  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const problems = await this.service.problems(canonicalUri(uri));
    // A document that changed meanwhile gets fresh diagnostics from its own change.
    if (this.documents.get(uri)?.version !== version) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: problems.map(toDiagnostic) });
  }
}

function first<T>(set: Set<T>): T | undefined {
  for (const x of set) return x;
  return undefined;
}

/** Runs a request; the core's CancelledError becomes LSP's RequestCancelled. */
async function cancellable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, e.message);
    throw e;
  }
}
