// Go to definition: mention → entity, reference → claim, source.path → file, link → note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../server/src/core/features/definition';
import { ENTITIES, STRATEGY_NOTE, uri, withCaret } from './helpers';

test('definition: mention → registry entry, claim reference → claim, source.path → file, link → note', async () => {
  const files = { 'entities.yaml': ENTITIES, 'other.md': '- #claim See [[n#^cheap]] ^o\n' };
  const at = async (marked: string) => {
    const { index, uri: u, pos } = await withCaret('notes/n.md', marked, files);
    return definition(index, u, pos);
  };
  assert.deepEqual(await at(STRATEGY_NOTE.replace('[[DeepSEE]]', '[[Deep|SEE]]')), [
    { uri: uri('entities.yaml'), range: { start: { line: 7, character: 8 }, end: { line: 7, character: 16 } } },
  ]);
  assert.deepEqual(await at(STRATEGY_NOTE.replace('supports:: ^billion', 'supports:: ^bil|lion')), [
    { uri: uri('notes/n.md'), range: { start: { line: 5, character: 2 }, end: { line: 6, character: 19 } } },
  ]);
  assert.deepEqual(await at(STRATEGY_NOTE.replace('../articles', '../art|icles')), [
    { uri: uri('articles/a.txt'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
  ]);
  const { index, uri: o, pos } = await withCaret('other.md', '- #claim See [[n#^ch|eap]] ^o\n', { 'entities.yaml': ENTITIES, 'notes/n.md': STRATEGY_NOTE });
  assert.deepEqual(definition(index, o, pos), [
    { uri: uri('notes/n.md'), range: { start: { line: 8, character: 2 }, end: { line: 9, character: 23 } } },
  ]);
});
