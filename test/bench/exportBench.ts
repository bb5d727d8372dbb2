// Export benchmark (SPEC §10: export of 100,000 claims to any format ≤ 4 s on a quiet machine).
// A generated in-memory workspace: 2,000 notes × 50 claims, each note with
// its own saved source that every quote of the note is taken from (most
// verbatim, some re-typed in another case so the normalized step runs), 200
// entities named by `by::` and in the text. Times the model (reading and
// anchoring every quote) once, then each format written from it as the
// command line and the editor write it: streamed to a temporary file that is
// renamed into place. A format's figure is model + writing, what one export
// costs.
//
// Memory, measured after the times (forcing a collection changes when V8
// collects next) by writing each format again: the model's size is the heap
// it holds (after a full collection, with it and once it is dropped; the same
// for the claim map's graph); the peak during writing is the most heap in use
// at any chunk handed to the file, over what was in use when writing began,
// garbage not yet collected included, and the growth of the process's peak
// resident memory (VmHWM, reset before each).
//
//   node --import tsx test/bench/exportBench.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nodeCodec } from '../../server/src/node/codec';
import { performance } from 'node:perf_hooks';
import { type ExportModel, FORMATS, type ExportFormat, GRAPH_FORMATS, type GraphFormat, isGraphFormat, type ModelFormat } from '../../server/src/core/export/formats';
import { ClaimGraph } from '../../server/src/core/features/claimGraph';
import { filteredGraph } from '../../server/src/core/features/claimMap';
import { graphExport } from '../../server/src/core/export/mapExport';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { buildExportModel } from '../../server/src/core/export/exportModel';
import { type ExportSink, ExportWriter, pump } from '../../server/src/core/export/sink';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { writeAtomically } from '../../server/src/node/atomicWrite';

/** SPEC §10: an export of 100,000 claims to any format, on a quiet machine. */
export const EXPORT_BUDGET_MS = 4000;

export interface ExportBenchRow {
  format: ExportFormat | 'model';
  ms: number;
  /** Model plus writing: what one export of this format costs. */
  totalMs: number;
  bytes: number;
  /** The model's (or the claim map's graph's) heap, in bytes. */
  modelBytes?: number;
  /** The most heap in use during writing over what was in use when it began, in bytes. */
  peakHeapBytes?: number;
  /** How much the process's peak resident memory grew while writing, in bytes. */
  peakRssBytes?: number;
}

export interface ExportBenchOptions {
  notes?: number;
  claimsPerNote?: number;
  log?: (line: string) => void;
}

const ROOT = 'file:///bench';
const STATUSES = ['unverified', 'supported', 'plausible', 'disputed', 'misleading', 'refuted'];
const WORDS = ['market', 'model', 'users', 'growth', 'revenue', 'policy', 'launch', 'research', 'cost', 'platform',
  'partner', 'release', 'forecast', 'quarter', 'network', 'pricing', 'strategy', 'customer', 'product', 'signal'];

/** A sentence that is unique in the workspace: its note and claim numbers are spelled in it. */
function sentence(n: number, c: number): string {
  const w = (k: number) => WORDS[(n * 7 + c * 3 + k) % WORDS.length];
  return `In note ${n} the ${w(0)} ${w(1)} item ${c} said the ${w(2)} ${w(3)} would change by ${c % 9 + 1} percent, "clearly" — by ${w(4)}.`;
}

/** The generated workspace: notes, sources and one entity registry. */
export function generateExportWorkspace(notes = 2000, claimsPerNote = 50): InMemoryWorkspace {
  const ws = new InMemoryWorkspace([ROOT]);
  const entities: string[] = [];
  for (let e = 0; e < 200; e++) entities.push(`- id: e${e}\n  name: Entity ${e}\n  type: ${e % 2 ? 'person' : 'organization'}\n`);
  ws.set(`${ROOT}/entities.yaml`, entities.join(''));
  for (let n = 0; n < notes; n++) {
    const source: string[] = [];
    const body: string[] = ['---', 'source:', `  title: Article ${n}`, `  url: https://example.org/articles/${n}`,
      `  path: ../sources/a${n}.txt`, '  published: 2025-03-28', '---', `# Note ${n}`, ''];
    for (let c = 0; c < claimsPerNote; c++) {
      const s = sentence(n, c);
      source.push(s, c % 5 === 4 ? '' : ' ');
      // Every tenth quote is re-typed in upper case: anchored by the normalized step.
      const quote = c % 10 === 9 ? s.toUpperCase() : s;
      body.push(`- #claim Claim ${c} of note ${n} about [[Entity ${(n + c) % 200}]]. ^c${c}`,
        `  - by:: [[Entity ${(n * 3 + c) % 200}]]`, `  - quote:: “${quote}”`,
        `  - status:: ${STATUSES[c % STATUSES.length]}`, `  - kind:: ${c % 2 ? 'fact' : 'prediction'}`);
      if (c > 0) body.push(`  - supports:: ^c${c - 1}`);
    }
    ws.set(`${ROOT}/sources/a${n}.txt`, source.join('').replace(/ \n?$/, '\n'));
    ws.set(`${ROOT}/notes/n${n}.md`, body.join('\n') + '\n');
  }
  return ws;
}

// A full collection on demand, for heap sizes that hold only what is live.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function liveHeap(): number {
  collect();
  return getHeapStatistics().used_heap_size;
}

function procStatus(field: 'VmHWM' | 'VmRSS'): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  } catch {
    return NaN;
  }
}

