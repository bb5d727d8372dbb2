// The anchors record's file: written sorted and stable for diffs, read back
// the same, and read with a guard — a file that is not JSON, of the wrong
// shape or with a bad entry is a problem at its place, never an exception.
// Its keys survive edits that do not touch the claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { claimKeys, parseAnchorRecord, quoteKey, type RecordedAnchor, writeAnchorRecord } from '../../server/src/core/anchoring/anchorRecord';
import { parseNote } from '../../server/src/core/notes/parser';

const DIGEST = 'ab'.repeat(32);
const entry = (over: Partial<RecordedAnchor> = {}): RecordedAnchor => ({
  source: 'articles/a.txt', sha256: DIGEST, start: 10, end: 20, exact: 'the passage', prefix: 'before ', suffix: ' after', quote: 'the passage', ...over,
});

test('written with every key sorted, 2-space indentation and a final newline; read back the same', () => {
  const entries = new Map([
    ['notes/b.md#^z/1', entry({ occurrence: 2 })],
    ['notes/a.md#^y/2', entry({ reviewed: { decision: 'kept', sha256: 'cd'.repeat(32) } })],
  ]);
  const text = writeAnchorRecord(entries);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(text.split('\n').slice(0, 5), ['{', '  "format": "claimlens-anchors",', '  "quotes": {', '    "notes/a.md#^y/2": {', '      "end": 20,']);
  const keysInOrder = [...text.matchAll(/^ {6}"(\w+)"/gm)].map((m) => m[1]).slice(0, 9);
  assert.deepEqual(keysInOrder, ['end', 'exact', 'prefix', 'quote', 'reviewed', 'sha256', 'source', 'start', 'suffix']);
  const back = parseAnchorRecord(text);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.entries, new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1))));
  assert.equal(writeAnchorRecord(back.entries), text, 'the same record, the same bytes');
});

test('a file that is not JSON is one error at the place the parser stopped', () => {
  const r = parseAnchorRecord('{\n  "format": "claimlens-anchors",\n  "quotes": {\n');
  assert.equal(r.entries.size, 0);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.code, 'anchors-record');
  assert.equal(r.problems[0]!.severity, 'error');
  assert.match(r.problems[0]!.message, /^The anchors record is not valid JSON \(.+\); its quotes count as not confirmed\.$/);
  assert.equal(r.problems[0]!.range.start.line, 3);
});

test('the wrong shape or a newer version is an error; a bad entry is left out with a warning at its key', () => {
  assert.match(parseAnchorRecord('[]').problems[0]!.message, /should be \{ "format": "claimlens-anchors"/);
  assert.match(parseAnchorRecord('{"format":"claimlens-anchors","version":2,"quotes":{}}').problems[0]!.message, /has version 2; this Claimlens reads version 1/);
  const text = JSON.stringify({ format: 'claimlens-anchors', version: 1, quotes: {
    'n.md#^good/1': entry(),
    'n.md#^bad/1': { ...entry(), sha256: 'not a digest' },
    'n.md#^pin/1': { ...entry(), occurrence: 0 },
  } }, null, 2);
  const r = parseAnchorRecord(text);
  assert.deepEqual([...r.entries.keys()], ['n.md#^good/1']);
  assert.deepEqual(r.problems.map((p) => [p.severity, p.range.start.line, p.message]), [
    ['warning', 14, 'The anchors record\'s entry "n.md#^bad/1" needs "sha256" as 64 lower-case hex digits; it is left out.'],
    ['warning', 24, 'The anchors record\'s entry "n.md#^pin/1" has an "occurrence" that is not a number from 1 on; it is left out.'],
  ]);
});

const hash = (t: string) => createHash('sha256').update(t).digest('hex');

test('keys name the note and the claim, by id or by the hash of its words, and survive unrelated edits', () => {
  const note = '- #claim Prices will fall. ^prices\n  - quote:: "a"\n- #claim No id here.\n  - quote:: "b"\n- #claim No id here.\n';
  const keys = (text: string) => [...claimKeys('notes/n.md', parseNote('file:///ws/notes/n.md', 'notes/n', text), hash).values()];
  const before = keys(note);
  assert.deepEqual(before, ['notes/n.md#^prices', `notes/n.md#~${hash('No id here.').slice(0, 8)}`, `notes/n.md#~${hash('No id here.').slice(0, 8)}-2`]);
  // A claim added above, a status set, the id-less claim's line re-indented: the same keys.
  const edited = '# Notes\n- #claim Something else entirely. ^other\n' + note.replace('  - quote:: "a"', '  - status:: refuted\n  - quote:: "a"');
  assert.deepEqual(keys(edited).slice(1), before);
  assert.equal(quoteKey(before[0]!, 0), 'notes/n.md#^prices/1');
});
