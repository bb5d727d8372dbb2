// Find references: an entity's mentions across notes, a claim's references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
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

test('an entity\'s mentions stay those a scan of every note finds, in file order, through edits and deletions', async () => {
  const { index } = await indexOf({ 'entities.yaml': '- id: sam\n  name: Sam Altman\n  aliases: [Altman]\n- id: other\n  name: Other\n' });
  const sam = () => index.resolveEntity('sam')[0]!;
  const mention = fc.constantFrom('[[Sam Altman]]', '[[Altman]]', '[[sam]]', '[[Other]]', 'plain words');
  const op = fc.record({ note: fc.integer({ min: 0, max: 5 }), del: fc.boolean(), lines: fc.array(fc.array(mention, { maxLength: 3 }), { maxLength: 4 }) });
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
    for (const o of ops) {
      const at = uri(`n${o.note}.md`);
      if (o.del) index.delete(at);
      else index.update(at, o.lines.map((l, i) => `- #claim ${l.join(' and ')} ^c${i}\n`).join(''));
    }
    const keys = new Set(index.entityKeysOf(sam()));
    const scanned = [...index.notes.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1))
      .flatMap((n) => n.links.filter((l) => keys.has(l.key)).map((l) => `${n.uri}:${l.range.start.line}:${l.range.start.character}`));
    const where = (l: { uri: string; range: { start: { line: number; character: number } } }) => `${l.uri}:${l.range.start.line}:${l.range.start.character}`;
    assert.deepEqual(index.mentionsOf(sam()).map((m) => where({ uri: m.uri, range: m.link.range })), scanned);
    const unordered: string[] = [];
    index.forEachMention(sam(), (n, l) => unordered.push(where({ uri: n.uri, range: l.range })));
    assert.deepEqual(unordered.sort(), [...scanned].sort());
  }), { numRuns: 150 });
});

test('a note that names one entity a hundred thousand times and more can gain and lose mentions of it', async () => {
  const { index } = await indexOf({
    'entities.yaml': '- id: x\n  name: X\n', 'other.md': '- #claim [[X]] elsewhere ^o\n',
  });
  const x = () => index.resolveEntity('x')[0]!;
  const note = (links: number) => Array.from({ length: Math.ceil(links / 1000) },
    (_, i) => `${'[[X]] '.repeat(Math.min(1000, links - i * 1000))}\n`).join('');
  // More mentions than a function call takes arguments, then one more, then fewer, then as many (written in place).
  for (const links of [150_000, 150_001, 149_000, 149_000]) {
    index.update(uri('big.md'), note(links));
    const mentions = index.mentionsOf(x());
    assert.equal(mentions.filter((m) => m.uri === uri('big.md')).length, links);
    assert.deepEqual(mentions.filter((m) => m.uri !== uri('big.md')).map((m) => m.uri), [uri('other.md')]);
  }
});
