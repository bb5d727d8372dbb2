// The W3C Web Annotation export (JSON-LD, http://www.w3.org/ns/anno.jsonld):
// one AnnotationCollection whose first page holds one Annotation per quote
// that anchored in its source. The target is the source's URL (else the saved
// copy's file URI) with a TextQuoteSelector (exact, prefix, suffix) and a
// TextPositionSelector (start, end); the bodies are the claim text
// (`describing`), its status id and its entities' names (`tagging`), and for
// each claim it is the same as (`same-as::`, either side) a `linking` body
// naming that claim's note file with `#^id`. Ids are
// name-based UUIDs, so a second export of the same notes gives the same ids.
//
// Offsets are UTF-16 code units of the saved copy as read (BOM dropped; the
// visible text for HTML), the unit browsers and Hypothesis count in.
// Quotes that did not anchor have no place in the source and are left out,
// except a quote the analyst kept as an earlier version of the article: its
// selectors are the anchors record's, the text as it was quoted.
import { type Codec } from '../base/codec';
import { Guids } from './guid';
import { arrayAt, jsonPieces } from './jsonStream';
import { joined } from './sink';
import type { ExportClaim, ExportModel, ExportQuote } from './exportModel';

export function toAnnotationCollection(model: ExportModel, guids: Guids): object {
  return collection(model, guids, [...annotations(model, guids)]);
}

function collection(model: ExportModel, guids: Guids, items: unknown, total = annotated(model)): object {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${guids.guid('collection', model.notes.map((n) => n.path).join('\n'))}`,
    type: 'AnnotationCollection',
    label: 'Claims exported by Claimlens',
    total,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** Whether a quote is annotated: it anchored, or the analyst kept it as an earlier version; and it has a source. */
function annotates(q: ExportQuote): boolean {
  return !!(q.match || earlier(q)) && !!q.source;
}

/** How many annotations the collection holds: its `total`, written before them. */
function annotated(model: ExportModel): number {
  let n = 0;
  for (const c of model.claims) for (const q of c.quotes) if (annotates(q)) n++;
  return n;
}

function* annotations(model: ExportModel, guids: Guids): Generator<object> {
  const notes = new Map(model.notes.map((n) => [n.name, n.uri]));
  for (const c of model.claims) {
    for (let i = 0; i < c.quotes.length; i++) if (annotates(c.quotes[i]!)) yield annotation(guids, c, c.quotes[i]!, i, notes);
  }
}

/** The collection's text in pieces, one annotation each. */
export function w3cText(model: ExportModel, options: { codec: Codec }): Iterable<string> {
  const guids = new Guids(options.codec);
  return jsonPieces(collection(model, guids, arrayAt(0)), [annotations(model, guids)]);
}

export function writeW3c(model: ExportModel, options: { codec: Codec }): string {
  return joined(w3cText(model, options));
}

/** The note file of a global id `<note name>#^<id>`, with the block id as its fragment. */
function sameAsTarget(id: string, notes: ReadonlyMap<string, string>): string | undefined {
  const hash = id.lastIndexOf('#');
  const uri = notes.get(id.slice(0, hash));
  return uri && `${uri}${id.slice(hash)}`;
}

/** The recorded place of a quote kept as an earlier version of its article. */
function earlier(q: ExportQuote): { start: number; end: number; exact: string; prefix: string; suffix: string } | undefined {
  const r = q.recorded;
  return r?.state === 'earlier-version' && r.start !== undefined && r.end !== undefined && r.exact !== undefined
    ? { start: r.start, end: r.end, exact: r.exact, prefix: r.prefix ?? '', suffix: r.suffix ?? '' } : undefined;
}

function annotation(guids: Guids, c: ExportClaim, q: ExportQuote, i: number, notes: ReadonlyMap<string, string>): object {
  const m = earlier(q) ?? q.match!;
  const s = q.source!;
  const body: object[] = [
    { type: 'TextualBody', value: c.text, format: 'text/plain', purpose: 'describing' },
    { type: 'TextualBody', value: c.status, purpose: 'tagging' },
    ...c.entities.map((e) => ({ type: 'TextualBody', value: e.name, purpose: 'tagging' })),
    ...c.sameAs.flatMap((id) => { const at = sameAsTarget(id, notes); return at ? [{ id: at, purpose: 'linking' }] : []; }),
  ];
  const target: Record<string, unknown> = {
    source: s.url ?? s.uri,
    selector: [
      { type: 'TextQuoteSelector', exact: m.exact, prefix: m.prefix, suffix: m.suffix },
      { type: 'TextPositionSelector', start: m.start, end: m.end },
    ],
  };
  // The offsets count in the copy saved on that day, which the live page may no longer match.
  const date = s.retrieved ?? s.published;
  if (s.url && date && /^\d{4}-\d{2}-\d{2}$/.test(date)) target.state = { type: 'TimeState', sourceDate: `${date}T00:00:00Z` };
  return {
    id: `urn:uuid:${guids.guid('annotation', `${c.id}#${i}`)}`,
    type: 'Annotation',
    motivation: 'describing',
    body,
    target,
  };
}
