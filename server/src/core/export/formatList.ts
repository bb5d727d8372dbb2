// The export formats by name: the one list the command line, the server and
// the editor's format picker read. Plain data with no imports, so the client
// bundle can take it without the writers.

export const EXPORT_FORMATS = {
  json: { label: 'JSON', detail: 'Everything: notes, entities, claims, quotes with offsets', extension: 'json', filterName: 'JSON', binary: false },
  csv: { label: 'CSV', detail: 'One row per claim, for spreadsheets', extension: 'csv', filterName: 'CSV', binary: false },
  md: { label: 'Markdown report', detail: 'Claims by status and entity, with quotes and links back', extension: 'md', filterName: 'Markdown', binary: false },
  w3c: { label: 'W3C Web Annotation (JSON-LD)', detail: 'AnnotationCollection, one annotation per quote', extension: 'jsonld', filterName: 'JSON-LD', binary: false },
  claimreview: { label: 'schema.org ClaimReview (JSON-LD)', detail: 'For claims with a verdict', extension: 'jsonld', filterName: 'JSON-LD', binary: false },
  qdpx: { label: 'REFI-QDA project (.qdpx)', detail: 'For ATLAS.ti, NVivo, MAXQDA, QualCoder', extension: 'qdpx', filterName: 'REFI-QDA project', binary: true },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(f: unknown): f is ExportFormat {
  return typeof f === 'string' && Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, f);
}
