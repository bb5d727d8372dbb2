// "Claimlens: Export Claims…": the client asks for a format and a file and
// confirms replacing an existing one; the server builds the export and writes
// the file (claimlens/export). Progress shows while it runs and can cancel it;
// the result offers to open the file. In Restricted Mode nothing is exported,
// and the message says why and how to change it.
import * as vscode from 'vscode';
import { type LanguageClient, LSPErrorCodes, ResponseError, WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { EXPORT_FORMATS, type ExportFormat } from '../../server/src/core/export/formatList';
import { type ExportParams, ExportRequest, type ExportResult } from '../../shared/protocol';

// The picker's entries: the one list of formats the core keeps.
const FORMATS = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => {
  const f = EXPORT_FORMATS[format];
  return { format, label: f.label, detail: f.detail, ext: f.extension, filter: f.filterName };
});

export const RESTRICTED_MESSAGE = 'Claimlens does not export in Restricted Mode: exporting writes files and reads the sources. Trust this workspace to export.';

export function registerExportCommand(getClient: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand('claimlens.exportClaims', () => exportClaims(getClient()));
}

/**
 * Exports the claims, only those `filter` takes when given (the claims panel's
 * "Export these claims…", the map's filter), in `format` when the caller
 * already knows it (the map's GraphML and Mermaid buttons), else as picked.
 */
export async function exportClaims(client: LanguageClient | undefined, filter?: ExportParams['filter'], what = 'claims', format?: string): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    const manage = 'Manage Workspace Trust';
    if (await vscode.window.showWarningMessage(RESTRICTED_MESSAGE, manage) === manage) {
      await vscode.commands.executeCommand('workbench.trust.manage');
    }
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Claimlens: the language server is not running; export needs it.');
    return;
  }
  const known = FORMATS.find((f) => f.format === format);
  const pick = known ?? await vscode.window.showQuickPick(FORMATS.map((f) => ({ ...f, description: `.${f.ext}` })), {
    title: `Export ${what}`, placeHolder: 'Export format',
  });
  if (!pick) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export claims as ${pick.label}`, saveLabel: 'Export',
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${known ? 'claim-map' : 'claims'}.${pick.ext}`) : undefined,
    filters: { [pick.filter]: [pick.ext] },
  });
  if (!target) return;
  let overwrite = false;
  if (await exists(target)) {
    const replace = 'Replace';
    const answer = await vscode.window.showWarningMessage(`${basename(target)} already exists. Replace it?`,
      { modal: true, detail: 'The export writes a new file in its place.' }, replace);
    if (answer !== replace) return;
    overwrite = true;
  }
  const csvKeepFormulas = vscode.workspace.getConfiguration('claimlens').get<boolean>('export.csvKeepFormulas', false);
  await run(client, { format: pick.format, target: target.toString(), overwrite, csvKeepFormulas, ...(filter ? { filter } : {}) }, target);
}

async function run(client: LanguageClient, params: ExportParams, target: vscode.Uri): Promise<void> {
  let result: ExportResult;
  try {
    result = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: 'Claimlens: exporting claims', cancellable: true,
    }, async (progress, token) => {
      const workDoneToken = `claimlens-export-${Date.now()}`;
      let last = 0;
      // The server reports a percentage; withProgress wants increments.
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
        if (p.kind !== 'report') return;
        const r = p as WorkDoneProgressReport;
        const pct = r.percentage ?? last;
        progress.report({ message: r.message, increment: Math.max(0, pct - last) });
        last = pct;
      });
      try {
        return await client.sendRequest(ExportRequest, { ...params, workDoneToken }, token);
      } finally {
        listener.dispose();
      }
    });
  } catch (e) {
    if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) return;
    const message = e instanceof ResponseError ? e.message : e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Claimlens: the export failed. ${message}`);
    return;
  }
  const open = 'Open';
  const warn = result.warnings.length ? ` Not read: ${result.warnings.join('; ')}.` : '';
  const choice = await vscode.window.showInformationMessage(
    result.relations !== undefined
      // The claim map's formats: what the graph holds, not quotes.
      ? `Exported the claim map (${result.claims} claims, ${result.entities ?? 0} entities, ${result.relations} links) to ${basename(target)}.${warn}`
      : `Exported ${result.claims} claims (${result.anchored} of ${result.quotes} quotes anchored) to ${basename(target)}.${warn}`, open);
  if (choice !== open) return;
  if (params.format === 'qdpx') await vscode.env.openExternal(target);
  else await vscode.window.showTextDocument(target);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
