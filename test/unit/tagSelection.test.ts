// "Tag Selection as Claim": the edit that adds the selected passage as a new
// claim to the source's note, or creates that note from the template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { relativePath, selectionQuote, tagSelection, trimQuotationMarks } from '../../server/src/core/features/tagSelection';
import { applyTo, indexOf, uri } from './helpers';

const ARTICLE = 'Title of the piece\nAds are not the plan. Models will\nbecome commodities.\n';
const NOTE = '---\nsource:\n  path: ../articles/a.txt\n---\n# A\n\n- #claim Old ^old\n  - quote:: "Ads are not the plan."\n';
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

async function tag(files: Record<string, string>, source: string, sourceText: string, r: ReturnType<typeof range>, hash?: (b: Uint8Array) => string) {
  const { index } = await indexOf(files);
  const anchoring = new Anchoring(index, { hash });
  const texts = new Map(Object.entries(files).map(([p, t]) => [uri(p), t]));
  const result = await tagSelection(index, anchoring, uri(source), sourceText, r, {
    versionOf: (u) => (u === uri('notes/n.md') ? 9 : null), noteText: async (u) => texts.get(u), today: '2026-11-25',
  });
  return { index, result };
}

test('a passage over a line break is appended to the note that names the source, with a fresh id', async () => {
  const { result } = await tag({ 'articles/a.txt': ARTICLE, 'notes/n.md': NOTE }, 'articles/a.txt', ARTICLE, range(1, 22, 2, 19));
  assert.ok(!('error' in result));
  assert.equal(result.uri, uri('notes/n.md'));
  assert.equal(result.created, false);
  assert.deepEqual(result.edit.files.map((f) => [f.uri, f.version]), [[uri('notes/n.md'), 9]]);
  assert.deepEqual(result.edit.creates, []);
  const after = applyTo(NOTE, result.edit, uri('notes/n.md'));
  assert.equal(after, NOTE + '\n- #claim Models will become commodities. ^models-will-become-commodities\n' +
    '  - quote:: "Models will become commodities."\n  - status:: unverified\n');
  assert.deepEqual(result.selection, range(9, 9, 9, 40));
  assert.equal(after.split('\n')[9]!.slice(9, 40), 'Models will become commodities.');
});

test('the same passage twice gets a second id; a note without a final newline gets a blank line first', async () => {
  const note = NOTE.replace('- #claim Old ^old', '- #claim Old ^ads-are-not-the-plan').trimEnd();
  const { result } = await tag({ 'articles/a.txt': ARTICLE, 'notes/n.md': note }, 'articles/a.txt', ARTICLE, range(1, 0, 1, 21));
  assert.ok(!('error' in result));
  assert.equal(applyTo(note, result.edit, uri('notes/n.md')), note + '\n\n- #claim Ads are not the plan. ^ads-are-not-the-plan-2\n' +
    '  - quote:: "Ads are not the plan."\n  - status:: unverified\n');
  assert.deepEqual(result.selection, range(9, 9, 9, 30));
});

test('a source that is the second of a note\'s sources: the claim names it with source::', async () => {
  const note = '---\nsources:\n  - id: main\n    path: ../articles/x.txt\n  - id: extra\n    path: ../articles/a.txt\n---\n';
  const { result } = await tag({ 'articles/a.txt': ARTICLE, 'notes/n.md': note }, 'articles/a.txt', ARTICLE, range(1, 0, 1, 3));
  assert.ok(!('error' in result));
  assert.equal(applyTo(note, result.edit, uri('notes/n.md')), note + '\n- #claim Ads ^ads\n  - quote:: "Ads"\n  - source:: extra\n  - status:: unverified\n');
});

