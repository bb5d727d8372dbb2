// Each text format on the samples, checked by what reads it: the JSON
// against its schema (ajv), the CSV parsed back (csv-parse), every W3C
// annotation's position selector against the article, ClaimReview's required
// fields, and the Markdown report's grouping and links.
import { Guids } from '../../server/src/core/export/guid';
import { nodeCodec } from '../../server/src/node/codec';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, writeCsv } from '../../server/src/core/export/csv';
import { writeJson } from '../../server/src/core/export/json';
import { writeMarkdown } from '../../server/src/core/export/markdown';
import { toClaimReviews } from '../../server/src/core/export/claimReview';
import { toAnnotationCollection } from '../../server/src/core/export/w3c';
import { ROOT } from './helpers';
import { ARTICLE, PROJECT, samplesModel } from './exportHelpers';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(PROJECT, 'schemas/claimlens-export.schema.json'), 'utf8'));

test('JSON: validates against schemas/claimlens-export.schema.json', async () => {
  const doc = JSON.parse(writeJson(await samplesModel()));
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(SCHEMA);
  assert.equal(validate(doc), true, JSON.stringify(validate.errors, null, 2));
  assert.deepEqual([doc.format, doc.version, doc.notes.length, doc.entities.length, doc.claims.length], ['claimlens', 1, 4, 12, 21]);
  // The schema is strict: an unknown key or a wrong anchor name is caught.
  doc.claims[0].quotes = [{ text: 'x', anchor: 'close-enough' }];
  assert.equal(validate(doc), false);
});

test('CSV: RFC 4180 with CRLF; parsed back it gives every claim with the same values', async () => {
  const model = await samplesModel();
  const csv = writeCsv(model);
  assert.ok(csv.endsWith('\r\n'));
  const rows: Record<string, string>[] = parse(csv, { columns: true, record_delimiter: '\r\n' });
  assert.deepEqual(Object.keys(rows[0]!), [...CSV_COLUMNS]);
  assert.equal(rows.length, 21);
  rows.forEach((r, i) => {
    const c = model.claims[i]!;
    assert.deepEqual(r, {
      id: c.id, note: c.note.path, text: c.text, status: c.status, kind: c.kind ?? '',
      by: c.by.map((b) => b.name).join('; '), entities: c.entities.map((e) => e.name).join('; '),
      quote: c.quotes.map((q) => q.text).join('\n'), anchor: c.quotes.map((q) => q.anchor).join('\n'),
      source_title: c.source?.title ?? '', source_url: c.source?.url ?? '', source_path: c.source?.path ?? '',
      start: c.quotes.map((q) => q.match!.start).join('\n'), end: c.quotes.map((q) => q.match!.end).join('\n'),
      supports: c.supports.join('; '), contradicts: c.contradicts.join('; '), tags: c.tags.join('; '), same_as: c.sameAs.join('; '),
    });
  });
  const personal = rows.find((r) => r.id === 'notes/openai-consumer-shift#^personal-ai')!;
  assert.deepEqual([personal.start, personal.end], ['8080\n7903', '8169\n8000']);
  assert.equal(personal.quote.split('\n')[0], 'users will have a "personal AI" that follows them across different platforms and services');
});

