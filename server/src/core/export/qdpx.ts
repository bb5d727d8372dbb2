// The REFI-QDA project export (`.qdpx`, QDA-XML 1.0), the exchange format
// ATLAS.ti, NVivo, MAXQDA and QualCoder import: a zip holding `project.qde`
// (namespace urn:QDA-XML:project:1.0) and each saved source as
// `sources/<guid>.txt`, referenced as `internal://<guid>.txt`.
//
// The code book has two branches: "Status" with a code per status and
// "Entities" with a code per entity. Each anchored quote becomes a
// PlainTextSelection of its source, coded with the claim's status and its
// entities; the claim text and id are its description and name. Positions are
// UTF-16 code units of the text written to the .txt file (the source as read,
// BOM dropped; for HTML its visible text), so they slice it exactly.
//
// GUIDs are name-based (guid.ts) and the zip's timestamps fixed, so the same
// notes give the same bytes. Streamed (streamQdpx), the project and each
// source go into the zip a chunk at a time, compressed by the codec's stream,
// which gives the same bytes as compressing each whole.
import { strToU8, Zip, ZipPassThrough } from 'fflate';
import { type Codec } from '../base/codec';
import { derivedGuid, Guids } from './guid';
import type { ExportClaim, ExportModel, ExportQuote, ExportSource } from './exportModel';
import { concat, type ExportWriter, joined, utf8Chunks } from './sink';
import { xmlAttr as attr, xmlText as text } from './xml';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
// The zip epoch: a reproducible archive has no "now" in it.
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

export interface QdpxParts {
  /** project.qde */
  project: string;
  /** `sources/<guid>.txt` → the text written there. */
  sources: Map<string, string>;
}

export function writeQdpx(model: ExportModel, options: { codec: Codec }): Uint8Array {
  const parts = qdpxParts(model, new Guids(options.codec));
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  add(zip, options.codec, 'project.qde', parts.project);
  for (const [name, text] of parts.sources) add(zip, options.codec, name, text);
  zip.end();
  return concat(chunks);
}

/** The same archive as writeQdpx, written through `out` a chunk at a time. */
export async function streamQdpx(model: ExportModel, options: { codec: Codec }, out: ExportWriter): Promise<void> {
  const sources: Array<[string, string]> = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.bytes(chunk);
  });
  await streamEntry(zip, options.codec, 'project.qde', utf8Chunks(projectText(model, new Guids(options.codec), sources)), out);
  // The project's text has named every source it selects in by now.
  for (const [name, text] of sources) await streamEntry(zip, options.codec, name, utf8Chunks([text]), out);
  zip.end();
  await out.flush(true);
}

/** An entry whose bytes the caller compresses (through the codec's stream): fflate only counts them and frames them. */
class StreamedEntry extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
    this.mtime = ZIP_TIME;
  }
  protected override process(): void {
    // push() has counted the bytes and their CRC; streamEntry hands on the compressed ones.
  }
}

async function streamEntry(zip: Zip, codec: Codec, name: string, chunks: Iterable<Uint8Array<ArrayBuffer>>, out: ExportWriter): Promise<void> {
  const entry = new StreamedEntry(name);
  zip.add(entry);
  const deflate = codec.deflateRawStream();
  // The next chunk is made while the codec compresses the one before: one chunk in the compressor, one here.
  let compressing: Promise<Array<Uint8Array<ArrayBuffer>>> | undefined;
  for (const chunk of chunks) {
    entry.push(chunk, false);
    const next = deflate.push(chunk);
    next.catch(() => undefined);
    if (compressing) for (const c of await compressing) entry.ondata(null, c, false);
    compressing = next;
    if (out.full) await out.flush();
  }
  if (compressing) for (const c of await compressing) entry.ondata(null, c, false);
  entry.push(new Uint8Array(0), true);
  const rest = await deflate.end();
  for (let i = 0; i < rest.length - 1; i++) entry.ondata(null, rest[i]!, false);
  // The last call carries `final`: fflate writes the entry's sizes and CRC after it.
  entry.ondata(null, rest[rest.length - 1] ?? new Uint8Array(0), true);
  if (out.full) await out.flush();
}

/**
 * A zip entry deflated by the injected codec: fflate writes the archive
 * (headers, CRC, central directory) and the codec compresses (Node's native
 * zlib, several times faster than deflate in JavaScript on a project of
 * 100,000 claims).
 */
class CodecDeflate extends ZipPassThrough {
  constructor(filename: string, private readonly codec: Codec) {
    super(filename);
    this.compression = 8;
    this.mtime = ZIP_TIME;
  }
  protected override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.codec.deflateRaw(chunk), final);
  }
}

