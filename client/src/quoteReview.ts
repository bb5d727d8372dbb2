// "Claimlens: Confirm Quotes" and "Claimlens: Review Changed Sources". The
// server records where each quote is and writes the review (shared/protocol.ts);
// this side shows the review as a read-only Markdown document, puts a button
// (a code lens) above each decision and makes its links clickable, and runs
// the decisions: the server rewrites a reworded quote through the editor,
// and a note that had no unsaved changes is saved, as the claims panel does.
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import {
  ConfirmQuotesRequest, type REVIEW_QUOTE_COMMAND, ReviewChangedSourcesRequest, ReviewQuoteRequest, type ReviewQuoteArgs, type ReviewReport,
} from '../../shared/protocol';

const SCHEME = 'claimlens-review';
/** The report's document: its name ends in .md, so the editor shows it as Markdown. */
const REPORT = vscode.Uri.from({ scheme: SCHEME, path: '/Changed sources.md' });
const ICONS: Record<string, string> = { accept: '$(check)', keep: '$(history)' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class QuoteReview implements vscode.Disposable {
  private report: ReviewReport | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.disposables = [
      this.changed, this.lensesChanged,
      // The buttons of the report before must not linger over the new one: ask for them as soon as its text is in.
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.uri.toString() === REPORT.toString()) this.lensesChanged.fire(); }),
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
        onDidChange: this.changed.event, provideTextDocumentContent: () => this.report?.markdown ?? '',
      }),
      vscode.languages.registerCodeLensProvider({ scheme: SCHEME }, { onDidChangeCodeLenses: this.lensesChanged.event, provideCodeLenses: (doc) => this.lenses(doc) }),
      vscode.languages.registerDocumentLinkProvider({ scheme: SCHEME }, { provideDocumentLinks: (doc) => this.links(doc) }),
      vscode.commands.registerCommand('claimlens.confirmQuotes', () => this.confirm()),
      vscode.commands.registerCommand('claimlens.reviewChangedSources', () => this.open()),
      // The command the report's decisions run (REVIEW_QUOTE_COMMAND, which the core's links name).
      vscode.commands.registerCommand('claimlens.reviewQuote' satisfies typeof REVIEW_QUOTE_COMMAND, (args: ReviewQuoteArgs) => this.decide(args)),
    ];
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private running(): LanguageClient | undefined {
    const client = this.client();
    if (client?.isRunning()) return client;
    void vscode.window.showErrorMessage('Claimlens: the language server is not running.');
    return undefined;
  }

  /** Asks for the review again and redraws it; the buttons follow once the editor holds the new text. */
  private async refresh(client: LanguageClient): Promise<void> {
    this.report = await client.sendRequest(ReviewChangedSourcesRequest, {});
    this.changed.fire(REPORT);
  }

  private async open(): Promise<void> {
    const client = this.running();
    if (!client) return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Claimlens: reviewing changed sources' }, () => this.refresh(client));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(REPORT), { preview: false });
  }

  private isOpen(): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === REPORT.toString());
  }

  private async confirm(): Promise<void> {
    const client = this.running();
    if (!client) return;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Claimlens: confirming quotes' },
      () => client.sendRequest(ConfirmQuotesRequest, {}));
    if ('error' in result) { void vscode.window.showWarningMessage(`Claimlens: ${result.error}`); return; }
    const recorded = result.records.reduce((n, r) => n + r.recorded, 0);
    const ambiguous = result.records.reduce((n, r) => n + r.ambiguous, 0);
    const waiting = result.records.reduce((n, r) => n + r.awaitingReview, 0);
    const notes = [
      ambiguous ? `${plural(ambiguous, 'quote')} that match${ambiguous === 1 ? 'es' : ''} in several places alike ${ambiguous === 1 ? 'is' : 'are'} not recorded: pin one place with the quick fix.` : '',
      waiting ? `${plural(waiting, 'quote')} of changed sources still await${waiting === 1 ? 's' : ''} review.` : '',
    ].filter(Boolean);
    const review = 'Review Changed Sources';
    const choice = await vscode.window.showInformationMessage(
      `Claimlens: recorded ${plural(recorded, 'quote')} in .claimlens/anchors.json. ${notes.join(' ')}`.trim(), ...(waiting ? [review] : []));
    if (choice === review) await this.open();
    else if (this.isOpen()) await this.refresh(client);
  }

  private async decide(args: ReviewQuoteArgs): Promise<void> {
    const client = this.running();
    if (!client) return;
    const note = args.note;
    const open = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(note).toString());
    const wasDirty = open()?.isDirty ?? false;
    const result = await client.sendRequest(ReviewQuoteRequest, args);
    if ('error' in result) void vscode.window.showWarningMessage(`Claimlens: ${result.error}`);
    else {
      // A quote rewritten from the review is kept, as a status set from the panel is; other unsaved changes are the analyst's to save.
      // The note may have no editor (the edit opened it in the background): the document saves itself.
      if (result.edited && !wasDirty) await open()?.save();
      vscode.window.setStatusBarMessage(`Claimlens: ${result.done}`, 5000);
    }
    await this.refresh(client);
  }

  /** A button above each decision, for the report the document shows (none while it still shows the one before); the first on a line names the claim. */
  private lenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (doc.getText() !== this.report?.markdown) return [];
    return this.report.actions.map((a, i, all) => new vscode.CodeLens(new vscode.Range(a.line, 0, a.line, 0), {
      title: `${ICONS[a.args.decision] ?? ''} ${a.title}${all[i - 1]?.line === a.line ? '' : ` · ${a.claim}`}`.trim(),
      command: 'claimlens.reviewQuote', arguments: [a.args],
    }));
  }

  /** Each decision's link text, clickable (Ctrl/Cmd+click) in the editor. */
  private links(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const out: vscode.DocumentLink[] = [];
    if (doc.getText() !== this.report?.markdown) return out;
    for (const a of this.report.actions) {
      if (a.line >= doc.lineCount) continue;
      const at = doc.lineAt(a.line).text.indexOf(`[${a.title}]`);
      if (at < 0) continue;
      const link = new vscode.DocumentLink(new vscode.Range(a.line, at + 1, a.line, at + 1 + a.title.length), vscode.Uri.parse(a.target));
      link.tooltip = a.title;
      out.push(link);
    }
    return out;
  }
}
