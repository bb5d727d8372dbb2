// The export model: what every format is written from — claims with their
// status, speaker, entities, anchored quotes and relations; the filters; and
// sources that are missing, outside the workspace, unreadable or HTML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExportError } from '../../server/src/core/export/formats';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { buildExportModel } from '../../server/src/core/export/exportModel';
import { ENTITIES, indexOf } from './helpers';
import { ARTICLE, samplesIndex, samplesModel } from './exportHelpers';

test('the samples: 4 notes, 2 sources, 12 entities, 21 claims, 24 quotes all anchored exactly', async () => {
  const m = await samplesModel();
  assert.deepEqual(m.notes.map((n) => n.path), ['README.md', 'entities/openai.md', 'notes/deepseek-notes.md', 'notes/openai-consumer-shift.md']);
  assert.deepEqual(m.sources.map((s) => [s.key, s.state]), [
    ['articles/openai-consumer-shift.txt', 'read'], ['https://en.wikipedia.org/wiki/DeepSeek', 'no-copy'],
  ]);
  assert.equal(m.entities.length, 12);
  assert.equal(m.claims.length, 21);
  const quotes = m.claims.flatMap((c) => c.quotes);
  assert.equal(quotes.length, 24);
  assert.deepEqual([...new Set(quotes.map((q) => q.anchor))], ['exact']);
  assert.deepEqual(m.warnings, []);
});

test('a claim carries its speaker, entities, quotes with offsets, relations and other fields', async () => {
  const m = await samplesModel();
  const c = m.claims.find((x) => x.id === 'notes/openai-consumer-shift#^not-signed-up')!;
  assert.equal(c.localId, 'not-signed-up');
  assert.equal(c.note.path, 'notes/openai-consumer-shift.md');
  assert.equal(c.line, 38);
  assert.equal(c.text, "OpenAI did not set out to be a consumer company; ChatGPT's success pushed it there.");
  assert.equal(c.status, 'supported');
  assert.equal(c.kind, 'fact');
  assert.deepEqual(c.by.map((b) => [b.name, b.entity?.id]), [['Sam Altman', 'sam-altman']]);
  assert.deepEqual(c.entities.map((e) => e.id), ['openai', 'chatgpt', 'sam-altman']);
  assert.deepEqual(c.quotes.map((q) => [q.anchor, q.match!.start, q.match!.end]), [['exact', 2282, 2351], ['exact', 2448, 2533]]);
  for (const q of c.quotes) assert.equal(ARTICLE.slice(q.match!.start, q.match!.end), q.text);
  assert.equal(c.source?.key, 'articles/openai-consumer-shift.txt');
  assert.deepEqual(c.fields, {
    confidence: ['high'],
    evidence: ['https://stratechery.com/2025/an-interview-with-openai-ceo-sam-altman-about-building-a-consumer-tech-company/'],
  });
  const drama = m.claims.find((x) => x.id === 'notes/openai-consumer-shift#^deepseek-drama')!;
  assert.deepEqual([drama.supports, drama.contradicts, drama.refines], [[], ['notes/openai-consumer-shift#^not-signed-up'], []]);
  const owner = m.claims.find((x) => x.id === 'notes/openai-consumer-shift#^deepseek-owner')!;
  assert.deepEqual(owner.contradicts, ['notes/deepseek-notes#^independent-lab']);
});

test('filters: status, entity (by alias), note glob; together they all must hold', async () => {
  const ids = async (filter: Parameters<typeof samplesModel>[0]) => (await samplesModel(filter)).claims.map((c) => c.localId);
  assert.deepEqual(await ids({ status: ['Refuted', 'misleading'] }), ['deepseek-owner', 'subscriptions']);
  assert.deepEqual(await ids({ entity: ['DeepSEE'] }), ['independent-lab', 'r1-open-weights', 'low-cost-training', 'deepseek-owner', 'deepseek-cost', 'deepseek-drama']);
  assert.deepEqual(await ids({ note: ['deepseek-*.md'] }), ['independent-lab', 'r1-open-weights', 'low-cost-training']);
  assert.deepEqual(await ids({ note: ['notes/**'], status: ['disputed'], entity: ['openai'] }), ['deepseek-drama', 'ads-not-primary']);
  const noted = await samplesModel({ note: ['notes/deepseek-notes.md'] });
  assert.deepEqual(noted.notes.map((n) => n.path), ['notes/deepseek-notes.md']);
});

test('a filter that names nothing is an error, not an empty export', async () => {
  await assert.rejects(samplesModel({ status: ['maybe'] }),
    new ExportError('Unknown status "maybe": use one of unverified, supported, plausible, disputed, misleading, refuted.'));
  await assert.rejects(samplesModel({ entity: ['Nobody'] }), new ExportError('No entity is named "Nobody".'));
});

