// The near-duplicate check on a labelled set (test/fixtures/near-duplicates.json):
// each pair goes into two notes of an index, and the index must find the
// pairs that are the same claim and leave the pairs that only share words.
// Precision and recall are printed; the test fails below the stated floors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NearDuplicateIndex } from '../../server/src/core/features/nearDuplicates';
import { parseNote } from '../../server/src/core/notes/parser';

interface Side { text: string; quote?: string }
const LABELLED = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/near-duplicates.json'), 'utf8')) as { same: Side[][]; different: Side[][] };

/** Floors for the labelled set: most hints must be right, and most restatements found. */
const PRECISION_FLOOR = 0.85;
const RECALL_FLOOR = 0.75;

const note = (name: string, s: Side) =>
  parseNote(`file:///ws/${name}.md`, name, `- #claim ${s.text} ^c\n${s.quote ? `  - quote:: "${s.quote}"\n` : ''}`);

function found(pair: Side[]): boolean {
  const index = new NearDuplicateIndex();
  index.setNote(note('a', pair[0]!));
  index.setNote(note('b', pair[1]!));
  const ab = index.matches('file:///ws/a.md').length > 0;
  assert.equal(index.matches('file:///ws/b.md').length > 0, ab, 'the relation is symmetric');
  return ab;
}

test('near-duplicates: precision and recall on the labelled set', () => {
  const hits = LABELLED.same.filter(found).length;
  const falseHits = LABELLED.different.filter(found);
  const precision = hits / (hits + falseHits.length);
  const recall = hits / LABELLED.same.length;
  console.log(`near-duplicates: precision ${precision.toFixed(2)} (${hits} of ${hits + falseHits.length} hints right), recall ${recall.toFixed(2)} (${hits} of ${LABELLED.same.length} restatements found)`);
  for (const p of falseHits) console.log(`  wrongly paired: "${p[0]!.text}" / "${p[1]!.text}"`);
  assert.ok(precision >= PRECISION_FLOOR, `precision ${precision} below ${PRECISION_FLOOR}`);
  assert.ok(recall >= RECALL_FLOOR, `recall ${recall} below ${RECALL_FLOOR}`);
});

test('near-duplicates: a negation or another number is never the same claim; contractions, case and accents are read through', () => {
  assert.equal(found([{ text: 'DeepSeek is an Anthropic model.' }, { text: 'DeepSeek is not an Anthropic model.' }]), false);
  assert.equal(found([{ text: 'Affiliate fees take about 2% of online purchases.' }, { text: 'Affiliate fees take about 20% of online purchases.' }]), false);
  assert.equal(found([{ text: 'Affiliate fees take about 2% of online purchases.' }, { text: 'Affiliate fees take about 2% of all online purchases.' }]), true);
  assert.equal(found([{ text: "Sam Altman can't stand advertising on screens." }, { text: 'Sam Altman cannot stand advertising on screens.' }]), true);
  assert.equal(found([{ text: "Sam Altman won't allow advertising on screens." }, { text: 'Sam Altman will not allow advertising on screens.' }]), true);
  assert.equal(found([{ text: 'The Café serves crème brûlée every day.' }, { text: 'the cafe serves creme brulee every day' }]), true, 'case and accents are folded');
});

test('near-duplicates: the index follows each note as it changes, and claims in one note are not paired', () => {
  const index = new NearDuplicateIndex();
  const same = 'DeepSeek builds strong models at a fraction of the cost.';
  index.setNote(parseNote('file:///ws/a.md', 'a', `- #claim ${same} ^x\n- #claim ${same} ^y\n`));
  assert.deepEqual(index.matches('file:///ws/a.md'), [], 'two claims of one note');
  index.setNote(parseNote('file:///ws/b.md', 'b', `- #claim ${same} ^z\n`));
  assert.equal(index.matches('file:///ws/b.md').length, 2);
  index.setNote(parseNote('file:///ws/a.md', 'a', '- #claim Something else entirely, about weather. ^x\n'));
  assert.deepEqual(index.matches('file:///ws/b.md'), []);
  index.removeNote('file:///ws/a.md');
  assert.equal(index.size, 1);
});

test('near-duplicates: matching a band at a time gives what matches gives, another question may be asked during a pause, and a change is reported', () => {
  const index = new NearDuplicateIndex();
  const same = 'DeepSeek builds strong models at a fraction of the cost.';
  const other = 'Sam Altman wants a billion users on the platform by next year.';
  index.setNote(parseNote('file:///ws/a.md', 'a', `- #claim ${same} ^x\n- #claim ${other} ^y\n`));
  index.setNote(parseNote('file:///ws/b.md', 'b', `- #claim ${same} ^z\n- #claim ${other} ^w\n`));
  const run = index.matching('file:///ws/a.md');
  let steps = 0;
  let step = run.next();
  for (; !step.done; step = run.next()) steps++;
  assert.ok(steps >= 2 * 8, `a pause per band of each claim (${steps})`);
  assert.deepEqual(step.value!.map((m) => [m.claim.id, m.other.claim.id]), index.matches('file:///ws/a.md').map((m) => [m.claim.id, m.other.claim.id]));
  assert.deepEqual(step.value!.map((m) => [m.claim.id, m.other.claim.id]), [['x', 'z'], ['y', 'w']]);
  // Another question between every step of this one: neither disturbs the other.
  const interleaved = index.matching('file:///ws/a.md');
  let last = interleaved.next();
  for (; !last.done; last = interleaved.next()) assert.equal(index.matches('file:///ws/b.md').length, 2);
  assert.deepEqual(last.value!.map((m) => [m.claim.id, m.other.claim.id]), [['x', 'z'], ['y', 'w']]);
  // A fresh question (another note changed, so nothing is remembered) pauses, and the index changes during the pause.
  index.setNote(parseNote('file:///ws/c.md', 'c', '- #claim Unrelated words about the weather in spring. ^v\n'));
  const paused = index.matching('file:///ws/a.md');
  assert.equal(paused.next().done, false);
  index.setNote(parseNote('file:///ws/b.md', 'b', '- #claim Something else entirely, about weather. ^z\n'));
  const after = paused.next();
  assert.equal(after.done, true);
  assert.equal(after.value, undefined, 'the index changed: ask again');
  assert.deepEqual(index.matches('file:///ws/a.md'), []);
});

