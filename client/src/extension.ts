// The VS Code side of Claimlens: starts the bundled language server, shows its
// state in the status bar, passes the settings and the workspace trust, and
// adds the few commands that need the editor. All the knowledge is in the server.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { type ClaimlensSettings, StatusNotification, type StatusParams } from '../../shared/protocol';
import { registerExportCommand } from './exportCommand';
import { SourceView } from './sourceView';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = vscode.window.createStatusBarItem('claimlens.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Claimlens';
  status.text = '$(sync~spin) Claimlens';
  status.tooltip = 'Claimlens: starting';
  status.command = 'claimlens.showOutput';
  status.show();
  context.subscriptions.push(status);

  const output = vscode.window.createOutputChannel('Claimlens', { log: true });
  context.subscriptions.push(output);

  const sourceView = new SourceView();
  context.subscriptions.push(sourceView);

  const start = async () => {
    client = createClient(context, output);
    context.subscriptions.push(client.onNotification(StatusNotification, (p: StatusParams) => showStatus(status, p)));
    await client.start();
    context.subscriptions.push(sourceView.attach(client));
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('claimlens')) void restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    { dispose: () => void client?.stop() },
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/{entities,*.entities}.{yaml,yml}' },
      // Sources: the server answers hover there and reads their unsaved text.
      { scheme: 'file', pattern: '**/*.{txt,html,htm}' },
    ],
    initializationOptions: settings(),
    outputChannel: output,
  };
  return new LanguageClient('claimlens', 'Claimlens', serverOptions, clientOptions);
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

function showStatus(item: vscode.StatusBarItem, p: StatusParams): void {
  if (p.state === 'indexing') {
    item.text = '$(sync~spin) Claimlens';
    item.tooltip = 'Claimlens: reading the notes…';
    return;
  }
  item.text = `$(checklist) ${p.claims} claims`;
  const skipped = p.skipped ? `, ${p.skipped} files skipped (see the output)` : '';
  item.tooltip = `Claimlens: ${p.notes} notes, ${p.claims} claims, ${p.entities} entities${skipped}` +
    (p.ms !== undefined ? ` — indexed in ${p.ms} ms` : '');
}

/** The code lens's "n references": show them where the claim is. */
async function showReferences(uri: string, position: { line: number; character: number }): Promise<void> {
  const target = vscode.Uri.parse(uri);
  const pos = new vscode.Position(position.line, position.character);
  const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, pos);
  await vscode.commands.executeCommand('editor.action.showReferences', target, pos, locations ?? []);
}