function add(zip: Zip, codec: Codec, name: string, text: string): void {
  const f = new CodecDeflate(name, codec);
  zip.add(f);
  f.push(strToU8(text), true);
}

export function qdpxParts(model: ExportModel, guids: Guids): QdpxParts {
  const sources: Array<[string, string]> = [];
  const project = joined(projectText(model, guids, sources));
  return { project, sources: new Map(sources) };
}

/**
 * project.qde in pieces (the code book, then a source or a selection each);
 * each source it selects in is added to `sources` (its file name and text)
 * as its turn comes.
 */
function* projectText(model: ExportModel, guids: Guids, sources: Array<[string, string]>): Generator<string> {
  const user = guids.guid('user', 'claimlens');
  const statusCode = new Map(model.statuses.map((s) => [s.id, guids.guid('code', `status/${s.id}`)]));
  const entityCode = new Map(model.entities.map((e) => [e, guids.guid('code', `entity/${e.definedIn}#${e.id}`)]));
  const x: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Project xmlns="${QDA_NAMESPACE}" name="Claimlens claims" origin="Claimlens" creatingUserGUID="${user}">`,
    `<Users><User guid="${user}" name="Claimlens"/></Users>`,
    '<CodeBook><Codes>',
    `<Code guid="${guids.guid('code', 'status')}" name="Status" isCodable="false"><Description>The verdict on each claim.</Description>`,
  ];
  for (const s of model.statuses) {
    const rating = s.rating !== undefined ? `; ClaimReview rating ${s.rating} (worst ${model.rating.worst}, best ${model.rating.best})` : '';
    x.push(`<Code guid="${statusCode.get(s.id)}" name="${attr(s.label)}" isCodable="true"><Description>${text(`status:: ${s.id}${rating}`)}</Description></Code>`);
  }
  x.push('</Code>');
  x.push(`<Code guid="${guids.guid('code', 'entities')}" name="Entities" isCodable="false"><Description>People, organisations, products and places the claims mention.</Description>`);
  for (const e of model.entities) {
    const about = e.description ? `${e.type}: ${e.description}` : e.type;
    x.push(`<Code guid="${entityCode.get(e)}" name="${attr(e.name)}" isCodable="true"><Description>${text(about)}</Description></Code>`);
  }
  x.push('</Code>', '</Codes></CodeBook>');
  yield lines(x.splice(0));

  const selections = new Map<ExportSource, Array<{ claim: ExportClaim; quote: ExportQuote; index: number }>>();
  for (const claim of model.claims) {
    claim.quotes.forEach((quote, index) => {
      const s = quote.source;
      if (!quote.match || !s || s.text === undefined) return;
      const list = selections.get(s);
      if (list) list.push({ claim, quote, index }); else selections.set(s, [{ claim, quote, index }]);
    });
  }
  if (selections.size) {
    x.push('<Sources>');
    for (const s of model.sources) {
      const list = selections.get(s);
      if (!list) continue;
      const id = guids.guid('source', s.key);
      sources.push([`sources/${id}.txt`, s.text!]);
      const about = [s.title, s.url, s.path].filter(Boolean).join('\n');
      x.push(`<TextSource guid="${id}" name="${attr(s.title ?? s.key)}" plainTextPath="internal://${id}.txt" creatingUser="${user}">`);
      x.push(`<Description>${text(about)}</Description>`);
      for (const { claim, quote, index } of list) {
        const sel = guids.guid('selection', `${claim.id}#${index}`);
        const m = quote.match!;
        // The user is named once, on the source: a large project has hundreds of thousands of codings.
        let xml = `<PlainTextSelection guid="${sel}" name="${attr(claim.id)}" startPosition="${m.start}" endPosition="${m.end}">` +
          `\n<Description>${text(claim.text)}</Description>`;
        const codes = [statusCode.get(claim.status), ...claim.entities.map((e) => entityCode.get(e))];
        let k = 0;
        for (const code of codes) {
          if (code) xml += `\n<Coding guid="${derivedGuid(sel, ++k)}"><CodeRef targetGUID="${code}"/></Coding>`;
        }
        x.push(xml + '\n</PlainTextSelection>');
        yield lines(x.splice(0));
      }
      x.push('</TextSource>');
    }
    x.push('</Sources>');
  }
  x.push('</Project>');
  yield lines(x);
}

function lines(x: string[]): string {
  return x.join('\n') + '\n';
}