test('near-duplicates: a note edited again and again is matched as a fresh index matches it, and another note\'s change is seen', () => {
  const claims = ['DeepSeek builds strong models at a fraction of the cost.', 'Sam Altman wants a billion users on the platform by next year.',
    'Affiliate fees take about two percent of all online purchases.'];
  const b = parseNote('file:///ws/b.md', 'b', claims.map((c, i) => `- #claim ${c} ^b${i}\n`).join(''));
  const index = new NearDuplicateIndex();
  index.setNote(b);
  const pairs = (x: NearDuplicateIndex) => x.matches('file:///ws/a.md').map((m) => `${m.claim.id}=${m.other.claim.id}`);
  const edits = [[0, 1, 2], [0, 1], [1, 2, 0], [2], [0, 1, 2]];
  for (const kept of edits) {
    const a = parseNote('file:///ws/a.md', 'a', kept.map((k, i) => `- #claim ${claims[k]} ^a${i}\n`).join('') + '- #claim Weather in spring is mild. ^w\n');
    index.setNote(a);
    const fresh = new NearDuplicateIndex();
    fresh.setNote(b);
    fresh.setNote(a);
    assert.deepEqual(pairs(index), pairs(fresh), `claims ${kept}`);
    assert.equal(pairs(index).length, kept.length);
  }
  index.setNote(parseNote('file:///ws/b.md', 'b', `- #claim ${claims[0]} ^b0\n`));
  assert.deepEqual(pairs(index), ['a0=b0'], 'b lost two claims: remembered matches are not used');
});

// Claims of ten made-up words each, few shared: a bucket holding too many claims is not read.
const word = (n: number) => 'bcdfghjklmnpqrstvwz'[n % 19]! + 'aeiou'[(n >> 3) % 5]! + 'bcdfghjklmnpqrstvwz'[(n >> 5) % 19]! + 'aeiou'[(n >> 9) % 5]!;
const claim = (i: number) => Array.from({ length: 10 }, (_, k) => word((i * 7919 + k * 104729) % 1000003)).join(' ') + '.';

test('near-duplicates: an index trimmed once built finds what it found, and takes notes written after it', () => {
  const index = new NearDuplicateIndex();
  // Enough claims for the slot arrays to have doubled past what they hold.
  for (let i = 0; i < 300; i++) index.setNote(parseNote(`file:///ws/n${i}.md`, `n${i}`, `- #claim ${claim(i)} ^c\n`));
  index.setNote(parseNote('file:///ws/copy.md', 'copy', `- #claim ${claim(5)} ^c\n`));
  const before = index.matches('file:///ws/copy.md').map((m) => m.other.uri);
  assert.deepEqual(before, ['file:///ws/n5.md']);
  index.trim();
  assert.deepEqual(index.matches('file:///ws/copy.md').map((m) => m.other.uri), before);
  for (let i = 300; i < 700; i++) index.setNote(parseNote(`file:///ws/n${i}.md`, `n${i}`, `- #claim ${claim(i)} ^c\n`));
  // Claims filed before the trim (the first, the last) and after it are all found by a copy.
  for (const i of [0, 299, 300, 650, 699]) {
    index.setNote(parseNote(`file:///ws/copy${i}.md`, `copy${i}`, `- #claim ${claim(i)} ^c\n`));
    assert.deepEqual(index.matches(`file:///ws/copy${i}.md`).map((m) => m.other.uri).filter((u) => !u.includes('copy')), [`file:///ws/n${i}.md`]);
  }
  assert.deepEqual(index.matches('file:///ws/copy.md').map((m) => m.other.uri), before);
});

test('near-duplicates: room reserved ahead, too little or too much, loses no claim filed before or after it', () => {
  for (const room of [20, 150, 1000]) {
    const index = new NearDuplicateIndex();
    for (let i = 0; i < 10; i++) index.setNote(parseNote(`file:///ws/n${i}.md`, `n${i}`, `- #claim ${claim(i)} ^c\n`));
    index.reserve(room);
    for (let i = 10; i < 300; i++) index.setNote(parseNote(`file:///ws/n${i}.md`, `n${i}`, `- #claim ${claim(i)} ^c\n`));
    index.trim();
    for (const i of [0, 9, 10, 149, 150, 299]) {
      index.setNote(parseNote(`file:///ws/copy${i}.md`, `copy${i}`, `- #claim ${claim(i)} ^c\n`));
      assert.deepEqual(index.matches(`file:///ws/copy${i}.md`).map((m) => m.other.uri).filter((u) => !u.includes('copy')), [`file:///ws/n${i}.md`], `room ${room}, claim ${i}`);
    }
  }
});
