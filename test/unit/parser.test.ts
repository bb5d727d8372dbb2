// The note parser: claims, ids, fields, kinds, links, references, headings,
// front matter, and the bad input of SPEC §8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { claimTextHead, parseNote } from '../../server/src/core/notes/parser';
import { unquote } from '../../server/src/core/notes/quotes';

const parse = (text: string) => parseNote('file:///ws/n.md', 'n', text);

const SPEC_NOTE = `---
source:
  title: "OpenAI Shifts Focus"
  url: https://example.com/openai-consumer-shift
  path: ../articles/openai-consumer-shift.txt
  published: 2025-03-28
tags: [ai-industry]
custom: kept
---
# OpenAI's consumer pivot

- #claim Frontier models will commoditise the way transistors did. ^transistor
  - by:: [[Sam Altman]]
  - quote:: "most models, except for the very leading edge, will become commoditized"
  - kind:: prediction
  - Status:: plausible

- #claim DeepSeek is an [[Anthropic]] model. ^deepseek-owner
  - quote:: "Anthropic's Deepseek"
  - status:: refuted
  - contradicts:: [[deepseek-notes#^independent-lab]], ^transistor

A paragraph that mentions [[OpenAI]] is prose, not a claim.
`;

test('reads the claims of the SPEC example with ids, text, fields and kinds', () => {
  const n = parse(SPEC_NOTE);
  assert.equal(n.claims.length, 2);
  const [a, b] = n.claims;
  assert.equal(a.id, 'transistor');
  assert.equal(a.text, 'Frontier models will commoditise the way transistors did.');
  assert.equal(a.kind, 'prediction');
  assert.deepEqual(a.fields.map((f) => [f.key, f.value]), [
    ['by', '[[Sam Altman]]'],
    ['quote', '"most models, except for the very leading edge, will become commoditized"'],
    ['kind', 'prediction'],
    ['status', 'plausible'],
  ]);
  assert.deepEqual(a.idRange, { start: { line: 11, character: 68 }, end: { line: 11, character: 78 } });
  assert.deepEqual(a.range, { start: { line: 11, character: 2 }, end: { line: 15, character: 22 } });
  assert.equal(b.text, 'DeepSeek is an Anthropic model.');
  assert.equal(a.heading, 0);
  assert.equal(n.headings[0].text, "OpenAI's consumer pivot");
});

test('keeps front matter sources, tags and unknown keys', () => {
  const n = parse(SPEC_NOTE);
  assert.equal(n.sources.length, 1);
  assert.equal(n.sources[0].path, '../articles/openai-consumer-shift.txt');
  assert.equal(n.sources[0].published, '2025-03-28');
  assert.deepEqual(n.sources[0].pathRange, { start: { line: 4, character: 8 }, end: { line: 4, character: 45 } });
  assert.deepEqual(n.tags, ['ai-industry']);
  assert.equal(n.frontMatter?.data.custom, 'kept');
});

test('finds links in claims, fields and prose, and claim references', () => {
  const n = parse(SPEC_NOTE);
  assert.deepEqual(n.links.map((l) => [l.target, l.claim, l.field ?? null]), [
    ['Sam Altman', 0, 'by'], ['Anthropic', 1, null], ['deepseek-notes', 1, 'contradicts'], ['OpenAI', -1, null],
  ]);
  const refs = [...n.refs].sort((x, y) => x.range.start.character - y.range.start.character);
  assert.deepEqual(refs.map((r) => [r.note ?? null, r.id, r.field]), [
    ['deepseek-notes', 'independent-lab', 'contradicts'], [null, 'transistor', 'contradicts'],
  ]);
  const bare = refs[1];
  assert.deepEqual(bare.idRange, { start: { line: 20, character: 56 }, end: { line: 20, character: 66 } });
});

test('#claim/<kind> sets the kind; inline [key:: value] fields are read and left out of the text', () => {
  const n = parse('- #claim/statistic Revenue grew [by:: [[Sam Altman]]] 40% [status:: supported] ^rev\n');
  const c = n.claims[0];
  assert.equal(c.kind, 'statistic');
  assert.equal(c.text, 'Revenue grew 40%');
  assert.deepEqual(c.fields.map((f) => [f.key, f.value, f.inline]), [['by', '[[Sam Altman]]', true], ['status', 'supported', true]]);
  assert.deepEqual(n.links.map((l) => [l.target, l.field]), [['Sam Altman', 'by']]);
  assert.deepEqual(c.fields[1].valueRange, { start: { line: 0, character: 68 }, end: { line: 0, character: 77 } });
});

test('a paragraph claim takes following key:: value lines as its fields', () => {
  const n = parse('Intro.\n\n#claim Prices fall every year. ^prices\nstatus:: disputed\n\nAfter.\n');
  assert.equal(n.claims.length, 1);
  assert.equal(n.claims[0].text, 'Prices fall every year.');
  assert.equal(n.claims[0].fields[0].value, 'disputed');
  assert.equal(n.claims[0].range.end.line, 3);
});

test('wikilinks show their display text in the claim text; other #tags are collected', () => {
  const n = parse('- #claim [[Sam Altman|Altman]] praised [[DeepSeek]] #ai #claim-like\n');
  assert.equal(n.claims[0].text, 'Altman praised DeepSeek #ai #claim-like');
  assert.deepEqual(n.claims[0].tags, ['ai', 'claim-like']);
  assert.equal(n.links[0].display, 'Altman');
});

