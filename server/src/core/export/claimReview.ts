// The schema.org ClaimReview export (JSON-LD): one ClaimReview for every claim
// whose status carries a rating in `.claimlens.yaml` (a verdict); statuses
// without one, like "unverified", are no verdict and are left out. The rating
// scale is the config's `rating: { best, worst }`.
//
// The reviewed Claim's author is its speaker (`by::`), else the source's
// `author`, else the site the source was published on (its host name): an
// unsigned article makes the claims it states. Its appearance is the source.
// A claim noted as the same as others (`same-as::`, either side) gets an
// `@id` and `sameAs` naming theirs, so a reader can merge the reviews.
import { type Codec } from '../base/codec';
import { Guids } from './guid';
import { arrayAt, jsonPieces } from './jsonStream';
import { joined } from './sink';
import { type ExportClaim, type ExportEntity, type ExportModel, type ExportSource, plainLinks } from './exportModel';

export function toClaimReviews(model: ExportModel, guids: Guids): object {
  return { '@context': 'https://schema.org', '@graph': [...reviews(model, guids)] };
}

/** The document's text in pieces, one review each. */
export function claimReviewText(model: ExportModel, options: { codec: Codec }): Iterable<string> {
  return jsonPieces({ '@context': 'https://schema.org', '@graph': arrayAt(0) }, [reviews(model, new Guids(options.codec))]);
}

function* reviews(model: ExportModel, guids: Guids): Generator<object> {
  for (const c of model.claims) {
    const status = model.statuses.find((s) => s.id === c.status);
    if (status?.rating === undefined) continue;
    yield {
      '@type': 'ClaimReview',
      '@id': `urn:uuid:${guids.guid('claimreview', c.id)}`,
      identifier: c.id,
      claimReviewed: c.text,
      itemReviewed: claimItem(c, guids),
      reviewRating: {
        '@type': 'Rating',
        ratingValue: status.rating,
        bestRating: model.rating.best,
        worstRating: model.rating.worst,
        alternateName: status.label,
      },
      ...(c.fields.note?.length ? { reviewBody: c.fields.note.map(plainLinks).join('\n\n') } : {}),
    };
  }
}

export function writeClaimReview(model: ExportModel, options: { codec: Codec }): string {
  return joined(claimReviewText(model, options));
}

function claimItem(c: ExportClaim, guids: Guids): object {
  const item: Record<string, unknown> = { '@type': 'Claim' };
  if (c.sameAs.length) {
    item['@id'] = claimUrn(guids, c.id);
    item.sameAs = c.sameAs.map((id) => claimUrn(guids, id));
  }
  const author = authorOf(c);
  if (author) item.author = author;
  const s = c.source;
  if (s) {
    item.appearance = appearance(s);
    if (s.published) item.datePublished = s.published;
  }
  const quote = c.quotes.find((q) => q.match)?.match?.exact;
  if (quote) item.text = quote;
  return item;
}

function claimUrn(guids: Guids, id: string): string {
  return `urn:uuid:${guids.guid('claim', id)}`;
}

function authorOf(c: ExportClaim): object | undefined {
  const by = c.by[0];
  if (by) return by.entity ? entityAgent(by.entity) : { '@type': 'Person', name: by.name };
  const s = c.source;
  if (s?.author) return { '@type': 'Person', name: s.author };
  const host = s?.url ? hostOf(s.url) : undefined;
  return host ? { '@type': 'Organization', name: host } : undefined;
}

function entityAgent(e: ExportEntity): object {
  const type = e.type === 'person' ? 'Person' : e.type === 'organization' ? 'Organization' : 'Thing';
  const sameAs = Object.values(e.links ?? {}).filter((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v));
  return { '@type': type, name: e.name, ...(sameAs.length ? { sameAs: sameAs.length === 1 ? sameAs[0] : sameAs } : {}) };
}

function appearance(s: ExportSource): object {
  const out: Record<string, unknown> = { '@type': 'CreativeWork' };
  if (s.url) out.url = s.url;
  if (s.title) out.headline = s.title;
  if (s.author) out.author = { '@type': 'Person', name: s.author };
  if (s.published) out.datePublished = s.published;
  return out;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
