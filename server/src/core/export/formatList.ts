// The export formats by name: the one list the command line, the server and
// the editor's format picker read. Plain data with no imports, so the client
// bundle can take it without the writers. `graph` formats write the claim map
// (claims, entities, relations) rather than the claims' records.

export const EXPORT_FORMATS = {
  json: { label: 'JSON', detail: 'Everything: notes, entities, claims, quotes with offsets', extension: 'json', filterName: 'JSON', binary: false, graph: false },
  csv: { label: 'CSV', detail: 'One row per claim, for spreadsheets', extension: 'csv', filterName: 'CSV', binary: false, graph: false },
  md: { label: 'Markdown report', detail: 'Claims by status and entity, with quotes and links back', extension: 'md', filterName: 'Markdown', binary: false, graph: false },
  w3c: { label: 'W3C Web Annotation (JSON-LD)', detail: 'AnnotationCollection, one annotation per quote', extension: 'jsonld', filterName: 'JSON-LD', binary: false, graph: false },
  claimreview: { label: 'schema.org ClaimReview (JSON-LD)', detail: 'For claims with a verdict', extension: 'jsonld', filterName: 'JSON-LD', binary: false, graph: false },
  qdpx: { label: 'REFI-QDA project (.qdpx)', detail: 'For ATLAS.ti, NVivo, MAXQDA, QualCoder', extension: 'qdpx', filterName: 'REFI-QDA project', binary: true, graph: false },
  graphml: { label: 'GraphML (Gephi, yEd, draw.io)', detail: 'The claim map: claims, entities and their relations, for graph tools', extension: 'graphml', filterName: 'GraphML', binary: false, graph: true },
  mermaid: { label: 'Mermaid flowchart', detail: 'The claim map as a flowchart that Markdown viewers and GitHub draw', extension: 'mmd', filterName: 'Mermaid', binary: false, graph: true },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
/** The formats of the claim map, written from its graph. */
export type GraphFormat = { [F in ExportFormat]: (typeof EXPORT_FORMATS)[F]['graph'] extends true ? F : never }[ExportFormat];
/** The formats of the claims' records, written from the export model. */
export type ModelFormat = Exclude<ExportFormat, GraphFormat>;

export function isExportFormat(f: unknown): f is ExportFormat {
  return typeof f === 'string' && Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, f);
}

export function isGraphFormat(f: ExportFormat): f is GraphFormat {
  return EXPORT_FORMATS[f].graph;
}
