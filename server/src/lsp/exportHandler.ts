// The export request (claimlens/export): the client names a format and a
// file; a worker thread builds the export from the same workspace and writes
// the file as a stream, atomically (exportJob.ts), while this thread goes on
// answering the editor and reports the worker's progress. Refused in an
// untrusted workspace — the server checks on its own, whatever the client
// did — and when the file exists and the client did not confirm replacing it.
import { type CancellationToken, type Connection, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { type ClaimlensSettings, ExportErrors, type ExportParams, ExportRequest, type ExportResult } from '../../../shared/protocol';
import { CancelledError } from '../core/base/cancellation';
import { ExportError, isExportFormat } from '../core/export/formats';
import { type ClaimlensService } from '../core/service';
import { dirname, uriToPath } from '../core/workspace/workspace';
import { TargetExistsError, TargetNotAFileError, temporaryName } from '../node/atomicWrite';
import { runExportJob } from './exportJob';
import { readExportFilter } from './requestParams';

export function registerExport(connection: Connection, service: ClaimlensService, settings: ClaimlensSettings): void {
  connection.onRequest(ExportRequest, (params, token) => runExport(connection, service, settings, params, token));
}

async function runExport(connection: Connection, service: ClaimlensService, settings: ClaimlensSettings, params: ExportParams,
  token: CancellationToken): Promise<ExportResult> {
  if (!settings.trusted) {
    throw new ResponseError(ExportErrors.Untrusted,
      'Claimlens does not export in Restricted Mode: exporting writes files and reads sources. Trust this workspace to export.');
  }
  if (!params || !isExportFormat(params.format) || typeof params.target !== 'string' || !params.target.startsWith('file:')) {
    throw new ResponseError(ExportErrors.BadRequest, 'An export needs a format and a file: URI to write to.');
  }
  const filter = readExportFilter(params.filter);
  if ('error' in filter) throw new ResponseError(ExportErrors.BadRequest, filter.error);
  const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
  progress.begin('Exporting claims', 0, 'reading the notes', true);
  let reported = 0;
  try {
    const target = uriToPath(params.target);
    const conflict = await service.exportTargetConflict(params.target);
    if (conflict) {
      throw new ResponseError(ExportErrors.TargetRefused,
        `${target} is ${conflict}: an export never writes over a file the workspace reads. Choose another file.`);
    }
    const result = await runExportJob({
      folders: [...service.folders],
      options: service.options,
      // The editor's text as it is now: the export anchors what hover anchors at the moment it was asked for.
      documents: service.openDocuments(),
      request: { format: params.format, filter: filter.value, base: dirname(params.target), csvKeepFormulas: params.csvKeepFormulas === true },
      target, temporary: temporaryName(target), overwrite: params.overwrite === true,
    }, {
      progress: (done, total) => {
        // One report per percent, not one per note: a large workspace has thousands.
        const pct = Math.floor((done / Math.max(total, 1)) * 90);
        if (pct !== reported) progress.report(reported = pct, `${done} of ${total} notes`);
      },
      writing: () => progress.report(95, 'writing the file'),
      log: (m) => connection.console.log(m),
    }, token);
    return {
      target: params.target, claims: result.claims, quotes: result.quotes, anchored: result.anchored, bytes: result.bytes, warnings: result.warnings,
      ...(result.entities !== undefined ? { entities: result.entities } : {}), ...(result.relations !== undefined ? { relations: result.relations } : {}),
    };
  } catch (e) {
    if (e instanceof TargetExistsError) throw new ResponseError(ExportErrors.TargetExists, e.message);
    if (e instanceof TargetNotAFileError) throw new ResponseError(ExportErrors.TargetRefused, e.message);
    if (e instanceof ExportError) throw new ResponseError(ExportErrors.BadRequest, e.message);
    if (e instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The export was cancelled.');
    throw e;
  } finally {
    progress.done();
  }
}
