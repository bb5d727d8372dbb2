// The language server: an adapter between LSP and the core. It owns the open
// documents and the index; every handler gets the document, returns if it is
// unknown, and delegates to a feature.
import {
  type Connection, DidChangeWatchedFilesNotification, FileChangeType, type InitializeParams, type InitializeResult,
  ResponseError, ErrorCodes, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type ClaimlensSettings, StatusNotification, type StatusParams } from '../../../shared/protocol';
import { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { type Workspace, canonicalUri } from '../core/workspace/workspace';
import { codeActions } from '../core/features/codeActions';
import { codeLenses } from '../core/features/codeLens';
import { completion } from '../core/features/completion';
import { definition } from '../core/features/definition';
import { diagnose } from '../core/features/diagnostics';
import { hover } from '../core/features/hover';
import { references } from '../core/features/references';
import { prepareRename, rename, RenameError } from '../core/features/rename';
import { documentSymbols, workspaceSymbols } from '../core/features/symbols';
import { type AnchoringHandlers, registerAnchoring } from './anchoringHandlers';
import { readSettings } from './convert';
import { registerExport } from './exportHandler';

export interface ServerHost {
  /** Makes the workspace the index reads (the file system, overlaid by open documents). */
  createWorkspace(folders: string[]): Workspace;
  /** SHA-256 of a file's bytes, for `source.sha256` (Node's crypto; absent: no check). */
  hash?: (bytes: Uint8Array) => string;
}

export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const log = (m: string) => connection.console.log(m);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []))
      .map((u) => canonicalUri(u).replace(/\/$/, ''));
    const settings = readSettings(params.initializationOptions);
    const session = new Session(connection, documents, host.createWorkspace(folders), settings, log, host.hash);
    session.register(params);
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
      },
      serverInfo: { name: 'claimlens', version: '0.1.0' },
    };
  });

  documents.listen(connection);
  connection.listen();
}

/** One initialized server: the index, the settings, and the handlers over them. */
class Session {
  readonly index: WorkspaceIndex;
  private ready: Promise<void> = Promise.resolve();
  private pending = new Map<string, ReturnType<typeof setTimeout>>();
  private anchoring: AnchoringHandlers | undefined;

