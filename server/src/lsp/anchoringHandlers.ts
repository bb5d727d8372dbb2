// The anchoring side of the language server: one Anchoring service over the
// index, the hooks the standard handlers (hover, definition, code lens,
// diagnostics) take from it, and the custom requests of the source view
// declared in shared/protocol.ts. A source open in the editor is read from
// the editor, so highlights and positions match what the analyst sees.
import { CodeLensRefreshRequest, type Connection, type Hover, type TextDocuments } from 'vscode-languageserver';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import {
  SourceHighlightsRequest, type SourceHighlightsParams, type SourceHighlightsResult, SourceLocationRequest,
  type SourceLocationParams, type SourceLocationResult, SourcesChangedNotification, TagSelectionRequest,
  type TagSelectionParams, type TagSelectionResult,
} from '../../../shared/protocol';
import { type WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { type NoteModel, type Position, type Problem } from '../core/notes/model';
import { canonicalUri } from '../core/workspace/workspace';
import { Anchoring, type NoteAnchoring } from '../core/anchoring/noteAnchoring';
import { anchoringProblems, quoteDetail, quoteSummary, sourceDetail } from '../core/features/anchorViews';
import { type QuoteLocation } from '../core/features/definition';
import { claimAt } from '../core/features/locate';
import { notesForHover, quoteDefinition, sourceHighlights, sourceHover, sourceTarget } from '../core/features/sourceNavigation';
import { tagSelection } from '../core/features/tagSelection';

export interface AnchoringHost {
  /** Read sources outside the workspace folders (the setting, and only in a trusted workspace). */
  allowOutsideWorkspace: boolean;
  /** SHA-256 of bytes, for `source.sha256`; the node layer provides it. */
  hash?: (bytes: Uint8Array) => string;
  /** Resolves once the index is built. */
  ready(): Promise<void>;
  /** Publishes the open documents' diagnostics again: a source changed. */
  refreshDiagnostics(): void;
  /** Whether the client re-asks for code lenses when told to. */
  codeLensRefresh?: boolean;
  now?: () => Date;
}

const SOURCE_FILE = /\.(txt|html?)$/i;

export class AnchoringHandlers {
  readonly anchoring: Anchoring;
  private readonly current = (note: NoteModel): NoteAnchoring | undefined => this.anchoring.peek(note);
  readonly quoteDetail = quoteDetail(this.current);
  readonly sourceDetail = sourceDetail(this.current);
  readonly quoteSummary = quoteSummary(this.current);
  readonly quoteLocation: QuoteLocation = (note, field) => quoteDefinition(this.current(note), field);
  readonly problems = async (note: NoteModel): Promise<Problem[]> => anchoringProblems(await this.anchoring.anchorNote(note));
  private changedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>,
    private readonly index: WorkspaceIndex, private readonly host: AnchoringHost) {
    this.anchoring = new Anchoring(index, {
      allowOutsideWorkspace: host.allowOutsideWorkspace, hash: host.hash, openDocument: (u) => this.document(u),
    });
  }

  /** The open document with this canonical URI (the client may encode it differently). */
  document(uri: string): TextDocument | undefined {
    return this.documents.get(uri) ?? this.documents.all().find((d) => canonicalUri(d.uri) === uri);
  }

  /** Anchors the note at `uri` as it is now, so the synchronous hooks find its result. */
  async ensure(uri: string): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const note = this.index.notes.get(uri);
      if (!note) return;
      await this.anchoring.anchorNote(note);
      if (this.index.notes.get(uri) === note) return;
    }
  }

  /** Anchors the notes whose claim cards a hover at `pos` may show. */
  async prepareHover(uri: string, pos: Position): Promise<void> {
    for (const note of notesForHover(this.index, uri, pos)) await this.anchoring.anchorNote(note);
  }

  /** Hover in a source file: the claim cards of the passages under the caret. */
  async sourceHover(uri: string, pos: Position): Promise<Hover | undefined> {
    const quotes = await this.anchoring.anchoredIn(uri);
    return quotes.length ? sourceHover(this.index, quotes, pos, this.quoteDetail) : undefined;
  }

  /** Files changed or deleted on disk: forget what was read of them, and show the new state. */
  filesChanged(uris: string[]): void {
    for (const uri of uris) this.anchoring.forgetSource(uri);
    this.sourcesChanged(true);
  }

  /** Tells the client (highlights, code lenses) and the diagnostics that anchoring may have changed. */
  sourcesChanged(diagnostics: boolean): void {
    if (diagnostics) this.host.refreshDiagnostics();
    clearTimeout(this.changedTimer);
    this.changedTimer = setTimeout(() => {
      void this.connection.sendNotification(SourcesChangedNotification);
      if (this.host.codeLensRefresh) void this.connection.sendRequest(CodeLensRefreshRequest.type);
    }, 150);
  }

  register(): void {
    const c = this.connection;
    const isSourceDoc = (d: TextDocument) => this.anchoring.notesUsing(canonicalUri(d.uri)).length > 0;
    // A source opened, edited or closed in the editor has a new version: its quotes are anchored again.
    this.documents.onDidOpen((e) => { if (isSourceDoc(e.document)) this.sourcesChanged(true); });
    this.documents.onDidChangeContent((e) => { if (isSourceDoc(e.document)) this.sourcesChanged(true); });
    this.documents.onDidClose((e) => { if (isSourceDoc(e.document)) this.sourcesChanged(true); });
    this.index.onDidChange(() => this.sourcesChanged(false));

    c.onRequest(SourceLocationRequest, async (p: SourceLocationParams): Promise<SourceLocationResult> => {
      await this.host.ready();
      const uri = canonicalUri(p.textDocument.uri);
      await this.ensure(uri);
      const note = this.index.notes.get(uri);
      const claim = note && claimAt(note, p.position);
      const a = note && this.anchoring.peek(note);
      if (!claim || !a) return null;
      const field = claim.fields.find((f) => f.key === 'quote' && f.keyRange.start.line === p.position.line);
      return sourceTarget(a, claim, field);
    });

    c.onRequest(SourceHighlightsRequest, async (p: SourceHighlightsParams): Promise<SourceHighlightsResult> => {
      await this.host.ready();
      const uri = canonicalUri(p.textDocument.uri);
      const quotes = await this.anchoring.anchoredIn(uri);
      const isSource = SOURCE_FILE.test(uri) || this.anchoring.notesUsing(uri).length > 0;
      return { isSource, highlights: sourceHighlights(quotes) };
    });

    c.onRequest(TagSelectionRequest, async (p: TagSelectionParams): Promise<TagSelectionResult> => {
      await this.host.ready();
      const uri = canonicalUri(p.textDocument.uri);
      const text = this.document(uri)?.getText() ?? await this.anchoring.files.text(uri);
      if (text === undefined) return { error: 'This file cannot be read as text.' };
      return tagSelection(this.index, this.anchoring, uri, text, p.range, {
        versionOf: (u) => this.document(u)?.version ?? null,
        noteText: async (u) => this.document(u)?.getText() ?? await this.anchoring.files.text(u),
        today: (this.host.now?.() ?? new Date()).toISOString().slice(0, 10),
      });
    });
  }
}

export function registerAnchoring(connection: Connection, documents: TextDocuments<TextDocument>, index: WorkspaceIndex,
  host: AnchoringHost): AnchoringHandlers {
  const handlers = new AnchoringHandlers(connection, documents, index, host);
  handlers.register();
  return handlers;
}
