// Entity registries: the fast reader agrees with the `yaml` package, falls
// back to it for anything unusual, and reports bad shapes with positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { fastParseList } from '../../server/src/core/notes/fastYaml';
import { parseRegistry } from '../../server/src/core/notes/registry';
import { ENTITIES } from './helpers';

test('reads entities with id, name, type, aliases, description and links', () => {
  const r = parseRegistry('file:///ws/entities.yaml', ENTITIES);
  assert.equal(r.problems.length, 0);
  assert.deepEqual(r.entities.map((e) => [e.id, e.name, e.type, e.aliases]), [
    ['sam-altman', 'Sam Altman', 'person', ['Altman']],
    ['deepseek', 'DeepSeek', 'organization', ['Deepseek', 'DeepSEE']],
    ['anthropic', 'Anthropic', 'organization', []],
  ]);
  const sam = r.entities[0];
  assert.equal(sam.description, 'Chief executive of OpenAI.');
  assert.deepEqual(sam.links, { url: 'https://example.org/altman' });
  assert.deepEqual(sam.nameRange, { start: { line: 1, character: 8 }, end: { line: 1, character: 18 } });
  assert.deepEqual(r.entities[1].aliasRanges[1], { start: { line: 9, character: 22 }, end: { line: 9, character: 29 } });
});

test('block lists, block maps and quoted names give the same entities and positions through either reader', () => {
  const text = `# people\n- id: a\n  name: "Ann: the first"\n  aliases:\n    - Annie\n    - 'A. N.'\n  links:\n    url: https://x.org\n`;
  const r = parseRegistry('file:///ws/entities.yaml', text);
  assert.deepEqual(r.entities[0].aliases, ['Annie', 'A. N.']);
  assert.equal(r.entities[0].name, 'Ann: the first');
  assert.deepEqual(r.entities[0].aliasRanges[0], { start: { line: 4, character: 6 }, end: { line: 4, character: 11 } });
  // An anchor is outside the fast reader's shape: `yaml` reads it, with the same result.
  const withAnchor = parseRegistry('file:///ws/entities.yaml', text.replace('- id: a', '- id: &x a'));
  assert.deepEqual(withAnchor.entities[0].aliases, ['Annie', 'A. N.']);
  assert.deepEqual(withAnchor.entities[0].aliasRanges[0], r.entities[0].aliasRanges[0]);
});

test('malformed YAML is an error at its line; a registry that is not a list says what it should be', () => {
  const bad = parseRegistry('file:///ws/entities.yaml', '- id: a\n  name: [oops\n- id: b\n  name: B\n');
  const yamlError = bad.problems.find((p) => p.code === 'registry-yaml');
  assert.ok(yamlError);
  assert.equal(yamlError.severity, 'error');
  const notList = parseRegistry('file:///ws/entities.yaml', 'name: Sam\n');
  assert.match(notList.problems[0].message, /is a YAML list/);
  const noName = parseRegistry('file:///ws/entities.yaml', '- type: person\n');
  assert.match(noName.problems[0].message, /neither a name nor an id/);
});

// Registries built from pieces the fast reader claims to support, plus pieces it must refuse.
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .'-]{0,12}$/).filter((s) => !s.endsWith(' '));
const scalar = fc.oneof(
  word, fc.integer().map(String), fc.constantFrom('true', 'null', '~', '', '1.5e3', '0x1F', '2025-03-28', 'a: b', 'x #c', '"q"', "'it''s'", '"a\\"b"', '[x]', '{ }'),
);
const entry = fc.record({
  name: scalar,
  type: fc.constantFrom('person', 'organization', 'other'),
  aliases: fc.array(word, { maxLength: 3 }),
  block: fc.boolean(),
  links: fc.option(fc.tuple(word, word)),
});

test('property: the fast reader gives exactly what the yaml package gives, or declines', () => {
  let accepted = 0, declined = 0;
  fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
    const text = entries.map((e, i) => {
      let s = `- id: e${i}\n  name: ${e.name}\n  type: ${e.type}\n`;
      s += e.block && e.aliases.length ? `  aliases:\n${e.aliases.map((a) => `    - ${a}\n`).join('')}` : `  aliases: [${e.aliases.join(', ')}]\n`;
      if (e.links) s += `  links: { ${e.links[0].replace(/[^A-Za-z]/g, '') || 'k'}: ${e.links[1]} }\n`;
      return s;
    }).join('');
    const fast = fastParseList(text);
    if (fast === undefined) { declined++; return true; }
    accepted++;
    let expected: unknown;
    try { expected = parse(text, { uniqueKeys: true }); } catch { assert.fail(`fast reader accepted what yaml rejects:\n${text}`); }
    const got = fast.map((rec) => Object.fromEntries([...rec].map(([k, v]) => [k, v.value])));
    assert.deepEqual(got, expected, text);
    return true;
  }), { numRuns: 400 });
  // Both paths must have been exercised for the property to mean anything.
  assert.ok(accepted > 50 && declined > 50, `accepted ${accepted}, declined ${declined}`);
});