test('nothing inside fenced code or inline code is read', () => {
  const n = parse('```\n- #claim not a claim [[X]]\n```\n`#claim no` and `[[Y]]`\n- #claim real ^r\n');
  assert.deepEqual(n.claims.map((c) => c.id), ['r']);
  assert.equal(n.links.length, 0);
});

test('an empty #claim and an unclosed [[ are reported, and parsing goes on', () => {
  const n = parse('- #claim\n- #claim ^only-id\n- #claim [[Open and more\n- #claim fine ^ok\n');
  assert.equal(n.claims.length, 4);
  assert.deepEqual(n.problems.map((p) => [p.code, p.range.start.line]), [
    ['empty-claim', 0], ['empty-claim', 1], ['unclosed-link', 2],
  ]);
  assert.equal(n.claims[3].id, 'ok');
});

test('malformed front matter is a YAML problem at its position; the body is still read', () => {
  const n = parse('---\nsource: [unclosed\ntags: x\n---\n- #claim still here ^s\n');
  assert.equal(n.claims[0].id, 's');
  const p = n.problems.find((x) => x.code === 'front-matter-yaml');
  assert.ok(p, 'a YAML problem');
  assert.equal(p.severity, 'error');
  assert.match(p.message, /Flow sequence/);
  // The YAML error points into the front matter, where the unclosed [ starts or is noticed.
  assert.ok(p.range.start.line >= 1 && p.range.start.line <= 2, `line ${p.range.start.line}`);
});

test('CRLF line endings and a byte-order mark', () => {
  const n = parse('\ufeff---\r\ntags: [a]\r\n---\r\n- #claim one ^one\r\n  - status:: refuted\r\n');
  assert.deepEqual(n.tags, ['a']);
  assert.equal(n.claims[0].id, 'one');
  assert.equal(n.claims[0].fields[0].value, 'refuted');
});

test('block ids anywhere in the note are known as reference targets', () => {
  const n = parse('A plain paragraph. ^para\n- #claim c ^c1\n');
  assert.deepEqual([...n.blockIds].sort(), ['c1', 'para']);
});

test('an entity note takes its name from its heading and its description from the first paragraph', () => {
  const n = parseNote('file:///ws/entities/openai.md', 'entities/openai', '---\nentity:\n  type: organization\n  aliases: [Open AI]\n---\n# OpenAI\n\nAn AI company.\nBased in San Francisco.\n\nMore.\n');
  assert.equal(n.entity?.name, 'OpenAI');
  assert.equal(n.entity?.type, 'organization');
  assert.deepEqual(n.entity?.aliases, ['Open AI']);
  assert.equal(n.entity?.description, 'An AI company. Based in San Francisco.');
  assert.equal(n.entity?.id, 'openai');
});

test('links and references come in the order of the lines: each claim\'s together, after the previous claim\'s', () => {
  const n = parse(`# [[Heading link]]

- #claim A [[One]] claim ^a
  - by:: [[Two]]
  - contradicts:: ^c
Prose with [[Three]].
- #claim B [[Four]] with inline:: [[Five]] ^b
  - supports:: ^a
  - refines:: [[other#^x]]
`);
  const claims = (items: { claim: number }[]) => items.map((i) => i.claim);
  assert.deepEqual(claims(n.links), [-1, 0, 0, -1, 1, 1, 1]);
  assert.deepEqual(claims(n.refs), [0, 1, 1]);
});

test('unquote: the text inside straight or curly quotation marks, as is when unquoted', () => {
  const cases: Array<[string, string]> = [
    ['"a b"', 'a b'], ['“a b”', 'a b'], ['“a b"', 'a b'], ['”a”', 'a'], ['„a“', 'a'], ['„a”', 'a'], ["'a'", 'a'], ['‘a’', 'a'],
    ['«a»', 'a'], ['«a"', 'a'], ['  “a”  ', 'a'], ['“a', '“a'], ['a”', 'a”'], ['"', '"'], ['""', ''], ['‘a\'', '‘a\''], ['plain', 'plain'], ['', ''],
  ];
  for (const [written, text] of cases) assert.equal(unquote(written), text, written);
});

test('a claim\'s text head is the beginning of its text, longer than asked, or the whole text', () => {
  // Lines of words, links (with and without display text, unclosed, nested brackets), inline fields and spaces.
  const piece = fc.oneof(
    fc.constantFrom('word', 'Two words', '  ', ' ', '[[', ']]', '|', ']', '#', '!'),
    fc.stringMatching(/^[a-z]{1,12}$/).map((w) => `[[${w}]]`),
    fc.tuple(fc.stringMatching(/^[a-z ]{1,40}$/), fc.stringMatching(/^[a-z]{1,6}$/)).map(([t, d]) => `[[${t}|${d}]]`),
    fc.stringMatching(/^[a-z]{1,8}$/).map((v) => ` [by:: ${v}] `),
  );
  fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (parts, min) => {
    const line = `- #claim ${parts.join(' ')} ^id\n`;
    const text = parse(line).claims[0]!.text;
    // Parsed again: the text asked for above is kept on its claim, and a head of it would be the whole.
    const head = claimTextHead(parse(line).claims[0]!, min);
    assert.ok(text.startsWith(head), `${JSON.stringify(head)} begins ${JSON.stringify(text)}`);
    assert.ok(head === text || head.length > min, `${head.length} of ${text.length} asked ${min}`);
  }), { numRuns: 2000 });
});
