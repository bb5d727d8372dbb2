// Find references: an entity's mentions across notes, a claim's references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { references } from '../../server/src/core/features/references';
import { ENTITIES, STRATEGY_NOTE, caret, indexOf, uri, withCaret } from './helpers';

test('references: an entity by name, alias and id across notes; a claim and its references', async () => {
  const { index, uri: u, pos } = await withCaret('notes/n.md', STRATEGY_NOTE.replace('- #claim [[Sam Altman]]', '- #claim [[Sam Alt|man]]'), {
    'entities.yaml': ENTITIES, 'other.md': '- #claim [[sam-altman]] again, see [[n#^billion]] ^o\n',
  });
  const where = (l: { uri: string; range: { start: { line: number; character: number } } }) =>
    `${l.uri.slice('file:///ws/'.length)}:${l.range.start.line}:${l.range.start.character}`;
  assert.deepEqual(references(index, u, pos, true).map(where),
    ['entities.yaml:1:8', 'notes/n.md:5:9', 'notes/n.md:6:9', 'notes/n.md:11:16', 'other.md:0:9']);
  const c = caret(STRATEGY_NOTE.replace('^billion\n', '^bil|lion\n'));
  const { index: i2 } = await indexOf({ 'notes/n.md': c.text, 'other.md': '- #claim see [[n#^billion]] ^o\n' });
  assert.deepEqual(references(i2, uri('notes/n.md'), c.pos, false).map(where), ['notes/n.md:9:15', 'other.md:0:13']);
});
