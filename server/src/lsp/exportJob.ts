// An export asked for by the editor runs in a worker thread (exportWorker.ts),
// so the server's own thread stays free for hover, completion and the rest
// while the model is built and the file written. The worker builds a service
// of its own over the same folders and options, given the editor's open
// documents as they are when the export is asked for, so it anchors what hover
// anchors; it streams the file to a temporary name and renames it (node/
// atomicWrite.ts). Cancelling asks the worker to stop, which removes its
// temporary file; a worker that does not answer is ended and the file
// removed here. Nothing here speaks LSP: the handler turns the outcome into
// the request's answer.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, type CancellationToken } from '../core/base/cancellation';
import { ExportError, type ExportFormat, type ExportOutput } from '../core/export/formats';
import { type ClaimFilter } from '../core/export/filter';
import { type ClaimlensOptions } from '../core/service';
import { TargetExistsError, TargetNotAFileError } from '../node/atomicWrite';

/** Everything the worker needs, cloned into it: no function, no shared state. */
export interface ExportJob {
  folders: string[];
  options: ClaimlensOptions;
  documents: Array<{ uri: string; version: number; text: string }>;
  request: { format: ExportFormat; filter?: ClaimFilter; base?: string; csvKeepFormulas?: boolean };
  /** The file's path, and the temporary file's beside it (chosen here, so it can be removed here). */
  target: string;
  temporary: string;
  overwrite: boolean;
}

export type ExportJobResult = Omit<ExportOutput, 'data'> & { bytes: number };

export type FailureKind = 'exists' | 'not-a-file' | 'export' | 'cancelled' | 'error';

/** What the worker tells the thread that started it. */
export type WorkerMessage =
  | { progress: [done: number, total: number] }
  | { writing: true }
  | { log: string }
  | { done: ExportJobResult }
  | { failed: { kind: FailureKind; message: string; target: string } };

export interface ExportJobEvents {
  progress(done: number, total: number): void;
  writing(): void;
  log(message: string): void;
}

/** How long a cancelled worker may take to clean up before it is ended. */
const CANCEL_GRACE_MS = 3000;

/** Runs the export in a worker; resolves with its counts, or rejects as the export in this thread would have. */
export function runExportJob(job: ExportJob, events: ExportJobEvents, token: CancellationToken & {
  onCancellationRequested?: (listener: () => void) => { dispose(): void };
}): Promise<ExportJobResult> {
  const { file, execArgv } = workerScript();
  const worker = new Worker(file, { workerData: job, ...(execArgv ? { execArgv } : {}) });
  return new Promise<ExportJobResult>((resolve, reject) => {
    let settled = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      if (grace) clearTimeout(grace);
      cancelled?.dispose();
      outcome();
      void worker.terminate();
    };
    const cancel = () => {
      worker.postMessage({ cancel: true });
      grace ??= setTimeout(() => finish(() => {
        // The worker did not clean up in time: end it, and remove what it may have left.
        void worker.terminate().then(() => fs.promises.rm(job.temporary, { force: true }));
        reject(new CancelledError('the export'));
      }), CANCEL_GRACE_MS);
    };
    const cancelled = token.onCancellationRequested?.(cancel);
    if (token.isCancellationRequested) cancel();
    worker.on('message', (m: WorkerMessage) => {
      if ('progress' in m) events.progress(...m.progress);
      else if ('writing' in m) events.writing();
      else if ('log' in m) events.log(m.log);
      else if ('done' in m) finish(() => resolve(m.done));
      else if ('failed' in m) finish(() => reject(failure(m.failed)));
    });
    worker.on('error', (e) => finish(() => {
      void fs.promises.rm(job.temporary, { force: true });
      reject(e);
    }));
    worker.on('exit', (code) => finish(() => {
      void fs.promises.rm(job.temporary, { force: true });
      reject(new Error(`the export stopped before it was done (its worker exited with code ${code})`));
    }));
  });
}

/** The error the export would have thrown in this thread. */
function failure(f: { kind: FailureKind; message: string; target: string }): Error {
  switch (f.kind) {
    case 'exists': return new TargetExistsError(f.target);
    case 'not-a-file': return Object.assign(new TargetNotAFileError(f.target, 'not a regular file'), { message: f.message });
    case 'export': return new ExportError(f.message);
    case 'cancelled': return new CancelledError('the export');
    default: return new Error(f.message);
  }
}

// Bundled, the worker is dist/exportWorker.js beside dist/server.js; run from
// the sources (tests through tsx), it is the TypeScript file, loaded by tsx.
function workerScript(): { file: string; execArgv?: string[] } {
  const built = path.join(__dirname, 'exportWorker.js');
  if (fs.existsSync(built)) return { file: built };
  return { file: path.join(__dirname, 'exportWorker.ts'), execArgv: ['--import', 'tsx'] };
}