test('quotes without a readable source are no-source, with one warning per source; a miss is not-found', async () => {
  const note = (source: string, quote: string) => `---\nsource:\n  title: T\n  ${source}\n---\n- #claim A claim. ^a\n  - quote:: "${quote}"\n`;
  const { index } = await indexOf({
    'missing.md': note('path: gone.txt', 'x'),
    'outside.md': note('path: ../../elsewhere.txt', 'x'),
    'binary.md': note('path: bin.txt', 'x'),
    'urlonly.md': note('url: https://example.org/a', 'x'),
    'miss.md': note('path: a.txt', 'nothing like this appears anywhere'),
    'a.txt': 'The quick brown fox.',
    'bin.txt': new Uint8Array([0x41, 0, 0x42]),
  });
  const m = await buildExportModel(index, new Anchoring(index));
  assert.deepEqual(m.claims.map((c) => [c.note.path, c.quotes[0]!.anchor, c.source?.state]), [
    ['binary.md', 'no-source', 'unreadable'],
    ['miss.md', 'not-found', 'read'],
    ['missing.md', 'no-source', 'missing'],
    ['outside.md', 'no-source', 'outside'],
    ['urlonly.md', 'no-source', 'no-copy'],
  ]);
  assert.deepEqual(m.warnings, [
    'bin.txt: binary file (it contains NUL bytes); its quotes are exported as no-source',
    'gone.txt: file not found; its quotes are exported as no-source',
    '/elsewhere.txt: outside the workspace folders (setting claimlens.sources.allowOutsideWorkspace); its quotes are exported as no-source',
  ]);
});

test('source:: picks a source by id; plain-text speakers, claims without id and HTML sources', async () => {
  const { index } = await indexOf({
    'entities.yaml': ENTITIES,
    'n.md': [
      '---', 'sources:', '  - id: web', '    path: page.html', '  - id: txt', '    path: t.txt', '---',
      '- #claim Quoted from the page.', '  - quote:: "bold claim"', '  - by:: A. Nonymous',
      '- #claim From the text file. ^t', '  - source:: txt', '  - quote:: "plain words"', '  - by:: [[Altman]]', '',
    ].join('\n'),
    'page.html': '<html><body><p>A <b>bold claim</b> here.</p></body></html>',
    't.txt': 'Some plain words.',
  });
  const m = await buildExportModel(index, new Anchoring(index));
  const [page, text] = m.claims;
  assert.equal(page!.id, 'n#L8');
  assert.equal(page!.localId, undefined);
  assert.deepEqual(page!.by, [{ name: 'A. Nonymous' }]);
  const pm = page!.quotes[0]!.match!;
  assert.deepEqual([pm.exact, pm.start, pm.end, pm.fileStart, pm.fileEnd], ['bold claim', 2, 12, 20, 30]);
  assert.equal(page!.source?.key, 'page.html');
  assert.equal(text!.source?.key, 't.txt');
  assert.deepEqual(text!.by.map((b) => [b.name, b.entity?.id]), [['Sam Altman', 'sam-altman']]);
  assert.deepEqual(text!.quotes.map((q) => [q.anchor, q.match?.start]), [['exact', 5]]);
});

test('a source used again after 32 others is prepared again from its text, with the same result', async () => {
  const files: Record<string, string> = {};
  const note = (src: string, quote: string) => `---\nsource:\n  path: ${src}\n---\n- #claim C. ^c\n  - quote:: "${quote}"\n`;
  for (let i = 0; i < 34; i++) {
    const n = String(i).padStart(2, '0');
    files[`s${n}.txt`] = `Source ${n} says something.`;
    files[`n${n}.md`] = note(`s${n}.txt`, `Source ${n} says`);
  }
  files['zz.md'] = note('s00.txt', 'says something');
  const { index } = await indexOf(files);
  const m = await buildExportModel(index, new Anchoring(index));
  const last = m.claims[m.claims.length - 1]!;
  assert.deepEqual([last.note.path, last.quotes[0]!.anchor, last.quotes[0]!.match!.start, last.source?.key], ['zz.md', 'exact', 10, 's00.txt']);
  assert.equal(m.claims.filter((c) => c.quotes[0]!.anchor === 'exact').length, 35);
});

test('the export reuses what the anchoring holds and keeps nothing new in it', async () => {
  const { index } = await samplesIndex();
  const anchoring = new Anchoring(index);
  const note = [...index.notes.values()].find((n) => n.name === 'notes/openai-consumer-shift')!;
  const other = [...index.notes.values()].find((n) => n.name === 'notes/deepseek-notes')!;
  const first = await buildExportModel(index, anchoring);
  assert.equal(anchoring.peek(note), undefined, 'a note no one asked about is not kept');
  const held = await anchoring.anchorNote(note);
  const second = await buildExportModel(index, anchoring);
  assert.equal(anchoring.peek(note), held, 'what the editor asked for stays');
  assert.equal(anchoring.peek(other), undefined);
  const quote = (m: typeof first) => m.claims.find((c) => c.note.uri === note.uri && c.quotes.some((q) => q.match))!.quotes.find((q) => q.match)!;
  assert.equal(quote(second).match, held.quotes.find((q) => q.quote === quote(second).text)!.result, 'the held result is reused as it is');
  assert.deepEqual(quote(second).match, quote(first).match, 'and it is what the export computes itself');
});
