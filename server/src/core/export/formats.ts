// The export entry point shared by the command line and the server: the
// formats by name, and one function that builds the model and writes a format.
// Writing the bytes to disk is the caller's (node/atomicWrite.ts).
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
import { type ExportFormat } from './formatList';
import { type Codec } from '../base/codec';

export { EXPORT_FORMATS, type ExportFormat, isExportFormat } from './formatList';

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

/** How each format is written: the model in, the file's contents out. */
export const FORMATS: Record<ExportFormat, { write(model: ExportModel, options: WriteOptions): string | Uint8Array }> = {
  json: { write: writeJson },
  csv: { write: writeCsv },
  md: { write: (m, o) => writeMarkdown(m, { base: o.base }) },
  w3c: { write: writeW3c },
  claimreview: { write: writeClaimReview },
  qdpx: { write: writeQdpx },
};

export interface ExportRequestOptions extends WriteOptions {
  format: ExportFormat;
  filter?: ClaimFilter;
  token?: CancellationToken;
  progress?: (done: number, total: number) => void;
}

export interface ExportOutput {
  data: string | Uint8Array;
  claims: number;
  quotes: number;
  /** Quotes that anchored in their source. */
  anchored: number;
  warnings: string[];
}

/** Builds the export model and writes it in one format. */
export async function exportClaims(index: WorkspaceIndex, anchoring: Anchoring,
  options: ExportRequestOptions): Promise<ExportOutput> {
  const model = await buildExportModel(index, anchoring, { filter: options.filter, token: options.token, progress: options.progress });
  const data = FORMATS[options.format].write(model, { base: options.base ?? index.workspace.folders[0], codec: options.codec, csvKeepFormulas: options.csvKeepFormulas });
  let quotes = 0, anchored = 0;
  for (const c of model.claims) for (const q of c.quotes) { quotes++; if (q.match) anchored++; }
  return { data, claims: model.claims.length, quotes, anchored, warnings: model.warnings };
}
