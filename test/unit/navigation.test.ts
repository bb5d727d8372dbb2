// Go to definition, find references, document and workspace symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../server/src/features/definition';
import { references } from '../../server/src/features/references';
import { documentSymbols, workspaceSymbols } from '../../server/src/features/symbols';
import { ENTITIES, caret, indexOf, uri, withCaret } from './helpers';

const NOTE = `---
source:
  path: ../articles/a.txt
---
# Strategy
- #claim [[Sam Altman]] wants a billion users. ^billion
  - by:: [[Altman]]
## Rivals
- #claim [[DeepSEE]] is cheap. ^cheap
  - supports:: ^billion
# Prose
Some text about [[Sam Altman]].
`;

test('definition: mention → registry entry, claim reference → claim, source.path → file, link → note', async () => {
  const files = { 'entities.yaml': ENTITIES, 'other.md': '- #claim See [[n#^cheap]] ^o\n' };
  const at = async (marked: string) => {
    const { index, uri: u, pos } = await withCaret('notes/n.md', marked, files);
    return definition(index, u, pos);
  };
  assert.deepEqual(await at(NOTE.replace('[[DeepSEE]]', '[[Deep|SEE]]')), [
    { uri: uri('entities.yaml'), range: { start: { line: 7, character: 8 }, end: { line: 7, character: 16 } } },
  ]);
  assert.deepEqual(await at(NOTE.replace('supports:: ^billion', 'supports:: ^bil|lion')), [
    { uri: uri('notes/n.md'), range: { start: { line: 5, character: 2 }, end: { line: 6, character: 19 } } },
  ]);
  assert.deepEqual(await at(NOTE.replace('../articles', '../art|icles')), [
    { uri: uri('articles/a.txt'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  ]);
  const { index, uri: o, pos } = await withCaret('other.md', '- #claim See [[n#^ch|eap]] ^o\n', { 'entities.yaml': ENTITIES, 'notes/n.md': NOTE });
  assert.deepEqual(definition(index, o, pos), [
    { uri: uri('notes/n.md'), range: { start: { line: 8, character: 2 }, end: { line: 9, character: 23 } } },
  ]);
});

test('references: an entity by name, alias and id across notes; a claim and its references', async () => {
  const { index, uri: u, pos } = await withCaret('notes/n.md', NOTE.replace('- #claim [[Sam Altman]]', '- #claim [[Sam Alt|man]]'), {
    'entities.yaml': ENTITIES, 'other.md': '- #claim [[sam-altman]] again, see [[n#^billion]] ^o\n',
  });
  const where = (l: { uri: string; range: { start: { line: number; character: number } } }) =>
    `${l.uri.slice('file:///ws/'.length)}:${l.range.start.line}:${l.range.start.character}`;
  assert.deepEqual(references(index, u, pos, true).map(where),
    ['entities.yaml:1:8', 'notes/n.md:5:9', 'notes/n.md:6:9', 'notes/n.md:11:16', 'other.md:0:9']);
  const c = caret(NOTE.replace('^billion\n', '^bil|lion\n'));
  const { index: i2 } = await indexOf({ 'notes/n.md': c.text, 'other.md': '- #claim see [[n#^billion]] ^o\n' });
  assert.deepEqual(references(i2, uri('notes/n.md'), c.pos, false).map(where), ['notes/n.md:9:15', 'other.md:0:13']);
});

test('document symbols nest every claim under its heading', async () => {
  const { index } = await indexOf({ 'n.md': NOTE, 'entities.yaml': ENTITIES });
  const syms = documentSymbols(index, index.notes.get(uri('n.md'))!);
  const shape = (s: typeof syms): unknown => s.map((x) => [x.name, x.detail ?? '', shape(x.children ?? [])]);
  assert.deepEqual(shape(syms), [
    ['Strategy', '', [
      ['Sam Altman wants a billion users.', '❔ Unverified ^billion', []],
      ['Rivals', '', [['DeepSEE is cheap.', '❔ Unverified ^cheap', []]]],
    ]],
    ['Prose', '', []],
  ]);
});

test('workspace symbols find claims by text and id, entities by name and alias', async () => {
  const { index } = await indexOf({ 'n.md': NOTE, 'entities.yaml': ENTITIES });
  assert.deepEqual(workspaceSymbols(index, 'deepsee').map((s) => s.name), ['DeepSeek', 'DeepSEE is cheap.']);
  assert.deepEqual(workspaceSymbols(index, 'billion').map((s) => [s.name, s.containerName]), [['Sam Altman wants a billion users.', 'n#^billion']]);
  assert.deepEqual(workspaceSymbols(index, 'cheap').map((s) => s.name), ['DeepSEE is cheap.']);
  assert.equal(workspaceSymbols(index, '').length, 5);
});
