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
// notes give the same bytes.
import { strToU8, Zip, ZipPassThrough } from 'fflate';
import { type Codec } from '../base/codec';
import { derivedGuid, Guids } from './guid';
import type { ExportClaim, ExportModel, ExportQuote, ExportSource } from './exportModel';
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

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

export function qdpxParts(model: ExportModel, guids: Guids): QdpxParts {
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

  const selections = new Map<ExportSource, Array<{ claim: ExportClaim; quote: ExportQuote; index: number }>>();
  for (const claim of model.claims) {
    claim.quotes.forEach((quote, index) => {
      const s = quote.source;
      if (!quote.match || !s || s.text === undefined) return;
      const list = selections.get(s);
      if (list) list.push({ claim, quote, index }); else selections.set(s, [{ claim, quote, index }]);
    });
  }
  const sources = new Map<string, string>();
  if (selections.size) {
    x.push('<Sources>');
    for (const s of model.sources) {
      const list = selections.get(s);
      if (!list) continue;
      const id = guids.guid('source', s.key);
      sources.set(`sources/${id}.txt`, s.text!);
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
      }
      x.push('</TextSource>');
    }
    x.push('</Sources>');
  }
  x.push('</Project>');
  return { project: x.join('\n') + '\n', sources };
}
