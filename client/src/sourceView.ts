// The source view and the way between claims and sources: in an open source
// file (.txt, .html, or a Markdown note named as a source) the passages that
// claims quote are highlighted; "Go to Source" opens a claim's passage (or
// the article's URL); "Tag Selection as Claim" turns the selected passage
// into a new claim in the source's note. The server computes all of it
// (shared/protocol.ts); this side asks, draws and applies.
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import {
  SourceHighlightsRequest, SourceLocationRequest,
  SourcesChangedNotification, TagSelectionRequest, type Range,
} from '../../shared/protocol';

const CANDIDATE = /\.(txt|html?|md|markdown)$/i;
/** Highlights follow edits of the source a moment after typing stops. */
const TYPING_PAUSE_MS = 250;

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export class SourceView implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly sources = new Map<string, boolean>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly matched = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('claimlens.quoteBackground'),
    overviewRulerColor: new vscode.ThemeColor('claimlens.quoteBackground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  // A fuzzy match differs from its quote: drawn apart, so the analyst checks it.
  private readonly approximate = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('claimlens.fuzzyQuoteBackground'),
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('claimlens.fuzzyQuoteBorder'),
    overviewRulerColor: new vscode.ThemeColor('claimlens.fuzzyQuoteBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  constructor() {
    this.disposables.push(
      this.matched, this.approximate,
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.window.onDidChangeActiveTextEditor((e) => this.updateContext(e)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.commands.registerCommand('claimlens.goToSource', (uri?: string, position?: vscode.Position) => this.goToSource(uri, position)),
      vscode.commands.registerCommand('claimlens.tagSelection', () => this.tagSelection()),
    );
  }

  /** Starts asking a (re)started client; refreshes when the server says notes or sources changed. */
  attach(client: LanguageClient): vscode.Disposable {
    this.client = client;
    const sub = client.onNotification(SourcesChangedNotification, () => this.refreshAll());
    this.refreshAll();
    return sub;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.disposables.forEach((d) => d.dispose());
  }

  private refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) void this.refresh(editor);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!vscode.window.visibleTextEditors.some((e) => e.document === doc)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      for (const e of vscode.window.visibleTextEditors) if (e.document === doc) void this.refresh(e);
    }, TYPING_PAUSE_MS));
  }

  private async refresh(editor: vscode.TextEditor): Promise<void> {
    const doc = editor.document;
    const client = this.client;
    if (!client || doc.uri.scheme !== 'file' || !CANDIDATE.test(doc.uri.path)) return;
    const result = await client.sendRequest(SourceHighlightsRequest, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) },
    });
    this.sources.set(doc.uri.toString(), result.isSource);
    const hs = result.highlights;
    editor.setDecorations(this.matched, hs.filter((h) => h.method !== 'fuzzy').map((h) => toRange(h.range)));
    editor.setDecorations(this.approximate, hs.filter((h) => h.method === 'fuzzy').map((h) => toRange(h.range)));
    if (editor === vscode.window.activeTextEditor) this.updateContext(editor);
  }

  // `claimlens.isSource` shows "Tag Selection as Claim" in the editor's context menu.
  private updateContext(editor: vscode.TextEditor | undefined): void {
    const isSource = !!editor && this.sources.get(editor.document.uri.toString()) === true;
    void vscode.commands.executeCommand('setContext', 'claimlens.isSource', isSource);
  }

  /** Opens the source passage of the claim at `position` in `uri` (default: the caret). */
  private async goToSource(uri?: string, position?: vscode.Position): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const client = this.client;
    const target = uri ?? (editor ? client?.code2ProtocolConverter.asUri(editor.document.uri) : undefined);
    const at = position ?? editor?.selection.active;
    if (!client || !target || !at) return;
    const result = await client.sendRequest(SourceLocationRequest, {
      textDocument: { uri: target }, position: { line: at.line, character: at.character },
    });
    if (!result) {
      void vscode.window.showInformationMessage('Claimlens: put the caret on a claim that has a source (source.path or source.url).');
    } else if (result.kind === 'url') {
      // No network access of our own: the browser opens it, scrolled to the quote.
      await vscode.env.openExternal(vscode.Uri.parse(result.url));
    } else {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
      const range = toRange(result.range);
      await vscode.window.showTextDocument(doc, { selection: range });
    }
  }

  /** Adds the selection as a new claim to the source's note, then shows it with the claim's text selected. */
  private async tagSelection(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const client = this.client;
    if (!editor || !client) return;
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage('Claimlens: select the passage to tag as a claim first.');
      return;
    }
    const s = editor.selection;
    const ask = (newNote?: string) => client.sendRequest(TagSelectionRequest, {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      range: { start: { line: s.start.line, character: s.start.character }, end: { line: s.end.line, character: s.end.character } },
      ...(newNote ? { newNote } : {}),
    });
    let result = await ask();
    // No note names this article yet: where the new one goes is the analyst's call, the default first.
    if (!('error' in result) && result.created) {
      const where = await newNoteLocation(vscode.Uri.parse(result.uri));
      if (!where) return;
      if (where.toString() !== vscode.Uri.parse(result.uri).toString()) result = await ask(client.code2ProtocolConverter.asUri(where));
    }
    if ('error' in result) {
      void vscode.window.showWarningMessage(`Claimlens: ${result.error}`);
      return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage('Claimlens: the note changed meanwhile; tag the selection again.');
      return;
    }
    const note = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
    const range = toRange(result.selection);
    const shown = await vscode.window.showTextDocument(note, { selection: range });
    shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** Asks where a new note goes: the server's default first, or a file the analyst picks. */
async function newNoteLocation(proposed: vscode.Uri): Promise<vscode.Uri | undefined> {
  const elsewhere = { label: '$(folder-opened) Somewhere else…', detail: 'Pick the folder and file name of the new note' };
  const pick = await vscode.window.showQuickPick([
    { label: `$(new-file) ${vscode.workspace.asRelativePath(proposed, false)}`, detail: 'A new note for this article, beside its other notes', uri: proposed },
    elsewhere,
  ], { title: 'No note quotes this article yet: create one', placeHolder: 'Where should the new note go?' });
  if (!pick) return undefined;
  if ('uri' in pick) return pick.uri;
  return vscode.window.showSaveDialog({ defaultUri: proposed, filters: { Markdown: ['md'] }, saveLabel: 'Create Note', title: 'New note for this article' });
}
