// "Claimlens: Show Claim Map": a webview panel beside the editor that draws
// the claims, entities and relations around the claim under the cursor (or
// the whole workspace when it is small). The server computes the graph
// (claimlens/claimMap); the webview draws it and asks again, with the same
// view, when the notes change. This side only opens the panel, checks every
// message from it (mapMessages.ts), forwards queries, reveals what is
// clicked, remembers the view per workspace and writes the exported files.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type LanguageClient, ResponseError } from 'vscode-languageclient/node';
import { type ClaimMapParams, ClaimMapRequest, type ClaimMapResult, type MapFocus } from '../../../shared/protocol';
import { exportClaims } from '../exportCommand';
import { firstPicture, type PageSize } from './firstPicture';
import { mapHtml, makeNonce } from './mapHtml';
import {
  DEFAULT_VIEW_STATE, firstParams, type FromWebview, type ImageFormat, isViewState, type MapViewState, parseFromWebview, PNG_PREFIX, type ToWebview,
} from './mapMessages';

export const MAP_VIEW_TYPE = 'claimlens.map';
const STATE_KEY = 'claimlens.map.view';
/** Edits arrive as the analyst types: the map asks again once they pause. */
const REFRESH_DELAY_MS = 400;
/**
 * How long a new page waits for the server's answer to carry its first
 * picture; after that it loads without one (and shows that the map is being
 * drawn). The page could not draw before the answer anyway, so waiting costs
 * only what the page's own loading would have overlapped. Long enough for the
 * first map at 10,000 notes, whose request builds the graph's index (~0.3 s).
 */
const PICTURE_WAIT_MS = 500;

/** What a claims-panel row passes to "Show on Map". */
interface ClaimRow { claim?: { uri: string; line: number } }

