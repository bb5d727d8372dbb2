// Export benchmark (SPEC §10: export of 100,000 claims to any format ≤ 5 s).
// A generated in-memory workspace: 2,000 notes × 50 claims, each note with
// its own saved source that every quote of the note is taken from (most
// verbatim, some re-typed in another case so the normalized step runs), 200
// entities named by `by::` and in the text. Times the model (reading and
// anchoring every quote) once, then each format written from it; a format's
// figure is model + writing, what one export costs.
//
//   node --import tsx test/bench/exportBench.ts
import { nodeCodec } from '../../server/src/node/codec';
import { performance } from 'node:perf_hooks';
import { FORMATS, type ExportFormat, GRAPH_FORMATS, type GraphFormat, type ModelFormat } from '../../server/src/core/export/formats';
import { ClaimGraph } from '../../server/src/core/features/claimGraph';
import { filteredGraph } from '../../server/src/core/features/claimMap';
import { graphExport } from '../../server/src/core/export/mapExport';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { buildExportModel } from '../../server/src/core/export/exportModel';
import { joined } from '../../server/src/core/export/sink';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';

export const EXPORT_BUDGET_MS = 5000;

export interface ExportBenchRow {
  format: ExportFormat | 'model';
  ms: number;
  /** Model plus writing: what one export of this format costs. */
  totalMs: number;
  bytes: number;
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

/** Builds the index, then times the export model and every format; prints a table through `log`. */
export async function runExportBench(options: ExportBenchOptions = {}): Promise<ExportBenchRow[]> {
  const log = options.log ?? ((l: string) => console.log(l));
  const ws = generateExportWorkspace(options.notes ?? 2000, options.claimsPerNote ?? 50);
  const index = new WorkspaceIndex(ws);
  let t = performance.now();
  await index.build();
  const stats = index.stats();
  log(`export bench: ${stats.notes} notes, ${stats.claims} claims, ${stats.entities} entities (indexed in ${Math.round(performance.now() - t)} ms, not counted)`);

  t = performance.now();
  const model = await buildExportModel(index, new Anchoring(index));
  const modelMs = performance.now() - t;
  const quotes = model.claims.reduce((n, c) => n + c.quotes.length, 0);
  const anchored = model.claims.reduce((n, c) => n + c.quotes.filter((q) => q.match).length, 0);
  const rows: ExportBenchRow[] = [{ format: 'model', ms: modelMs, totalMs: modelMs, bytes: 0 }];
  log(`  model: ${model.claims.length} claims, ${quotes} quotes (${anchored} anchored) in ${Math.round(modelMs)} ms`);
  for (const format of Object.keys(FORMATS) as ModelFormat[]) {
    t = performance.now();
    const data = FORMATS[format].write(model, { base: ROOT, codec: nodeCodec });
    const ms = performance.now() - t;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    rows.push({ format, ms, totalMs: modelMs + ms, bytes });
  }
  // The claim map's formats need no anchoring: their "model" is the graph, built afresh here as an export without the editor builds it.
  for (const format of Object.keys(GRAPH_FORMATS) as GraphFormat[]) {
    t = performance.now();
    const graph = new ClaimGraph(index);
    graph.sync();
    const g = graphExport(index, filteredGraph(index, graph, {}));
    const graphMs = performance.now() - t;
    t = performance.now();
    const text = joined(GRAPH_FORMATS[format].text(g));
    const ms = performance.now() - t;
    rows.push({ format, ms, totalMs: graphMs + ms, bytes: Buffer.byteLength(text) });
  }
  for (const r of rows.slice(1)) {
    const verdict = r.totalMs <= EXPORT_BUDGET_MS ? 'within' : 'OVER';
    log(`  ${r.format.padEnd(11)} write ${String(Math.round(r.ms)).padStart(5)} ms  total ${String(Math.round(r.totalMs)).padStart(5)} ms  ` +
      `${(r.bytes / 1048576).toFixed(1).padStart(6)} MB  (${verdict} the ${EXPORT_BUDGET_MS / 1000} s budget)`);
  }
  return rows;
}

if (require.main === module) {
  runExportBench().catch((e) => { console.error(e); process.exitCode = 1; });
}
