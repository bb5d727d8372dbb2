// The claims panel (SPEC §5): the tree view in its own activity-bar container,
// its toolbar (group by, filter by text and by status, follow cursor), its
// context menu (reveal, go to source, copy reference, set status, export
// these claims) and its empty state's actions. The grouping and the follow
// switch are remembered per workspace. The tree's data is claimsTree.ts's.
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import {
  type ClaimGrouping, type ClaimsFilter, type ClaimsOverview, ClaimsTreeLocateRequest, type ExportParams,
  SetStatusRequest,
} from '../../shared/protocol';
import { ClaimNode, ClaimsTreeProvider, GROUPINGS, GroupNode, type MoreGroupsNode, type MoreNode, type Node } from './claimsTree';
import { exportClaims } from './exportCommand';

export const VIEW_ID = 'claimlens.claims';
/** Edits arrive keystroke by keystroke: the panel redraws a moment after they stop. */
const EDIT_PAUSE_MS = 300;
const CURSOR_PAUSE_MS = 150;

export class ClaimsPanel implements vscode.Disposable {
  private readonly provider: ClaimsTreeProvider;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private following: boolean;
  private pendingUris = new Set<string>();
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly state: vscode.Memento) {
    const grouping = state.get<ClaimGrouping>('claimlens.claims.grouping', 'note');
    this.following = state.get<boolean>('claimlens.claims.follow', true);
    this.provider = new ClaimsTreeProvider(GROUPINGS[grouping] ? grouping : 'note', {});
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    const command = (id: string, run: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, run);
    this.disposables.push(
      this.provider, this.view,
      this.provider.onDidLoad.event((o) => this.describe(o)),
      this.view.onDidChangeVisibility((e) => { if (e.visible) this.followCursor(); }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.scheduleFollow(e.textEditor)),
      command('claimlens.claims.groupBy', (g?: ClaimGrouping) => this.groupBy(g)),
      command('claimlens.claims.filter', () => this.filterByText()),
      command('claimlens.claims.filterStatus', () => this.filterByStatus()),
      command('claimlens.claims.clearFilter', () => this.setFilter({})),
      command('claimlens.claims.followCursor', () => this.setFollowing(true)),
      command('claimlens.claims.unfollowCursor', () => this.setFollowing(false)),
      command('claimlens.claims.showMore', (node: MoreNode | MoreGroupsNode) => this.provider.more(node)),
      command('claimlens.claims.reveal', (node?: ClaimNode) => this.reveal(this.target(node))),
      command('claimlens.claims.goToSource', (node?: ClaimNode) => this.goToSource(this.target(node))),
      command('claimlens.claims.copyReference', (node?: ClaimNode) => this.copyReference(this.target(node))),
      command('claimlens.claims.setStatus', (node?: ClaimNode) => this.setStatus(this.target(node))),
      command('claimlens.claims.export', (node?: Node) => this.exportShown(node)),
      command('claimlens.insertClaimTemplate', () => insertClaimTemplate()),
      command('claimlens.openSamplesGuide', () => openSamplesGuide()),
    );
    void this.context();
  }

  /** Starts asking a (re)started server. */
  attach(client: LanguageClient): void {
    this.client = client;
    this.provider.attach(client);
  }

  /** The server says these files' claims may have changed: their groups redraw once the edits pause. */
  claimsChanged(uris: readonly string[]): void {
    uris.forEach((u) => this.pendingUris.add(u));
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      const pending = this.pendingUris;
      this.pendingUris = new Set();
      void this.provider.update(pending);
    }, EDIT_PAUSE_MS);
  }

  dispose(): void {
    clearTimeout(this.editTimer);
    clearTimeout(this.cursorTimer);
    this.disposables.forEach((d) => d.dispose());
  }

  // ---- the toolbar -------------------------------------------------------------

  private async groupBy(grouping?: ClaimGrouping): Promise<void> {
    const chosen = grouping ?? (await vscode.window.showQuickPick(
      (Object.keys(GROUPINGS) as ClaimGrouping[]).map((g) => ({
        label: GROUPINGS[g], grouping: g, description: g === this.provider.grouping ? 'current' : undefined,
      })), { title: 'Group claims by', placeHolder: 'Group the claims panel by note, entity or status' }))?.grouping;
    if (!chosen || !GROUPINGS[chosen]) return;
    this.provider.grouping = chosen;
    await this.state.update('claimlens.claims.grouping', chosen);
    this.provider.refresh();
    await this.context();
  }

  private async filterByText(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: 'Filter claims by text', prompt: 'Claims whose text or id contains this (any case). Empty: no text filter.',
      value: this.provider.filter.text ?? '',
    });
    if (text === undefined) return;
    await this.setFilter({ ...this.provider.filter, text: text.trim() || undefined });
  }

  private async filterByStatus(): Promise<void> {
    const statuses = this.provider.overview?.statuses ?? [];
    const chosen = new Set(this.provider.filter.status ?? []);
    const picks = await vscode.window.showQuickPick(statuses.map((s) => ({
      label: `$(${s.icon}) ${s.label}`, id: s.id, picked: chosen.has(s.id),
    })), { title: 'Filter claims by status', placeHolder: 'Show claims with these statuses (none picked: every status)', canPickMany: true });
    if (!picks) return;
    await this.setFilter({ ...this.provider.filter, status: picks.length && picks.length < statuses.length ? picks.map((p) => p.id) : undefined });
  }

  private async setFilter(filter: ClaimsFilter): Promise<void> {
    this.provider.filter = filter;
    this.provider.refresh();
    await this.context();
  }

  private async setFollowing(on: boolean): Promise<void> {
    this.following = on;
    await this.state.update('claimlens.claims.follow', on);
    await this.context();
    if (on) this.followCursor();
  }

  private async context(): Promise<void> {
    const f = this.provider.filter;
    await Promise.all([
      vscode.commands.executeCommand('setContext', 'claimlens.claims.filtered', !!(f.text || f.status?.length)),
      vscode.commands.executeCommand('setContext', 'claimlens.claims.following', this.following),
      vscode.commands.executeCommand('setContext', 'claimlens.claims.grouping', this.provider.grouping),
    ]);
  }

  /** The view's description says what is shown: "12 of 84 claims · text "x" · Refuted". */
  private describe(o: ClaimsOverview): void {
    const f = this.provider.filter;
    const parts = [f.text || f.status?.length ? `${o.shown} of ${plural(o.total, 'claim')}` : plural(o.total, 'claim')];
    if (f.text) parts.push(`“${f.text}”`);
    if (f.status?.length) parts.push(f.status.map((s) => this.provider.statusLabel(s)).join(', '));
    parts.push(`by ${GROUPINGS[o.grouping].toLowerCase()}`);
    this.view.description = parts.join(' · ');
    // Alone in its container the view's description is not drawn; a filter must never go unnoticed, so it also shows above the tree.
    this.view.message = f.text || f.status?.length ? `Showing ${parts.slice(0, -1).join(' · ')}` : undefined;
    void vscode.commands.executeCommand('setContext', 'claimlens.claims.empty', o.total === 0);
  }

  // ---- follow cursor -----------------------------------------------------------

  private scheduleFollow(editor: vscode.TextEditor): void {
    if (!this.following || !this.view.visible || editor.document.languageId !== 'markdown') return;
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => this.followCursor(), CURSOR_PAUSE_MS);
  }

  /** Reveals and selects, without taking the focus, the claim the caret is in. */
  private followCursor(): void {
    const editor = vscode.window.activeTextEditor;
    const client = this.client;
    if (!this.following || !this.view.visible || !editor || !client || editor.document.languageId !== 'markdown') return;
    const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
    void (async () => {
      const at = await client.sendRequest(ClaimsTreeLocateRequest, { grouping: this.provider.grouping, textDocument: { uri }, line: editor.selection.active.line });
      if (!at) return;
      for (const key of at.groups) {
        const group = await this.provider.groupWithClaims(key);
        const node = group?.claims?.find((c) => c.claim.uri === at.claim.uri && c.claim.line === at.claim.line);
        if (node) { await this.view.reveal(node, { select: true, focus: false, expand: false }); return; }
      }
    })();
  }

  // ---- the context menu ----------------------------------------------------------

  /** The node a command is for: the one right-clicked, else the selected one. */
  private target(node?: Node): ClaimNode | undefined {
    const n = node ?? this.view.selection[0];
    return n instanceof ClaimNode ? n : undefined;
  }

  private async reveal(node: ClaimNode | undefined, preserveFocus = false): Promise<vscode.TextEditor | undefined> {
    if (!node) return undefined;
    const c = node.claim;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(c.uri));
    const at = new vscode.Position(c.range.start.line, c.range.start.character);
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preserveFocus });
    editor.revealRange(new vscode.Range(c.range.start.line, 0, c.range.end.line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  private async goToSource(node: ClaimNode | undefined): Promise<void> {
    if (!node) return;
    await this.reveal(node);
    const c = node.claim;
    await vscode.commands.executeCommand('claimlens.goToSource', c.uri, new vscode.Position(c.line, c.range.start.character));
  }

  private async copyReference(node: ClaimNode | undefined): Promise<void> {
    const c = node?.claim;
    if (!c) return;
    if (!c.id) {
      void vscode.window.showInformationMessage('Claimlens: this claim has no ^id yet, so nothing can refer to it. Add one (the quick fix on the claim does).');
      return;
    }
    const ref = `[[${c.note}#^${c.id}]]`;
    await vscode.env.clipboard.writeText(ref);
    vscode.window.setStatusBarMessage(`Copied ${ref}`, 3000);
  }

  private async setStatus(node: ClaimNode | undefined): Promise<void> {
    const client = this.client;
    const c = node?.claim;
    if (!client || !c) return;
    const statuses = this.provider.overview?.statuses ?? [];
    const pick = await vscode.window.showQuickPick(statuses.map((s) => ({
      label: `$(${s.icon}) ${s.label}`, id: s.id, description: s.id === c.status ? 'current' : undefined,
    })), { title: `Set the status of ${c.id ? `^${c.id}` : 'the claim'}`, placeHolder: c.text });
    if (!pick || pick.id === c.status) return;
    const result = await client.sendRequest(SetStatusRequest, { textDocument: { uri: c.uri }, line: c.line, status: pick.id });
    if ('error' in result) {
      void vscode.window.showWarningMessage(`Claimlens: ${result.error}`);
      return;
    }
    const uri = vscode.Uri.parse(c.uri);
    const wasDirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.isDirty ?? false;
    if (!(await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(result.edit)))) {
      void vscode.window.showWarningMessage('Claimlens: the note changed meanwhile; set the status again.');
      return;
    }
    // A verdict given from the panel is kept, as a checkbox would be; a note with other unsaved changes is left for the analyst to save.
    if (!wasDirty) await vscode.workspace.save(uri);
  }

  /** Exports what the panel shows: its text and status filters, and the right-clicked group's note, entity or status. */
  private async exportShown(node?: Node): Promise<void> {
    const f = this.provider.filter;
    const filter: NonNullable<ExportParams['filter']> = {};
    if (f.status?.length) filter.status = [...f.status];
    if (f.text?.trim()) filter.text = f.text;
    let what = this.provider.overview ? plural(this.provider.overview.shown, 'shown claim') : 'the shown claims';
    if (node instanceof GroupNode && node.group.key) {
      const key = node.group.key;
      if (node.grouping === 'note') filter.note = [vscode.workspace.asRelativePath(vscode.Uri.parse(key), false)];
      else if (node.grouping === 'entity') filter.entity = [key];
      else filter.status = [key];
      what = `${plural(node.group.count, 'claim')} of ${node.group.label}`;
    }
    await exportClaims(this.client, Object.keys(filter).length ? filter : undefined, what);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Tag a claim…" in the empty panel: a claim template at the caret of the active note, its fields to fill in. */
async function insertClaimTemplate(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    const open = 'Open a Note…';
    if (await vscode.window.showInformationMessage('Claimlens: open a Markdown note to tag a claim in it, or select a passage in a saved article and run “Tag Selection as Claim”.', open) === open) {
      await vscode.commands.executeCommand('workbench.action.quickOpen', '.md');
    }
    return;
  }
  const line = editor.document.lineAt(editor.selection.active.line);
  const at = line.isEmptyOrWhitespace ? line.range.start : line.range.end;
  const lead = line.isEmptyOrWhitespace ? '' : '\n';
  await editor.insertSnippet(new vscode.SnippetString(
    `${lead}- #claim \${1:What the article claims, in your words} ^\${2:claim-id}\n  - quote:: "\${3:the words as the article has them}"\n  - status:: \${4|unverified,supported,plausible,disputed,misleading,refuted|}\n`,
  ), at);
}

/** "Open the samples' guide": samples/README.md in this workspace, else the walkthrough that explains the same. */
async function openSamplesGuide(): Promise<void> {
  const found = await vscode.workspace.findFiles('{samples/README.md,README.md}', '**/node_modules/**', 2);
  const guide = found.sort((a, b) => b.path.length - a.path.length)[0];
  if (guide) await vscode.commands.executeCommand('markdown.showPreview', guide);
  else await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'claimlens.claimlens#firstHour', false);
}