/** Writes through `write` to a temporary file renamed into place: how long it took, and how many bytes. */
async function timeWriting(file: string, write: (out: ExportWriter) => Promise<void>) {
  const t = performance.now();
  const { bytes } = await writeAtomically(file, true, (target) => write(new ExportWriter(target)));
  fs.rmSync(file);
  return { ms: performance.now() - t, bytes };
}

/** Writes through `write` again, and says what the writing took on top of what was live before: heap and resident peaks. */
async function measureWriting(file: string, write: (out: ExportWriter) => Promise<void>) {
  const baseHeap = liveHeap();
  // Writing 5 to clear_refs resets the peak resident size (VmHWM) to the current one (Linux).
  try { fs.writeFileSync('/proc/self/clear_refs', '5'); } catch { /* not Linux: the RSS figure is then the process's whole peak */ }
  const baseRss = procStatus('VmRSS');
  let peakHeap = 0;
  await writeAtomically(file, true, async (target) => {
    const sink: ExportSink = {
      write: (chunk) => {
        peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
        return target.write(chunk);
      },
    };
    await write(new ExportWriter(sink));
  });
  fs.rmSync(file);
  return { peakHeapBytes: Math.max(0, peakHeap - baseHeap), peakRssBytes: Math.max(0, procStatus('VmHWM') - baseRss) };
}

const mb = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? '   ?' : (bytes / 1048576).toFixed(0).padStart(4));

/** Builds the index, then times the export model and every format; prints a table through `log`. */
export async function runExportBench(options: ExportBenchOptions = {}): Promise<ExportBenchRow[]> {
  const log = options.log ?? ((l: string) => console.log(l));
  const ws = generateExportWorkspace(options.notes ?? 2000, options.claimsPerNote ?? 50);
  const index = new WorkspaceIndex(ws);
  let t = performance.now();
  await index.build();
  const stats = index.stats();
  log(`export bench: ${stats.notes} notes, ${stats.claims} claims, ${stats.entities} entities (indexed in ${Math.round(performance.now() - t)} ms, not counted)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-export-bench-'));
  const file = (format: ExportFormat) => path.join(dir, `claims.${format}`);
  try {
    // Times first, with no collection forced in between (a forced one changes when V8 collects next); memory after, writing again.
    t = performance.now();
    let model: ExportModel | undefined = await buildExportModel(index, new Anchoring(index));
    const modelMs = performance.now() - t;
    const claims = model.claims.length;
    const quotes = model.claims.reduce((n, c) => n + c.quotes.length, 0);
    const anchored = model.claims.reduce((n, c) => n + c.quotes.filter((q) => q.match).length, 0);
    const rows: ExportBenchRow[] = [{ format: 'model', ms: modelMs, totalMs: modelMs, bytes: 0 }];
    const writeModel = (format: ModelFormat, m: ExportModel) => (out: ExportWriter) => FORMATS[format].stream(m, { base: ROOT, codec: nodeCodec }, out);
    for (const format of Object.keys(FORMATS) as ModelFormat[]) {
      const w = await timeWriting(file(format), writeModel(format, model));
      rows.push({ format, ms: w.ms, totalMs: modelMs + w.ms, bytes: w.bytes });
    }
    // The claim map's formats need no anchoring: their "model" is the graph, built afresh here as an export without the editor builds it.
    const graphOf = () => {
      const graph = new ClaimGraph(index);
      graph.sync();
      return graphExport(index, filteredGraph(index, graph, {}));
    };
    for (const format of Object.keys(GRAPH_FORMATS) as GraphFormat[]) {
      t = performance.now();
      const g = graphOf();
      const graphMs = performance.now() - t;
      const w = await timeWriting(file(format), (out) => pump(GRAPH_FORMATS[format].text(g), out));
      rows.push({ format, ms: w.ms, totalMs: graphMs + w.ms, bytes: w.bytes });
    }

    const withModel = liveHeap();
    for (const format of Object.keys(FORMATS) as ModelFormat[]) Object.assign(rows.find((r) => r.format === format)!, await measureWriting(file(format), writeModel(format, model)));
    for (const format of Object.keys(GRAPH_FORMATS) as GraphFormat[]) {
      let g: ReturnType<typeof graphOf> | undefined = graphOf();
      const withGraph = liveHeap();
      Object.assign(rows.find((r) => r.format === format)!, await measureWriting(file(format), (out) => pump(GRAPH_FORMATS[format].text(g!), out)));
      g = undefined;
      rows.find((r) => r.format === format)!.modelBytes = withGraph - liveHeap();
    }
    model = undefined;
    const modelBytes = withModel - liveHeap();
    for (const r of rows) if (r.format === 'model' || !isGraphFormat(r.format)) r.modelBytes = modelBytes;
    log(`  model: ${claims} claims, ${quotes} quotes (${anchored} anchored) in ${Math.round(modelMs)} ms, ${mb(modelBytes).trim()} MB of heap`);
    for (const r of rows.slice(1)) {
      const verdict = r.totalMs <= EXPORT_BUDGET_MS ? 'within' : 'OVER';
      log(`  ${r.format.padEnd(11)} write ${String(Math.round(r.ms)).padStart(5)} ms  total ${String(Math.round(r.totalMs)).padStart(5)} ms  ` +
        `${(r.bytes / 1048576).toFixed(1).padStart(6)} MB  model ${mb(r.modelBytes)} MB, peak during writing +${mb(r.peakHeapBytes)} MB heap, ` +
        `+${mb(r.peakRssBytes)} MB resident  (${verdict} the ${EXPORT_BUDGET_MS / 1000} s budget)`);
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runExportBench().catch((e) => { console.error(e); process.exitCode = 1; });
}