export class ClaimMap implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private client: LanguageClient | undefined;
  /** Where each node on the map leads, from the last graph sent: "reveal" only goes to these. */
  private targets = new Map<string, { uri: string; line: number }>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  /** Milestones of the last "show", for the line the output gets at its first paint. */
  private timing: { startedAt: number; pageMade?: { at: number; picture?: number }; pageReady?: number; answered?: number } | undefined;
  private pendingShow: ToWebview | undefined;
  /** The last page's size, in pixels: the next page's first picture is cut to it. */
  private pageSize: PageSize | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.commands.registerCommand('claimlens.showMap', (row?: ClaimRow) => this.show(row)),
      vscode.commands.registerCommand('claimlens.claims.showOnMap', (row?: ClaimRow) => this.show(row)),
    );
  }

  attach(client: LanguageClient): void {
    this.client = client;
    if (this.panel) this.post({ type: 'refresh' });
  }

  /** The server says notes changed: an open map asks again once the edits pause, keeping its zoom and position. */
  claimsChanged(): void {
    if (!this.panel) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.post({ type: 'refresh' }), REFRESH_DELAY_MS);
  }

  private viewState(): MapViewState {
    const saved = this.context.workspaceState.get<unknown>(STATE_KEY);
    return isViewState(saved) ? saved : DEFAULT_VIEW_STATE;
  }

  /** Opens the map (or brings it forward) on a claims-panel row, or on what is under the cursor. */
  show(row?: ClaimRow): void {
    const startedAt = Date.now();
    this.timing = { startedAt };
    const focus = focusOf(row);
    const state = this.viewState();
    // The server is asked at once, while the page loads: the page gets the graph with its first message.
    const answer = this.send(firstParams(state, focus)).then(
      (result) => { this.remember(result); return result; },
      () => undefined, // the page asks again itself, and shows why it failed
    );
    void answer.then(() => { if (this.timing?.startedAt === startedAt) this.timing.answered = Date.now(); });
    const message = answer.then((result): ToWebview => ({ type: 'show', state, startedAt, ...(focus ? { focus } : {}), ...(result ? { result } : {}) }));
    if (this.panel) {
      this.panel.reveal(undefined, false);
      void message.then((m) => this.post(m));
      return;
    }
    const bundle = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(MAP_VIEW_TYPE, 'Claim Map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      // Only the map's own bundle: no other file of the extension or the workspace.
      localResourceRoots: [bundle],
      // The analyst's zoom, position and expanded nodes survive switching tabs.
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'claims.svg');
    const webview = panel.webview;
    const page = (picture?: string) => mapHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      bootUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'boot.js')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'map.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'map-style.css')).toString(),
      elkUri: webview.asWebviewUri(vscode.Uri.joinPath(bundle, 'elk.js')).toString(),
      ...(picture ? { picture } : {}),
    });
    // The editor takes a few hundred milliseconds to make the page's frame, and the server usually answers
    // within a few tens: the page waits for the answer (a short while at most) so it shows the map's first
    // picture as soon as it is shown, while its script loads.
    void Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PICTURE_WAIT_MS))]).then((result) => {
      if (this.panel !== panel) return;
      let picture: string | undefined;
      try {
        picture = result ? firstPicture(result, state, this.pageSize) : undefined;
      } catch (e) {
        this.output.warn(`Claim map: its first picture could not be drawn (${e instanceof Error ? e.message : String(e)})`);
      }
      webview.html = page(picture);
      if (this.timing?.startedAt === startedAt) this.timing.pageMade = { at: Date.now(), ...(picture ? { picture: picture.length } : {}) };
    });
    this.panel = panel;
    this.ready = false;
    this.pendingShow = undefined;
    void message.then((m) => this.post(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.targets.clear();
      clearTimeout(this.refreshTimer);
    }, undefined, this.disposables);
    webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseFromWebview(raw);
      if (!message) {
        this.output.warn(`Claim map: a message of an unexpected shape was ignored (${describe(raw)})`);
        return;
      }
      void this.receive(message);
    }, undefined, this.disposables);
  }

  /**
   * Sends to the page, once it has said it is ready: it listens only from
   * then (its script comes after its first picture is on screen). Sent
   * before, VS Code would hold the message and hand it to a page that drops
   * it, the whole graph copied on its way through the editor to the page
   * while the editor is still making the page. A "show" waits for the page
   * (the latest one); anything else is dropped, as the "show" brings the
   * page up to date.
   */
  private post(message: ToWebview): void {
    if (!this.panel) return;
    if (!this.ready) {
      if (message.type === 'show') this.pendingShow = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.timing) this.timing.pageReady = Date.now();
        if (message.page) this.pageSize = message.page;
        this.ready = true;
        if (this.pendingShow) this.post(this.pendingShow);
        this.pendingShow = undefined;
        return;
      case 'query':
        return this.query(message.seq, message.params);
      case 'reveal':
        return this.reveal(message.node);
      case 'state':
        await this.context.workspaceState.update(STATE_KEY, message.state);
        return;
      case 'painted':
        // The in-editor tests read this line.
        this.output.info(`Claim map: ${message.nodes} nodes and ${message.edges} links drawn ${Math.round(message.ms)} ms after the command${this.milestones(message.picture)}`);
        this.timing = undefined;
        return;
      case 'saveImage':
        return this.saveImage(message.format, message.data);
      case 'exportGraph':
        await exportClaims(this.client, message.filter, 'the claim map', message.format);
        return;
    }
  }

  /** Where the time to a first paint went: loading the page, asking the server. */
  private milestones(picture: number | undefined): string {
    const t = this.timing;
    if (!t) return '';
    const parts = [];
    if (picture !== undefined) parts.push(`its first picture was on screen at ${Math.round(picture)} ms`);
    if (t.pageMade) parts.push(`the page was made at ${t.pageMade.at - t.startedAt} ms, ${t.pageMade.picture ? `with a first picture (${t.pageMade.picture} characters)` : 'without a first picture'}`);
    if (t.pageReady) parts.push(`the page was ready at ${t.pageReady - t.startedAt} ms`);
    if (t.answered) parts.push(`the server's answer was in at ${t.answered - t.startedAt} ms`);
    return parts.length ? ` (${parts.join('; ')})` : '';
  }

  /** The nodes of the graph the page shows: where "reveal" may go. */
  private remember(result: ClaimMapResult): void {
    this.targets = new Map(result.nodes.filter((n) => n.uri !== undefined).map((n) => [n.id, { uri: n.uri!, line: n.line ?? 0 }]));
  }

  private async query(seq: number, params: ClaimMapParams): Promise<void> {
    try {
      const result = await this.send(params);
      this.remember(result);
      this.post({ type: 'graph', seq, result });
    } catch (e) {
      const message = e instanceof ResponseError || e instanceof Error ? e.message : String(e);
      this.post({ type: 'error', seq, message });
    }
  }

  private async send(params: ClaimMapParams): Promise<ClaimMapResult> {
    if (!this.client?.isRunning()) throw new Error('The language server is not running; the map needs it.');
    return this.client.sendRequest(ClaimMapRequest, params);
  }

  private async reveal(node: string): Promise<void> {
    const target = this.targets.get(node);
    if (!target) {
      this.output.warn(`Claim map: "reveal" named a node that is not on the map (${node.slice(0, 80)})`);
      return;
    }
    const uri = vscode.Uri.parse(target.uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const line = Math.min(target.line, document.lineCount - 1);
    const range = document.lineAt(line).range;
    // Into the editor column the map is not in, keeping the map in view.
    const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
  }

  private async saveImage(format: ImageFormat, data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Save the claim map as ${format.toUpperCase()}`, saveLabel: 'Save',
      defaultUri: folder ? vscode.Uri.joinPath(folder, `claim-map.${format}`) : undefined,
      filters: { [format === 'png' ? 'PNG image' : 'SVG image']: [format] },
    });
    if (!target) return;
    // Written beside the target and renamed over it: a failed write leaves no half-written image.
    const temporary = target.with({ path: `${target.path}.claimlens-${process.pid}.tmp` });
    try {
      await vscode.workspace.fs.writeFile(temporary, imageBytes(format, data));
      await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
    } catch (e) {
      await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
      void vscode.window.showErrorMessage(`Claimlens: the map could not be saved. ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    void vscode.window.showInformationMessage(`Saved the claim map to ${target.path.slice(target.path.lastIndexOf('/') + 1)}.`);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The map's focus: the claims-panel row it was asked from, or the cursor in the active note or registry. */
function focusOf(row?: ClaimRow): MapFocus | undefined {
  if (row?.claim) return { uri: row.claim.uri, position: { line: row.claim.line, character: 0 } };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return undefined;
  const p = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
}

/** A PNG data URL's bytes, or SVG text's, for writing. */
function imageBytes(format: ImageFormat, data: string): Uint8Array {
  return format === 'png' ? Uint8Array.from(Buffer.from(data.slice(PNG_PREFIX.length), 'base64')) : new TextEncoder().encode(data);
}

function describe(raw: unknown): string {
  if (raw && typeof raw === 'object' && 'type' in raw) return `type ${JSON.stringify(String((raw as { type: unknown }).type)).slice(0, 40)}`;
  return typeof raw;
}
