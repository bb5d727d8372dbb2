// The worker thread an editor's export runs in (started by exportJob.ts): a
// service of its own over the same folders, options and open documents as
// the server's, whose cold index and anchoring cost this thread, not the one
// answering hover. It skips what only the editor's diagnostics need (the
// near-duplicate index), which would compete with the export for the thread. It writes the file as a stream to the temporary name it was
// given and renames it; a cancel message stops it between two steps, and the
// temporary file is removed.
import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError, throwIfCancelled } from '../core/base/cancellation';
import { ExportError } from '../core/export/formats';
import { createClaimlens } from '../core/service';
import { TargetExistsError, TargetNotAFileError, writeAtomically } from '../node/atomicWrite';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';
import { type ExportJob, type FailureKind, type WorkerMessage } from './exportJob';

const job = workerData as ExportJob;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
let stop = false;
const token = { get isCancellationRequested() { return stop; } };
port.on('message', (m: { cancel?: boolean }) => { if (m?.cancel) stop = true; });

async function run(): Promise<void> {
  const service = createClaimlens({
    workspace: new FsWorkspace(job.folders), codec: nodeCodec, logger: { log: (message) => post({ log: message }) },
  }, { ...job.options, eagerViews: false });
  for (const d of job.documents) service.setDocument(d.uri, d.version, d.text);
  await service.start();
  throwIfCancelled(token, 'the export');
  let reported = -1;
  const { result, bytes } = await writeAtomically(job.target, job.overwrite, (file) => service.exportClaims({
    ...job.request,
    sink: file,
    // One message per percent, not one per note: a large workspace has thousands.
    progress: (done, total) => {
      const pct = Math.floor((done / Math.max(total, 1)) * 100);
      if (pct !== reported) { reported = pct; post({ progress: [done, total] }); }
    },
    writing: () => post({ writing: true }),
  }, token), job.temporary);
  const { data: _data, ...counts } = result;
  post({ done: { ...counts, bytes } });
}

function kindOf(e: unknown): FailureKind {
  if (e instanceof TargetExistsError) return 'exists';
  if (e instanceof TargetNotAFileError) return 'not-a-file';
  if (e instanceof ExportError) return 'export';
  if (e instanceof CancelledError) return 'cancelled';
  return 'error';
}

run().catch((e: unknown) => {
  post({ failed: { kind: kindOf(e), message: e instanceof Error ? e.message : String(e), target: job.target } });
});
