// Numbers are kept exactly as the analyst wrote them: an id past 2^53 used to
// round (9007199254740993 became …992) and its mentions were flagged as
// unknown entities; 1e400 became Infinity and a 400-digit value null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../server/src/core/features/diagnostics';
import { parseRegistry } from '../../server/src/core/notes/registry';
import { parseNote } from '../../server/src/core/notes/parser';
import { indexOf, uri } from './helpers';

const THIRTY = '123456789012345678901234567890';
const FOUR_HUNDRED = '9'.repeat(400);

test('an entity id 9007199254740993 resolves from [[9007199254740993]], with no unknown-entity diagnostic', async () => {
  const { index } = await indexOf({
    'entities.yaml': `- id: 9007199254740993\n  name: Exact\n- id: ${THIRTY}\n  name: Thirty\n`,
    'n.md': `- #claim [[9007199254740993]] and [[${THIRTY}]] but not [[9007199254740992]] ^a\n`,
  });
  assert.deepEqual(index.resolveEntity('9007199254740993').map((e) => e.name), ['Exact']);
  assert.deepEqual(index.resolveEntity(THIRTY).map((e) => e.name), ['Thirty']);
  const unknown = (await diagnose(index, uri('n.md'))).filter((d) => d.code === 'unknown-entity');
  // Only the id that differs in its last digit is unknown.
  assert.deepEqual(unknown.map((d) => String(d.message).includes('9007199254740992')), [true]);
});

test('registry names, aliases and ids keep huge numbers as written, through either reader', () => {
  const text = `- id: ${THIRTY}\n  name: 1e400\n  aliases: [${FOUR_HUNDRED}, 1.50, 42]\n`;
  const [e] = parseRegistry('file:///ws/entities.yaml', text).entities;
  assert.deepEqual([e.id, e.name, e.aliases], [THIRTY, '1e400', [FOUR_HUNDRED, '1.50', '42']]);
});

test('front matter keeps huge numbers as written and ordinary numbers as numbers', () => {
  const n = parseNote('file:///ws/n.md', 'n', `---\nid: ${THIRTY}\nsize: 1e400\nlong: ${FOUR_HUNDRED}\ncount: 3\nratio: 0.25\nlist: [9007199254740993, 7]\n---\n`);
  assert.deepEqual(n.frontMatter?.data, { id: THIRTY, size: '1e400', long: FOUR_HUNDRED, count: 3, ratio: 0.25, list: ['9007199254740993', 7] });
});