test('CSV: commas, double quotes and a leading equals sign survive the round trip', async () => {
  const model = await samplesModel(undefined, {
    'notes/odd.md': '- #claim Prices rose, "sharply", by 5%; =SUM(A1) #economy ^odd\n  - kind:: fact, mostly\n',
  });
  const rows: Record<string, string>[] = parse(writeCsv(model), { columns: true });
  const odd = rows.find((r) => r.id === 'notes/odd#^odd')!;
  assert.deepEqual([odd.text, odd.kind, odd.tags, odd.quote, odd.start], ['Prices rose, "sharply", by 5%; =SUM(A1) #economy', 'fact, mostly', 'economy', '', '']);
  assert.match(writeCsv(model), /\r\nnotes\/odd#\^odd,notes\/odd\.md,"Prices rose, ""sharply"", by 5%; =SUM\(A1\) #economy",/);
});

test('W3C: one annotation per anchored quote; every TextPositionSelector slices the article to its exact', async () => {
  const col = toAnnotationCollection(await samplesModel(), new Guids(nodeCodec)) as any;
  assert.deepEqual([col['@context'], col.type, col.total, col.first.type, col.first.items.length],
    ['http://www.w3.org/ns/anno.jsonld', 'AnnotationCollection', 24, 'AnnotationPage', 24]);
  const ids = new Set<string>();
  for (const a of col.first.items) {
    assert.equal(a.type, 'Annotation');
    assert.match(a.id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ids.add(a.id);
    const [quote, pos] = a.target.selector;
    assert.deepEqual([quote.type, pos.type], ['TextQuoteSelector', 'TextPositionSelector']);
    assert.equal(ARTICLE.slice(pos.start, pos.end), quote.exact);
    assert.equal(ARTICLE.slice(pos.start - quote.prefix.length, pos.start), quote.prefix);
    assert.equal(ARTICLE.slice(pos.end, pos.end + quote.suffix.length), quote.suffix);
    assert.equal(a.target.source, 'https://funfun.ai/zh-cn/ai-news/open-ai-shifts-focus-to-consumer-products-deemphasizes-ai-model-race-a9YrdEXOjiA');
    assert.deepEqual(a.body.map((b: any) => b.purpose).slice(0, 2), ['describing', 'tagging']);
  }
  assert.equal(ids.size, 24);
  const first = col.first.items[0];
  assert.deepEqual(first.body.map((b: any) => b.value), [
    'OpenAI is moving from building frontier models to building a consumer tech company.', 'supported', 'OpenAI',
  ]);
});

test('ClaimReview: a review for each of the 20 claims with a verdict, with the required fields', async () => {
  const doc = toClaimReviews(await samplesModel(), new Guids(nodeCodec)) as any;
  assert.equal(doc['@context'], 'https://schema.org');
  const reviews = doc['@graph'];
  assert.equal(reviews.length, 20, 'the unverified claim has no verdict');
  for (const r of reviews) {
    assert.equal(r['@type'], 'ClaimReview');
    assert.equal(typeof r.claimReviewed, 'string');
    assert.ok(r.claimReviewed.length > 0);
    assert.equal(r.itemReviewed['@type'], 'Claim');
    assert.ok(['Person', 'Organization'].includes(r.itemReviewed.author['@type']), JSON.stringify(r.itemReviewed.author));
    assert.equal(typeof r.itemReviewed.author.name, 'string');
    assert.equal(r.itemReviewed.appearance['@type'], 'CreativeWork');
    assert.match(r.itemReviewed.appearance.url, /^https:\/\//);
    const rating = r.reviewRating;
    assert.deepEqual([rating['@type'], rating.bestRating, rating.worstRating], ['Rating', 5, 1]);
    assert.ok(rating.ratingValue >= 1 && rating.ratingValue <= 5);
    assert.equal(typeof rating.alternateName, 'string');
  }
  const refuted = reviews.find((r: any) => r.identifier === 'notes/openai-consumer-shift#^deepseek-owner');
  assert.deepEqual(refuted.reviewRating, { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'Refuted' });
  assert.deepEqual(refuted.itemReviewed.author, { '@type': 'Organization', name: 'funfun.ai' });
  const transistor = reviews.find((r: any) => r.identifier === 'notes/openai-consumer-shift#^transistor');
  assert.deepEqual(transistor.itemReviewed.author, { '@type': 'Person', name: 'Sam Altman', sameAs: 'https://en.wikipedia.org/wiki/Sam_Altman' });
});

test('ClaimReview: the rating scale and the ratings come from .claimlens.yaml', async () => {
  const config = 'statuses:\n  - id: unverified\n  - id: accurate\n    label: Accurate\n    rating: 10\n  - id: inaccurate\n    label: Inaccurate\n    rating: 0\nrating:\n  best: 10\n  worst: 0\n';
  const model = await samplesModel(undefined, {
    '.claimlens.yaml': config, 'notes/scale.md': '- #claim The sky is blue. ^sky\n  - status:: accurate\n',
  });
  const reviews = (toClaimReviews(model, new Guids(nodeCodec)) as any)['@graph'];
  assert.deepEqual(reviews.map((r: any) => [r.identifier, r.reviewRating.ratingValue, r.reviewRating.bestRating, r.reviewRating.worstRating, r.reviewRating.alternateName]),
    [['notes/scale#^sky', 10, 10, 0, 'Accurate']]);
});

test('Markdown: grouped by status in the workspace order, then by entity; links are relative to the report', async () => {
  const model = await samplesModel();
  const md = writeMarkdown(model, { base: `${ROOT}/reports` });
  const headings = md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
  assert.deepEqual(headings, ['Unverified (1)', 'Supported (10)', 'Plausible (5)', 'Disputed (3)', 'Misleading (1)', 'Refuted (1)', 'Consistency (1)']);
  const refuted = md.slice(md.indexOf('## Refuted'), md.indexOf('## Consistency'));
  assert.equal(refuted, [
    '## Refuted (1)', '',
    '### DeepSeek (1)', '',
    '- **DeepSeek is an Anthropic model.** · fact · about DeepSeek, Anthropic · confidence high — [notes/openai-consumer-shift\\#^deepseek-owner](../notes/openai-consumer-shift.md#L89)',
    '',
    '  > “the rise of competitors like Anthropic\'s Deepseek”\\',
    '  > — exact, [articles/openai-consumer-shift.txt](../articles/openai-consumer-shift.txt#L26) at 4832–4881',
    '',
    '  contradicts [notes/deepseek-notes\\#^independent-lab](../notes/deepseek-notes.md#L14)',
    '',
    '  _DeepSeek is an independent lab based in Hangzhou; Anthropic makes the Claude models._',
    '', '',
  ].join('\n'));
  // The finding across notes, once, linking both claims relative to the report.
  const consistency = md.slice(md.indexOf('## Consistency')).split('\n').filter((l) => l.startsWith('- '));
  assert.equal(consistency.length, 1);
  assert.match(consistency[0]!, /^- \*\*same-claim-conflict\*\* \(warning\): .* — \[notes\/deepseek-notes\\#\^low-cost-training\]\(\.\.\/notes\/deepseek-notes\.md#L29\) · \[notes\/openai-consumer-shift\\#\^deepseek-cost\]\(\.\.\/notes\/openai-consumer-shift\.md#L97\)$/);
});
