// Properties over generated input (fast-check): the note, registry and config
// parsers never throw on anything, and every range they report lies inside
// its document; the linear line scanners give what the regular expressions
// they replaced gave; the fast registry reader agrees with the exact yaml path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNote } from '../../server/src/core/notes/parser';
import { parseRegistry } from '../../server/src/core/notes/registry';
import { parseConfig } from '../../server/src/core/notes/config';
import { fastParseList } from '../../server/src/core/notes/fastYaml';
import { parseYaml } from '../../server/src/core/notes/yamlText';
import { fieldLine, headingLine, inlineFields, maskCode, maskWikilinks, showWikilinks } from '../../server/src/core/notes/lineScan';
import { splitLines } from '../../server/src/core/text/lines';
import { type Range } from '../../server/src/core/notes/model';

const piece = fc.constantFrom(
  '#claim', '#claim/fact', ' ', '  ', '\t', '[[', ']]', '[', ']', '{', '}', '(', ')', '|', '#', '^id', ' ^x-1', '::', 'status:: ok',
  '- ', '  - ', '1. ', '`', '```', '~~~', '"', "'", ':', ',', '&a', '*a', '!!str', '---', '...', '\n', '\r\n', '\r', 'é', '😀', '\u2028',
  'word', 'Sam Altman', '9007199254740993', '1e400', '-', '@', '=', '[k:: v]', '(k:: [[v]])',
);
const line = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
const longLine = fc.tuple(piece, fc.integer({ min: 1000, max: 20000 })).map(([p, n]) => p.repeat(Math.ceil(n / Math.max(1, p.length))));
const body = fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: longLine }), { maxLength: 12 }).map((l) => l.join('\n'));
const yamlish = fc.array(fc.oneof(
  line,
  fc.integer({ min: 1, max: 400 }).map((n) => 'x: ' + '['.repeat(n)),
  fc.integer({ min: 1, max: 150 }).map((n) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n')),
  fc.integer({ min: 1, max: 150 }).map((n) => 'a: &a [x, x]\nb: [' + Array(n).fill('*a').join(', ') + ']'),
  fc.constantFrom('source:\n  path: a.txt\n  sha256: 123', 'sources: [1, {title: [x]}]', 'entity: {aliases: [1e400, "x"]}', 'tags: [a, [b]]'),
), { maxLength: 6 }).map((l) => l.join('\n'));
const note = fc.oneof(body, fc.tuple(yamlish, body).map(([y, b]) => `---\n${y}\n---\n${b}`));

/** Every range lies inside the document: line < lineCount, character ≤ that line's length, start ≤ end. */
function assertInside(text: string, ranges: Iterable<Range>, what: string): void {
  const lines = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  for (const r of ranges) {
    for (const p of [r.start, r.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside ${lines.length} lines`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} outside line ${p.line} (${lines[p.line].length})`);
    }
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ends before it starts`);
  }
}

test('property: parseNote never throws and reports every range inside the note', () => {
  let runs = 0;
  fc.assert(fc.property(note, (text) => {
    runs++;
    const n = parseNote('file:///ws/n.md', 'n', text);
    const ranges: Range[] = [...n.problems.map((p) => p.range), ...n.headings.map((h) => h.range), ...n.links.flatMap((l) => [l.range, l.targetRange]),
      ...n.refs.flatMap((r) => [r.range, r.idRange]), ...n.sources.map((s) => s.range),
      ...n.claims.flatMap((c) => [c.range, c.tagRange, ...(c.idRange ? [c.idRange] : []), ...c.fields.flatMap((f) => [f.keyRange, f.valueRange])])];
    if (n.frontMatter) ranges.push(n.frontMatter.range);
    assertInside(text, ranges, 'note');
    assert.ok(n.problems.length <= 3 * n.lineCount + 20, `${n.problems.length} problems for ${n.lineCount} lines`);
  }), { numRuns: 2000 });
  console.log(`parser: ${runs} generated notes, never threw, every range inside`);
});

test('property: parseRegistry and parseConfig never throw and report every range inside the file', () => {
  let runs = 0;
  fc.assert(fc.property(yamlish, fc.constantFrom('', '- ', '- id: '), (y, lead) => {
    runs++;
    const text = lead + y;
    const r = parseRegistry('file:///ws/entities.yaml', text);
    assertInside(text, [...r.problems.map((p) => p.range), ...r.entities.flatMap((e) => [e.range, e.nameRange, ...e.aliasRanges])], 'registry');
    const c = parseConfig(text);
    assertInside(text, c.problems.map((p) => p.range), 'config');
  }), { numRuns: 3000 });
  console.log(`registry and config: ${runs} generated files each, never threw, every range inside`);
});

// The regular expressions the scanners replaced, as the reference they must agree with.
const OLD_FIELD = /^(\s*)(?:[-*+]\s+)?([A-Za-z][\w-]*)::(\s*)(.*?)\s*$/;
const OLD_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const OLD_INLINE = /[[(]([A-Za-z][\w-]*)::\s*((?:\[\[[^\]]*\]\]|[^\])[])*?)\s*[\])]/g;

test('property: the linear line scanners find exactly what the regexes they replaced found', () => {
  const unit = fc.constantFrom('a', 'b', 'K', '-', '_', ' ', '\t', ':', '::', '[', ']', '[[', ']]', '(', ')', '|', '#', '`', '``', '!', '*', '+', '1', '.', '\u2028', '\r');
  let runs = 0;
  fc.assert(fc.property(fc.array(unit, { maxLength: 40 }).map((u) => u.join('')), (s) => {
    runs++;
    const f = OLD_FIELD.exec(s);
    assert.deepEqual(fieldLine(s), f ? { indent: f[1], key: f[2], gap: f[3], value: f[4] } : undefined, `field ${JSON.stringify(s)}`);
    const h = OLD_HEADING.exec(s);
    const got = headingLine(s);
    assert.deepEqual(got && { hashes: got.hashes, text: got.text ?? undefined }, h ? { hashes: h[1], text: h[2] } : undefined, `heading ${JSON.stringify(s)}`);
    const inline = [...s.matchAll(OLD_INLINE)].map((m) => ({ index: m.index, end: m.index + m[0].length, key: m[1], value: m[2] }));
    assert.deepEqual(inlineFields(s), inline, `inline ${JSON.stringify(s)}`);
    assert.equal(maskCode(s), s.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length)), `code ${JSON.stringify(s)}`);
    assert.equal(maskWikilinks(s), s.replace(/\[\[[^\]]*\]\]/g, (m) => ' '.repeat(m.length)), `links ${JSON.stringify(s)}`);
    assert.equal(showWikilinks(s), s.replace(/!?\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]/g, (_m, t: string, d?: string) => d ?? t.replace(/#.*$/, '')), `shown ${JSON.stringify(s)}`);
  }), { numRuns: 20000 });
  console.log(`line scanners: ${runs} generated lines, same answers as the regexes`);
});

