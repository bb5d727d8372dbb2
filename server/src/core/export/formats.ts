// The export entry point shared by the command line and the server: the
// formats by name, and one function that builds the model and writes a format
// — the claims' records from the export model, the claim map's formats from
// its graph. Writing the bytes to disk is the caller's (node/atomicWrite.ts).
import { type CancellationToken } from '../base/cancellation';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Anchoring } from '../anchoring/noteAnchoring';
import { writeClaimReview } from './claimReview';
import { writeCsv } from './csv';
import { type ClaimFilter } from './filter';
import { writeJson } from './json';
import { writeMarkdown } from './markdown';
import { buildExportModel, type ExportModel } from './exportModel';
import { writeQdpx } from './qdpx';
import { writeW3c } from './w3c';
import { ExportError } from './filter';
import { type ExportFormat, type GraphFormat, isGraphFormat, type ModelFormat } from './formatList';
import { type Codec } from '../base/codec';
import { ClaimGraph } from '../features/claimGraph';
import { filteredGraph } from '../features/claimMap';
import { writeGraphml } from './graphml';
import { type GraphExport, graphExport } from './mapExport';
import { writeMermaid } from './mermaid';

export { EXPORT_FORMATS, type ExportFormat, type GraphFormat, type ModelFormat, isExportFormat, isGraphFormat } from './formatList';

export { ExportError, type ClaimFilter } from './filter';
export { type ExportModel } from './exportModel';

export interface WriteOptions {
  /** Folder URI the file is written to: the Markdown report's links are relative to it. */
  base?: string;
  /** Hashing (name-based GUIDs) and compression (the .qdpx zip), injected. */
  codec: Codec;
  /**
   * CSV only: write cells that start with `=`, `+`, `-`, `@`, a tab or a CR as
   * they are. By default such a cell gets a leading `'`, so a spreadsheet shows
   * it as text instead of running it as a formula (OWASP's CSV-injection rule).
   */
  csvKeepFormulas?: boolean;
}

/** How each format of the claims' records is written: the model in, the file's contents out. */
export const FORMATS: Record<ModelFormat, { write(model: ExportModel, options: WriteOptions): string | Uint8Array }> = {
  json: { write: writeJson },
  csv: { write: writeCsv },
  md: { write: (m, o) => writeMarkdown(m, { base: o.base }) },
  w3c: { write: writeW3c },
  claimreview: { write: writeClaimReview },
  qdpx: { write: writeQdpx },
};

/** How each format of the claim map is written: the filtered graph in, the text and what a reader should know out. */
export const GRAPH_FORMATS: Record<GraphFormat, { write(graph: GraphExport): { text: string; warnings: string[] } }> = {
  graphml: { write: (g) => ({ text: writeGraphml(g), warnings: [] }) },
  mermaid: { write: writeMermaid },
};

export interface ExportRequestOptions extends WriteOptions {
  format: ExportFormat;
  filter?: ClaimFilter;
  token?: CancellationToken;
  progress?: (done: number, total: number) => void;
  /** The claim map's adjacency index, up to date (the service keeps one); without it the map's formats build their own. */
  graph?: () => ClaimGraph;
}

export interface ExportOutput {
  data: string | Uint8Array;
  claims: number;
  quotes: number;
  /** Quotes that anchored in their source. */
  anchored: number;
  warnings: string[];
  /** The claim map's formats: the entities and relations drawn. */
  entities?: number;
  relations?: number;
}

/** Builds the export model (or, for the claim map's formats, the filtered graph) and writes it in one format. */
export async function exportClaims(index: WorkspaceIndex, anchoring: Anchoring,
  options: ExportRequestOptions): Promise<ExportOutput> {
  const format = options.format;
  if (isGraphFormat(format)) {
    const graph = options.graph?.() ?? syncedGraph(index);
    const g = graphExport(index, filteredGraph(index, graph, options.filter ?? {}));
    const { text, warnings } = GRAPH_FORMATS[format].write(g);
    const claims = g.nodes.filter((n) => n.type === 'claim').length;
    return { data: text, claims, quotes: 0, anchored: 0, warnings, entities: g.nodes.length - claims, relations: g.edges.length };
  }
  if (options.filter?.relation?.length) {
    throw new ExportError(`A relation filter applies to the claim map's formats (graphml, mermaid), not to ${format}.`);
  }
  const model = await buildExportModel(index, anchoring, { filter: options.filter, token: options.token, progress: options.progress });
  const data = FORMATS[format].write(model, { base: options.base ?? index.workspace.folders[0], codec: options.codec, csvKeepFormulas: options.csvKeepFormulas });
  let quotes = 0, anchored = 0;
  for (const c of model.claims) for (const q of c.quotes) { quotes++; if (q.match) anchored++; }
  return { data, claims: model.claims.length, quotes, anchored, warnings: model.warnings };
}

function syncedGraph(index: WorkspaceIndex): ClaimGraph {
  const graph = new ClaimGraph(index);
  graph.sync();
  return graph;
}
