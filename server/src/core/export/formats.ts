// The export entry point shared by the command line and the server: the
// formats by name, and one function that builds the model and writes a format
// — the claims' records from the export model, the claim map's formats from
// its graph. Each format is written either whole, in memory, or as a stream
// to a sink the caller gives (sink.ts): the same pieces either way, so the
// same bytes. Where the bytes go is the caller's (node/atomicWrite.ts).
import { type CancellationToken } from '../base/cancellation';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Anchoring } from '../anchoring/noteAnchoring';
import { claimReviewText } from './claimReview';
import { csvText } from './csv';
import { type ClaimFilter } from './filter';
import { jsonText } from './json';
import { markdownText } from './markdown';
import { buildExportModel, type ExportModel } from './exportModel';
import { streamQdpx, writeQdpx } from './qdpx';
import { type ExportSink, ExportWriter, joined, pump } from './sink';
import { w3cText } from './w3c';
import { ExportError } from './filter';
import { type ExportFormat, type GraphFormat, isGraphFormat, type ModelFormat } from './formatList';
import { type Codec } from '../base/codec';
import { ClaimGraph } from '../features/claimGraph';
import { filteredGraph } from '../features/claimMap';
import { graphmlText } from './graphml';
import { type GraphExport, graphExport } from './mapExport';
import { mermaidText, mermaidWarnings } from './mermaid';

export { EXPORT_FORMATS, type ExportFormat, type GraphFormat, type ModelFormat, isExportFormat, isGraphFormat } from './formatList';

export { ExportError, type ClaimFilter } from './filter';
export { type ExportModel } from './exportModel';
export { type ExportSink } from './sink';

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

export interface ModelFormatWriter {
  /** The whole file, in memory. */
  write(model: ExportModel, options: WriteOptions): string | Uint8Array;
  /** The same bytes through `out`, a chunk at a time. */
  stream(model: ExportModel, options: WriteOptions, out: ExportWriter): Promise<void>;
}

/** A text format, from the pieces of its file. */
function textFormat(text: (model: ExportModel, options: WriteOptions) => Iterable<string>): ModelFormatWriter {
  return { write: (m, o) => joined(text(m, o)), stream: (m, o, out) => pump(text(m, o), out) };
}

/** How each format of the claims' records is written from the model. */
export const FORMATS: Record<ModelFormat, ModelFormatWriter> = {
  json: textFormat((m) => jsonText(m)),
  csv: textFormat(csvText),
  md: textFormat((m, o) => markdownText(m, { base: o.base })),
  w3c: textFormat(w3cText),
  claimreview: textFormat(claimReviewText),
  qdpx: { write: writeQdpx, stream: streamQdpx },
};

/** How each format of the claim map is written: the filtered graph's text in pieces, and what a reader of `chars` units of it should know. */
export const GRAPH_FORMATS: Record<GraphFormat, { text(graph: GraphExport): Iterable<string>; warnings(graph: GraphExport, chars: number): string[] }> = {
  graphml: { text: graphmlText, warnings: () => [] },
  mermaid: { text: mermaidText, warnings: mermaidWarnings },
};

export interface ExportRequestOptions extends WriteOptions {
  format: ExportFormat;
  filter?: ClaimFilter;
  token?: CancellationToken;
  progress?: (done: number, total: number) => void;
  /** Called once the model is built, when the file starts being written. */
  writing?: () => void;
  /** Where the file goes, a chunk at a time; without one, it is returned whole as `data`. */
  sink?: ExportSink;
  /** The claim map's adjacency index, up to date (the service keeps one); without it the map's formats build their own. */
  graph?: () => ClaimGraph;
}

export interface ExportOutput {
  /** The file, when no sink was given. */
  data?: string | Uint8Array;
  /** The bytes written to the sink, when one was given. */
  bytes?: number;
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
  const sink = options.sink;
  if (isGraphFormat(format)) {
    const graph = options.graph?.() ?? syncedGraph(index);
    const g = graphExport(index, filteredGraph(index, graph, options.filter ?? {}));
    const claims = g.nodes.filter((n) => n.type === 'claim').length;
    const counts = { claims, quotes: 0, anchored: 0, entities: g.nodes.length - claims, relations: g.edges.length };
    const writer = GRAPH_FORMATS[format];
    options.writing?.();
    if (!sink) {
      const text = joined(writer.text(g));
      return { data: text, ...counts, warnings: writer.warnings(g, text.length) };
    }
    const out = new ExportWriter(sink, options.token);
    await pump(writer.text(g), out);
    return { bytes: out.written, ...counts, warnings: writer.warnings(g, out.chars) };
  }
  if (options.filter?.relation?.length) {
    throw new ExportError(`A relation filter applies to the claim map's formats (graphml, mermaid), not to ${format}.`);
  }
  const model = await buildExportModel(index, anchoring, { filter: options.filter, token: options.token, progress: options.progress });
  let quotes = 0, anchored = 0;
  for (const c of model.claims) for (const q of c.quotes) { quotes++; if (q.match) anchored++; }
  const counts = { claims: model.claims.length, quotes, anchored, warnings: model.warnings };
  const write: WriteOptions = { base: options.base ?? index.workspace.folders[0], codec: options.codec, csvKeepFormulas: options.csvKeepFormulas };
  options.writing?.();
  if (!sink) return { data: FORMATS[format].write(model, write), ...counts };
  const out = new ExportWriter(sink, options.token);
  await FORMATS[format].stream(model, write, out);
  return { bytes: out.written, ...counts };
}

function syncedGraph(index: WorkspaceIndex): ClaimGraph {
  const graph = new ClaimGraph(index);
  graph.sync();
  return graph;
}
