// The status bar item (SPEC §5): while the server indexes, a spinner; then
// the active note's counts ("12 claims · 2 refuted · 1 quote not found"), or
// the workspace's when no note is active. Clicking it opens the claims panel.
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { type ClaimCountsResult, ClaimCountsRequest, type StatusParams } from '../../shared/protocol';

/** Counts follow typing a moment after it stops. */
const PAUSE_MS = 300;

export class ClaimsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('claimlens.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private client: LanguageClient | undefined;
  private server: StatusParams | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item.name = 'Claimlens';
    this.item.command = 'claimlens.claims.focus';
    this.starting();
    this.item.show();
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document === vscode.window.activeTextEditor?.document) this.schedule(PAUSE_MS); }),
    );
  }

  attach(client: LanguageClient): void {
    this.client = client;
    this.server = undefined;
    this.starting();
  }

  /** The server's own state: indexing, or ready with its totals. */
  serverStatus(p: StatusParams): void {
    this.server = p;
    if (p.state === 'indexing') this.starting('Claimlens: reading the notes…');
    else this.schedule(0);
  }

  /** Something changed on the server: the counts may have. */
  changed(): void {
    this.schedule(PAUSE_MS);
  }

  private starting(tooltip = 'Claimlens: starting'): void {
    this.item.text = '$(sync~spin) Claimlens';
    this.item.tooltip = tooltip;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), ms);
  }

  private async update(): Promise<void> {
    const client = this.client;
    if (!client || this.server?.state !== 'ready') return;
    const doc = vscode.window.activeTextEditor?.document;
    const counts = await client.sendRequest(ClaimCountsRequest, doc?.uri.scheme === 'file'
      ? { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) } } : {});
    this.show(counts);
  }

  private show(c: ClaimCountsResult): void {
    const parts = [`${c.claims} claim${c.claims === 1 ? '' : 's'}`];
    // Only the verdicts against a claim (the lower half of the rating scale) are worth a glance; the tooltip has every status.
    const middle = (c.rating.best + c.rating.worst) / 2;
    for (const s of c.statuses) {
      const n = c.byStatus[s.id] ?? 0;
      if (n > 0 && s.rating !== undefined && s.rating < middle) parts.push(`${n} ${s.label.toLowerCase()}`);
    }
    if (c.quotesNotFound) parts.push(`${c.quotesNotFound} quote${c.quotesNotFound === 1 ? '' : 's'} not found`);
    this.item.text = `$(checklist) ${parts.join(' · ')}`;
    const where = c.note === null ? 'the workspace' : c.note;
    const tally = c.statuses.filter((s) => c.byStatus[s.id]).map((s) => `${s.label} ${c.byStatus[s.id]}`).join(' · ');
    const server = this.server;
    const totals = server ? `\n\nWorkspace: ${server.notes} notes, ${server.claims} claims, ${server.entities} entities` +
      (server.skipped ? `, ${server.skipped} files skipped (see the output)` : '') + (server.ms !== undefined ? `, indexed in ${server.ms} ms` : '') : '';
    this.item.tooltip = new vscode.MarkdownString(`**Claimlens** · ${where}: ${parts.join(' · ')}\n\n${tally}${totals}\n\nClick to open the Claims panel.`);
    this.item.accessibilityInformation = { label: `Claimlens, ${where}: ${parts.join(', ')}` };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
