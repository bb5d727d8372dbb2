// A note's front matter read without the yaml package when it has the plain
// shape most notes have: the same result as the yaml path, for every shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fastFrontMatter, parseFrontMatter } from '../../server/src/core/notes/frontMatter';

const scalar = fc.constantFrom('The article', '"Quoted: title"', "'It''s'", '2025-03-28', '2025', '1.50', '0x1F', 'true', 'null', '~', '',
  'https://example.com/a?b=c#d', '../articles/a b.txt', 'a # not a comment', 'x: y', '-dash', '"unclosed', '[a, b]', '{k: v}', 'ÿ ünïcode');
const sourceKey = fc.constantFrom('title', 'url', 'path', 'author', 'published', 'retrieved', 'sha256', 'id', 'Title', 'extra', 'versions');
const block = (keys: fc.Arbitrary<string>, indent: string) => fc.array(fc.tuple(keys, scalar), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${indent}${k}:${v ? ` ${v}` : ''}`));
const entry = fc.oneof(
  block(sourceKey, '  ').map((lines) => ['source:', ...lines]),
  block(sourceKey, '    ').map((lines) => ['source:', ...lines]),
  scalar.map((v) => [`source: ${v}`]),
  fc.array(scalar, { maxLength: 3 }).map((vs) => ['tags:', ...vs.map((v) => `  - ${v}`)]),
  fc.array(fc.constantFrom('ai', '#policy', 'x y', '2025'), { maxLength: 3 }).map((vs) => [`tags: [${vs.join(', ')}]`]),
  scalar.map((v) => [`tags: ${v}`]),
  fc.tuple(fc.constantFrom('title', 'custom', 'Source', 'TAGS', 'entity', 'sources', 'rating'), scalar).map(([k, v]) => [`${k}: ${v}`]),
  fc.constantFrom(['# a comment'], [''], ['title: trailing  '], ['sources:', '  - title: A'], ['entity:', '  type: person']),
);

const noteOf = (entries: ReadonlyArray<readonly string[]>) => ['---', ...entries.flat(), '---', '- #claim Text ^a'];

test('the plain front matter is read as the yaml package reads it, and the rest goes to it', () => {
  let fast = 0;
  let runs = 0;
  fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
    const lines = noteOf(entries);
    runs++;
    const end = lines.indexOf('---', 1);
    if (fastFrontMatter(lines.slice(1, end).join('\n'), end, { start: { line: 0, character: 0 }, end: { line: end, character: 3 } })) fast++;
    assert.deepEqual(parseFrontMatter(lines), parseFrontMatter(lines, { fast: false }), lines.join('\n'));
  }), { numRuns: 3000 });
  // Most generated front matters have some oddity; enough are plain for the comparison to mean something.
  assert.ok(fast > runs / 20, `${fast} of ${runs} read by the fast path`);
});

test('a note with the usual source block is read without the yaml package', () => {
  const lines = ['---', 'source:', '  title: "OpenAI Shifts Focus"', '  url: https://example.com/a', '  path: ../articles/a.txt', '  published: 2025-03-28', 'tags: [ai-industry]', '---'];
  const fm = fastFrontMatter(lines.slice(1, 7).join('\n'), 7, { start: { line: 0, character: 0 }, end: { line: 7, character: 3 } });
  assert.ok(fm, 'the fast path reads it');
  assert.deepEqual(fm.sources[0]!.pathRange, { start: { line: 4, character: 8 }, end: { line: 4, character: 25 } });
  assert.deepEqual(fm, parseFrontMatter(lines, { fast: false }));
});
