// The export entry point shared by the command line and the server: the
// formats by name, and one function that builds the model and writes a format.
// Writing the bytes to disk is the caller's (node/atomicWrite.ts).
import { type WorkspaceIndex } from '../index';
import { type CancellationToken } from '../workspace';
import { type ExportAnchoring } from './anchors';
import { writeClaimReview } from './claimReview';
import { writeCsv } from './csv';
import { type ClaimFilter } from './filter';
import { writeJson } from './json';
import { writeMarkdown } from './markdown';
import { buildExportModel, type ExportModel } from './model';
import { writeQdpx } from './qdpx';
import { writeW3c } from './w3c';

export { ExportError, type ClaimFilter } from './filter';
export { ExportCancelled, type ExportModel } from './model';
export { workspaceAnchoring, type ExportAnchoring } from './anchors';

export type ExportFormat = 'json' | 'csv' | 'md' | 'w3c' | 'claimreview' | 'qdpx';

export interface WriteOptions {
  /** Folder URI the file is written to: the Markdown report's links are relative to it. */
  base?: string;
}

export interface FormatInfo {
  label: string;
  extension: string;
  /** Binary formats cannot go to standard output. */
  binary: boolean;
  write(model: ExportModel, options: WriteOptions): string | Uint8Array;
}

export const FORMATS: Record<ExportFormat, FormatInfo> = {
  json: { label: 'JSON', extension: 'json', binary: false, write: writeJson },
  csv: { label: 'CSV', extension: 'csv', binary: false, write: writeCsv },
  md: { label: 'Markdown report', extension: 'md', binary: false, write: (m, o) => writeMarkdown(m, { base: o.base }) },
  w3c: { label: 'W3C Web Annotation (JSON-LD)', extension: 'jsonld', binary: false, write: writeW3c },
  claimreview: { label: 'schema.org ClaimReview (JSON-LD)', extension: 'jsonld', binary: false, write: writeClaimReview },
  qdpx: { label: 'REFI-QDA project (.qdpx)', extension: 'qdpx', binary: true, write: writeQdpx },
};

export function isExportFormat(f: unknown): f is ExportFormat {
  return typeof f === 'string' && Object.prototype.hasOwnProperty.call(FORMATS, f);
}

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
export async function exportClaims(index: WorkspaceIndex, anchoring: ExportAnchoring,
  options: ExportRequestOptions): Promise<ExportOutput> {
  const model = await buildExportModel(index, anchoring, { filter: options.filter, token: options.token, progress: options.progress });
  const data = FORMATS[options.format].write(model, { base: options.base ?? index.workspace.folders[0] });
  let quotes = 0, anchored = 0;
  for (const c of model.claims) for (const q of c.quotes) { quotes++; if (q.match) anchored++; }
  return { data, claims: model.claims.length, quotes, anchored, warnings: model.warnings };
}
