// Protocol tests of where "Tag Selection as Claim" refuses, through the built
// server over stdio: a note, an entity registry, the workspace config, a file
// that is no article, and text a reader never sees in an HTML page; and what
// it quotes from a page (no surrounding quotation marks, plain spaces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Range, TagSelectionRequest } from '../../shared/protocol';
import { positionOf, samplesServer } from './lspClient';

const PAGE = [
  '<html><head><title>A page</title><style>p { color: red }</style></head><body>',
  '<script>var tracking = "the passage a script holds";</script>',
  '<p>The chief executive said: “Models&nbsp;will become commodities.” Nobody disagreed.</p>',
  '</body></html>',
  '',
].join('\n');
const session = samplesServer({ 'articles/page.html': PAGE, 'data/table.csv': 'a,b\n1,2\n' });

function tag(rel: string, range: Range) {
  return session.client.connection.sendRequest(TagSelectionRequest, { textDocument: { uri: session.client.uri(rel) }, range });
}

function around(text: string, needle: string): Range {
  return { start: positionOf(text, needle), end: positionOf(text, needle, needle.length) };
}

const WHOLE_LINE = { start: { line: 13, character: 0 }, end: { line: 13, character: 20 } };

test('a note is refused, pointing to its article', async () => {
  assert.deepEqual(await tag('notes/openai-consumer-shift.md', WHOLE_LINE), {
    error: 'openai-consumer-shift.md is a note: claims are tagged from the article a note quotes. Open that article (Claimlens: Go to Source) and select the passage there.',
  });
});

test('an entity registry and the workspace config are refused', async () => {
  assert.deepEqual(await tag('entities.yaml', { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }), {
    error: 'entities.yaml is an entity registry, not an article. Select the passage in a saved article (.txt, .html) instead.',
  });
  assert.match((await tag('.claimlens.yaml', { start: { line: 6, character: 0 }, end: { line: 6, character: 10 } }) as { error: string }).error,
    /^\.claimlens\.yaml holds this workspace's Claimlens settings, not an article\./);
});

test('a file that is no article (a CSV) is refused', async () => {
  assert.deepEqual(await tag('data/table.csv', { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }), {
    error: 'Claimlens tags passages of saved articles (.txt, .html or Markdown files); table.csv is not one.',
  });
});

test('text inside <script> or <style> is refused: a reader never sees it', async () => {
  const expected = { error: 'The selection holds no text a reader sees on the page (it is markup, or inside <script> or <style>). Select the passage in the article\'s text.' };
  assert.deepEqual(await tag('articles/page.html', around(PAGE, 'the passage a script holds')), expected);
  assert.deepEqual(await tag('articles/page.html', around(PAGE, 'color: red')), expected);
});

test('a selection with its quotation marks and a &nbsp; is quoted as plain words', async () => {
  const result = await tag('articles/page.html', around(PAGE, '“Models&nbsp;will become commodities.”'));
  assert.ok(!('error' in result), JSON.stringify(result));
  const text = JSON.stringify(result.edit);
  assert.match(text, /- #claim Models will become commodities\. \^models-will-become-commodities/);
  assert.match(text, /- quote:: \\"Models will become commodities\.\\"/);
  assert.equal(result.created, true, 'no note quotes the page yet');
});