test('no note names the source: a new note from the template, in the notes/ folder beside the source\'s folder', async () => {
  const source = 'A long title: on models & money\nThey said [[this]] #often.\n';
  const { result } = await tag({ 'articles/b.txt': source, 'notes/n.md': NOTE, 'articles/a.txt': ARTICLE }, 'articles/b.txt', source,
    range(1, 0, 1, 26), () => 'c0ffee');
  assert.ok(!('error' in result));
  assert.equal(result.uri, uri('notes/b.md'));
  assert.equal(result.created, true);
  assert.deepEqual(result.edit.creates, [uri('notes/b.md')]);
  assert.deepEqual(result.edit.files.map((f) => [f.uri, f.version]), [[uri('notes/b.md'), null]]);
  assert.equal(applyTo('', result.edit, uri('notes/b.md')), [
    '---', 'source:', '  title: "A long title: on models & money"', '  path: ../articles/b.txt', '  retrieved: 2026-11-25',
    '  sha256: c0ffee', '---', '# A long title: on models & money', '',
    '- #claim They said this often. ^they-said-this-often', '  - quote:: "They said [[this]] #often."', '  - status:: unverified', '',
  ].join('\n'));
  assert.deepEqual(result.selection, range(9, 9, 9, 30));
});

test('without a notes/ folder the new note goes beside the source, under a name not taken', async () => {
  const { result } = await tag({ 'docs/x.txt': 'Some words here.\n', 'docs/x.md': '# x\n' }, 'docs/x.txt', 'Some words here.\n', range(0, 0, 0, 10));
  assert.ok(!('error' in result));
  assert.equal(result.uri, uri('docs/x-2.md'));
  assert.match(applyTo('', result.edit, uri('docs/x-2.md')), /^---\nsource:\n {2}title: Some words here\.\n {2}path: x\.txt\n {2}retrieved: 2026-11-25\n---\n/);
});

test('an HTML selection is quoted as its visible text; an empty selection is refused', async () => {
  const html = '<p>Ads &amp; <b>models</b>\n  are not the plan.</p>';
  assert.equal(selectionQuote(uri('p.html'), html, range(0, 3, 1, 19)), 'Ads & models are not the plan.');
  const { result } = await tag({ 'p.txt': 'x' }, 'p.txt', 'x', range(0, 0, 0, 0));
  assert.deepEqual(result, { error: 'Select the passage to tag as a claim first.' });
});

test('relative paths between folders', () => {
  assert.equal(relativePath('file:///ws/notes', 'file:///ws/articles/a%20b.txt'), '../articles/a b.txt');
  assert.equal(relativePath('file:///ws/docs', 'file:///ws/docs/x.txt'), 'x.txt');
  assert.equal(relativePath('file:///ws', 'file:///ws/a/b/c.html'), 'a/b/c.html');
});

test('quotation marks around a selection are not part of the quote; an apostrophe is kept', () => {
  assert.equal(trimQuotationMarks('“Models will commoditise.”'), 'Models will commoditise.');
  assert.equal(trimQuotationMarks('"Models will commoditise."'), 'Models will commoditise.');
  assert.equal(trimQuotationMarks('‘It works’'), 'It works');
  assert.equal(trimQuotationMarks('the analysts’'), 'the analysts’');
  assert.equal(selectionQuote(uri('a.txt'), 'He said “ads\u00a0are\nnot the plan.”', range(0, 8, 1, 14)), 'ads are not the plan.');
});

test('a sentence stays whole as the claim text; only a long passage is cut', async () => {
  const long = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
  const source = `${long}\n`;
  const { result } = await tag({ 'articles/a.txt': source, 'notes/n.md': NOTE }, 'articles/a.txt', source, range(0, 0, 0, long.length));
  assert.ok(!('error' in result));
  const claim = applyTo(NOTE, result.edit, uri('notes/n.md')).split('\n').find((l) => l.startsWith('- #claim w0'))!;
  assert.match(claim, /^- #claim w0 w1 .* w29… \^/);
});

test('a Markdown file that a note names as its source can be tagged; a note that is no source cannot', async () => {
  const article = '# The article\n\nModels will commoditise.\n';
  const note = '---\nsource:\n  path: ../articles/a.md\n---\n# N\n';
  const files = { 'articles/a.md': article, 'notes/n.md': note };
  const { result } = await tag(files, 'articles/a.md', article, range(2, 0, 2, 24));
  assert.ok(!('error' in result), JSON.stringify(result));
  const refused = await tag(files, 'notes/n.md', note, range(4, 0, 4, 3));
  assert.match((refused.result as { error: string }).error, /^n\.md is a note/);
});