test('property: the fast registry reader agrees with the exact yaml path, big numbers included', () => {
  const scalar = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('word', 'Sam Altman', '42', '1.5', '-3', 'x-1') },
    fc.constantFrom('9007199254740993', '123456789012345678901234567890', '1e400', '9'.repeat(400), '1.50', '007', '-0', '42', '1.5', '-3', 'word', 'two words', '"quoted"'),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
    fc.double({ noNaN: true }).map(String),
  );
  let accepted = 0, declined = 0;
  fc.assert(fc.property(fc.array(fc.tuple(scalar, scalar, fc.array(scalar, { maxLength: 3 })), { minLength: 1, maxLength: 4 }), (entries) => {
    const text = entries.map(([id, name, aliases]) => `- id: ${id}\n  name: ${name}\n  aliases: [${aliases.join(', ')}]\n`).join('');
    const fast = fastParseList(text);
    if (fast === undefined) { declined++; return; }
    accepted++;
    const y = parseYaml(text);
    assert.deepEqual(fast.map((rec) => Object.fromEntries([...rec].map(([k, v]) => [k, v.value]))), y.toJS(y.doc.contents), text);
  }), { numRuns: 600 });
  assert.ok(accepted > 30 && declined > 30, `accepted ${accepted}, declined ${declined}`);
  console.log(`fast registry reader: ${accepted} accepted, ${declined} declined, all agreeing with the exact yaml path`);
});