  // Settings are read once: the client restarts the server when they change.
  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>,
    workspace: Workspace, private readonly settings: ClaimlensSettings, log: (m: string) => void,
    private readonly hash?: (bytes: Uint8Array) => string) {
    this.index = new WorkspaceIndex(workspace, {
      include: settings.notes.include, exclude: settings.notes.exclude,
      maxFileSize: settings.maxFileSize, logger: { log },
    });
  }

  register(params: InitializeParams): void {
    const c = this.connection;
    const docs = this.documents;
    const idx = this.index;
    const uriOf = (u: string) => canonicalUri(u);
    const versionOf = (u: string) => docs.get(u)?.version ?? null;
    const anchoring = this.anchoring = registerAnchoring(c, docs, idx, {
      allowOutsideWorkspace: this.settings.sources.allowOutsideWorkspace && this.settings.trusted, hash: this.hash,
      ready: () => this.ready, refreshDiagnostics: () => this.scheduleDiagnostics(),
      codeLensRefresh: params.capabilities.workspace?.codeLens?.refreshSupport === true,
    });

    c.onInitialized(() => {
      if (params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void c.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{md,yaml,yml,txt,html,htm}' }],
        });
      }
      this.ready = this.build();
    });
    docs.onDidOpen((e) => this.sync(e.document));
    docs.onDidChangeContent((e) => this.sync(e.document));
    docs.onDidClose((e) => {
      this.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      void this.ready.then(() => idx.refresh(uriOf(e.document.uri)));
    });
    c.onDidChangeWatchedFiles(async (p) => {
      await this.ready;
      for (const change of p.changes) {
        const uri = uriOf(change.uri);
        if (docs.get(change.uri)) continue;
        if (change.type === FileChangeType.Deleted) idx.delete(uri);
        else await idx.refresh(uri);
      }
      anchoring.filesChanged(p.changes.map((change) => uriOf(change.uri)));
    });
    idx.onDidChange(() => this.scheduleDiagnostics());
    registerExport(c, { index: idx, settings: this.settings, ready: () => this.ready });

    c.onHover(async (p) => {
      await this.ready;
      const uri = uriOf(p.textDocument.uri);
      await anchoring.prepareHover(uri, p.position);
      return hover(idx, uri, p.position, anchoring.quoteDetail, anchoring.sourceDetail) ?? await anchoring.sourceHover(uri, p.position) ?? null;
    });
    c.onDefinition(async (p) => {
      await this.ready;
      const uri = uriOf(p.textDocument.uri);
      await anchoring.ensure(uri);
      return definition(idx, uri, p.position, anchoring.quoteLocation);
    });
    c.onReferences(async (p) => { await this.ready; return references(idx, uriOf(p.textDocument.uri), p.position, p.context.includeDeclaration); });
    c.onDocumentSymbol(async (p) => {
      await this.ready;
      const note = idx.notes.get(uriOf(p.textDocument.uri));
      return note ? documentSymbols(idx, note) : [];
    });
    c.onWorkspaceSymbol(async (p) => { await this.ready; return workspaceSymbols(idx, p.query); });
    c.onCompletion(async (p) => {
      await this.ready;
      const doc = docs.get(p.textDocument.uri);
      if (!doc) return null;
      const line = lineOf(doc, p.position.line);
      return completion(idx, uriOf(doc.uri), p.position, line);
    });
    c.onCodeAction(async (p) => {
      await this.ready;
      const doc = docs.get(p.textDocument.uri);
      if (!doc) return [];
      return codeActions(idx, uriOf(doc.uri), p.range, {
        diagnostics: p.context.diagnostics, versionOf,
        lineText: (l) => lineOf(doc, l),
      });
    });
    c.onPrepareRename(async (p) => { await this.ready; return prepareRename(idx, uriOf(p.textDocument.uri), p.position) ?? null; });
    c.onRenameRequest(async (p) => {
      await this.ready;
      try {
        return rename(idx, uriOf(p.textDocument.uri), p.position, p.newName, versionOf) ?? null;
      } catch (e) {
        if (e instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
        throw e;
      }
    });
    c.onCodeLens(async (p) => {
      await this.ready;
      const uri = uriOf(p.textDocument.uri);
      await anchoring.ensure(uri);
      const note = idx.notes.get(uri);
      return note ? codeLenses(idx, note, anchoring.quoteSummary) : [];
    });
  }

  private async build(): Promise<void> {
    const started = Date.now();
    this.status('indexing');
    await this.index.build();
    for (const doc of this.documents.all()) this.index.update(canonicalUri(doc.uri), doc.getText());
    this.status('ready', Date.now() - started);
    this.scheduleDiagnostics();
  }

  private sync(doc: TextDocument): void {
    const uri = canonicalUri(doc.uri);
    void this.ready.then(() => this.index.update(uri, doc.getText()));
  }

  private status(state: StatusParams['state'], ms?: number): void {
    const s = this.index.stats();
    void this.connection.sendNotification(StatusNotification, { state, ...s, ms } satisfies StatusParams);
  }

  /** Diagnostics of the open documents, a moment after the last change. */
  private scheduleDiagnostics(): void {
    for (const doc of this.documents.all()) {
      const uri = doc.uri;
      clearTimeout(this.pending.get(uri));
      this.pending.set(uri, setTimeout(() => {
        this.pending.delete(uri);
        void this.publish(uri);
      }, 120));
    }
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const diagnostics = await diagnose(this.index, canonicalUri(uri), {
      allowOutsideWorkspace: this.settings.sources.allowOutsideWorkspace && this.settings.trusted,
      quoteProblems: this.anchoring?.problems,
    });
    // A document that changed meanwhile gets fresh diagnostics from its own change.
    if (this.documents.get(uri)?.version !== version) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}

function lineOf(doc: TextDocument, line: number): string {
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}
