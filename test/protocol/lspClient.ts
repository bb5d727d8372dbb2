// A real LSP client for protocol tests: starts the built server
// (dist/server.js) as a separate process over stdio and talks JSON-RPC to it
// with vscode-languageserver-protocol. Waits on the server's own signals
// (its status notification, published diagnostics), never on sleeps.
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type ClientCapabilities, createProtocolConnection, ResponseError, InitializeRequest, InitializedNotification, type ProtocolConnection,
  PublishDiagnosticsNotification, type PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { SERVER_NODE_FLAGS, StatusNotification, type StatusParams } from '../../shared/protocol';

export const PROJECT = path.resolve(__dirname, '../..');
export const SERVER = path.join(PROJECT, 'dist/server.js');

/** What VS Code declares about the edits it applies: versioned document changes, and files created, renamed, deleted. */
export const VSCODE_CAPABILITIES: ClientCapabilities = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
};

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<() => void> = [];
  private readonly versions = new Map<string, number>();
  readonly statuses: StatusParams[] = [];
  /** What the server logged (window/logMessage), in order. */
  readonly logs: string[] = [];
  private constructor(private readonly proc: ChildProcess, readonly root: string) {
    this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, [...(this.diagnostics.get(p.uri) ?? []), p]);
      this.wake();
    });
    this.connection.onNotification(StatusNotification, (p: StatusParams) => { this.statuses.push(p); this.wake(); });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); this.wake(); });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  /** Starts the server on a folder and waits until it has indexed it; the client declares `capabilities` (VS Code's by default). */
  static async start(root: string, initializationOptions: unknown = {}, capabilities = VSCODE_CAPABILITIES): Promise<TestClient> {
    const client = TestClient.spawn(root);
    await client.initialize(initializationOptions, capabilities);
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.until(() => client.statuses.some((s) => s.state === 'ready'));
    return client;
  }

  /** The server process on `root`, not yet initialized: the built Claimlens server, or another Node language server's script. */
  static spawn(root: string, server = SERVER): TestClient {
    if (!fs.existsSync(server)) throw new Error(`${server} is missing${server === SERVER ? ': run npm run build first' : ''}`);
    // Claimlens is started as the editor starts it, with the product's Node flags.
    const proc = spawn(process.execPath, [...(server === SERVER ? SERVER_NODE_FLAGS : []), server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new TestClient(proc, root);
  }

  /** The server's process id, to read its memory from /proc. */
  get pid(): number {
    return this.proc.pid!;
  }

  initialize(initializationOptions: unknown = {}, capabilities = VSCODE_CAPABILITIES) {
    return this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, capabilities,
      workspaceFolders: [{ uri: this.uri(''), name: 'samples' }], initializationOptions,
    });
  }

  uri(rel: string): string {
    return URI.file(path.join(this.root, rel)).toString().replace(/\/$/, '');
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `check` holds, re-checked on every message from the server. */
  async until(check: () => boolean, what = 'condition', ms = 15000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async open(rel: string, text?: string): Promise<string> {
    const uri = this.uri(rel);
    const content = text ?? fs.readFileSync(path.join(this.root, rel), 'utf8');
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: content },
    });
    return uri;
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version }, contentChanges: [{ text }],
    });
    return version;
  }

  /** The diagnostics published for a document version (waits for them). */
  async diagnosticsFor(uri: string, version = this.versions.get(uri)): Promise<PublishDiagnosticsParams['diagnostics']> {
    const find = () => this.diagnostics.get(uri)?.find((p) => p.version === version);
    await this.until(() => !!find(), `diagnostics of ${uri} v${version}`);
    return find()!.diagnostics;
  }

  /** Waits until a document's published diagnostics satisfy `check` (the latest publish counts). */
  async diagnosticsUntil(uri: string, check: (ds: PublishDiagnosticsParams['diagnostics']) => boolean, what: string): Promise<PublishDiagnosticsParams['diagnostics']> {
    const latest = () => this.diagnostics.get(uri)?.at(-1)?.diagnostics;
    await this.until(() => { const ds = latest(); return !!ds && check(ds); }, what);
    return latest()!;
  }

  async stop(): Promise<void> {
    // Listened for before the exit is asked, so an exit that comes first is not missed.
    const exited = this.proc.exitCode !== null || this.proc.signalCode !== null
      ? Promise.resolve() : new Promise((r) => this.proc.once('exit', r));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
    // The pipes to a process that is gone are closed, so nothing keeps the test's own process alive.
    this.proc.stdin?.destroy();
    this.proc.stdout?.destroy();
  }
}

/** A fresh copy of the samples in a temporary folder, so tests may add files. */
export function copySamples(extra: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-'));
  fs.cpSync(path.join(PROJECT, 'samples'), dir, { recursive: true });
  for (const [rel, content] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** The 0-based position of the first occurrence of `needle` (plus `offset` characters) in a file's text. */
export function positionOf(text: string, needle: string, offset = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, at + offset);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

/**
 * A server on a fresh copy of the samples for the tests of one file: started
 * before them, stopped and its folder removed after them.
 */
export function samplesServer(extra: Record<string, string | Buffer> = {}): { readonly client: TestClient; readonly root: string } {
  const session = {} as { client: TestClient; root: string };
  before(async () => {
    session.root = copySamples(extra);
    session.client = await TestClient.start(session.root);
  });
  after(async () => {
    await session.client.stop();
    fs.rmSync(session.root, { recursive: true, force: true });
  });
  return session;
}

/** The error a request is answered with; fails when it is answered instead. */
export async function responseError(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await request;
  } catch (e) {
    if (e instanceof ResponseError) return e;
    throw e;
  }
  throw new Error('the request succeeded');
}
