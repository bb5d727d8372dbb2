// The VS Code side of Claimlens: starts the bundled language server, shows its
// state in the status bar, passes the settings and the workspace trust, and
// adds the few commands that need the editor. All the knowledge is in the server.
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, type ErrorHandler, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind,
} from 'vscode-languageclient/node';
import { type ClaimlensSettings, ClaimsChangedNotification, SERVER_NODE_FLAGS, StatusNotification, type StatusParams } from '../../shared/protocol';
import { ClaimsPanel } from './claimsPanel';
import { QuoteReview } from './quoteReview';
import { registerExportCommand } from './exportCommand';
import { ClaimMap } from './map/mapPanel';
import { RestartPolicy } from './restarts';
import { SourceView } from './sourceView';
import { ClaimsStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activating = Date.now();
  const status = new ClaimsStatusBar();
  context.subscriptions.push(status);

  const output = vscode.window.createOutputChannel('Claimlens', { log: true });
  context.subscriptions.push(output);

  const sourceView = new SourceView();
  const panel = new ClaimsPanel(context.workspaceState);
  const map = new ClaimMap(context, output);
  context.subscriptions.push(sourceView, panel, map);

  const start = async () => {
    client = createClient(context, output);
    status.attach(client);
    context.subscriptions.push(
      client.onNotification(StatusNotification, (p: StatusParams) => status.serverStatus(p)),
      // One handler per message (a second registration would replace the first): the panel, the map and the status bar all follow it.
      client.onNotification(ClaimsChangedNotification, (p) => { panel.claimsChanged(p.uris); map.claimsChanged(); status.changed(); }),
    );
    await client.start();
    context.subscriptions.push(sourceView.attach(client));
    panel.attach(client);
    map.attach(client);
  };
  const restart = async () => {
    const old = client;
    client = undefined;
    await old?.stop();
    await start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('claimlens.restartServer', restart),
    vscode.commands.registerCommand('claimlens.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('claimlens.showReferences', showReferences),
    registerExportCommand(() => client),
    new QuoteReview(() => client),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('claimlens')) void restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    { dispose: () => void client?.stop() },
  );
  // Activation does not wait for the server: the editor stays responsive while it starts, and the status bar shows it starting.
  const activated = Date.now() - activating;
  void start().then(
    // The in-editor tests read this line.
    () => output.info(`Claimlens activated in ${activated} ms; the language server answered ${Date.now() - activating} ms`),
    (e: unknown) => output.error(`Claimlens could not start its language server: ${e instanceof Error ? e.message : String(e)}`),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/{entities,*.entities}.{yaml,yml}' },
      // Sources: the server answers hover there and reads their unsaved text.
      { scheme: 'file', pattern: '**/*.{txt,html,htm}' },
      // The anchors record: its problems shown on it, its unsaved text read.
      { scheme: 'file', pattern: '**/.claimlens/anchors.json' },
    ],
    initializationOptions: settings(),
    outputChannel: output,
    errorHandler: errorHandler(new RestartPolicy(), output),
  };
  return new LanguageClient('claimlens', 'Claimlens', serverOptions, clientOptions);
}

/** A server that stops on its own is started again a bounded number of times, and the analyst is told each time. */
function errorHandler(policy: RestartPolicy, output: vscode.LogOutputChannel): ErrorHandler {
  return {
    // A broken message is not a stopped server: carry on, as the default does for the first few.
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const { restart, message } = policy.closed(Date.now());
      output.warn(message);
      if (restart) {
        void vscode.window.showWarningMessage(message);
      } else {
        void vscode.window.showErrorMessage(message, 'Restart Server').then((choice) => {
          if (choice) void vscode.commands.executeCommand('claimlens.restartServer');
        });
      }
      return { action: restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

function settings(): ClaimlensSettings {
  const c = vscode.workspace.getConfiguration('claimlens');
  return {
    notes: { include: c.get<string[]>('notes.include', ['**/*.md']), exclude: c.get<string[]>('notes.exclude', []) },
    sources: { allowOutsideWorkspace: c.get<boolean>('sources.allowOutsideWorkspace', false) },
    maxFileSize: c.get<number>('maxFileSizeMB', 10) * 1024 * 1024,
    trusted: vscode.workspace.isTrusted,
  };
}

/** The code lens's "n references": show them where the claim is. */
async function showReferences(uri: string, position: { line: number; character: number }): Promise<void> {
  const target = vscode.Uri.parse(uri);
  const pos = new vscode.Position(position.line, position.character);
  const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, pos);
  await vscode.commands.executeCommand('editor.action.showReferences', target, pos, locations ?? []);
}
