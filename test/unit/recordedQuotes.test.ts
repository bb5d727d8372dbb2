// Quotes and the anchors record, through the service as the editor and the
// command line use it, on inline fixtures: a quote that matches in three
// places equally well lists them with a fix per place; the pinned place is
// kept through unrelated edits of the note and of the article; confirming
// records every quote that has one place and leaves the ambiguous ones out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { type Problem } from '../../server/src/core/notes/model';
import { ROOT, uri } from './helpers';

const ARTICLE = [
  'Council meeting, 3 June.',
  'Is the motion carried? Yes, said the chair, and moved on to the budget.',
  'Is the budget approved? Yes, said the treasurer, reading from her notes.',
  'Is the meeting closed? Yes, said the secretary, at last.',
  '',
].join('\n');

const NOTE = `---
source:
  path: ../articles/minutes.txt
---
# Minutes
- #claim The treasurer approved the budget. ^budget
  - quote:: "Yes, said the"
- #claim The meeting was opened on time. ^opened
  - quote:: "Council meeting, 3 June."
`;

const RECORD = uri('.claimlens/anchors.json');

async function workspace(files: Record<string, string> = {}) {
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries({ 'articles/minutes.txt': ARTICLE, 'notes/minutes.md': NOTE, ...files })
    .map(([p, t]) => [uri(p), t])));
  const service = createClaimlens({ workspace: ws, codec: nodeCodec });
  await service.start();
  // Code actions are for the documents open in the editor.
  service.setDocument(uri('notes/minutes.md'), 1, files['notes/minutes.md'] ?? NOTE);
  /** Writes a file as an editor's save would, and tells the service. */
  let version = 1;
  const write = async (path: string, text: string) => {
    if (path === 'notes/minutes.md') { service.setDocument(uri(path), ++version, text); return; }
    ws.set(uri(path), text);
    await service.filesChanged([{ uri: uri(path), deleted: false }]);
  };
  return { ws, service, write };
}

const ambiguity = (ps: Problem[]) => ps.find((p) => p.code === 'quote-ambiguous');

test('three equally good places: the hint lists each with its line and context, and offers one pin per place', async () => {
  const { service } = await workspace();
  const problems = await service.problems(uri('notes/minutes.md'));
  const hint = ambiguity(problems)!;
  assert.equal(hint.message, [
    'This quote occurs 3 times in ../articles/minutes.txt, each as closely; the first is taken.',
    '1. line 2: …the motion carried? «Yes, said the» chair, and moved on…',
    '2. line 3: …budget approved? «Yes, said the» treasurer, reading…',
    '3. line 4: …the meeting closed? «Yes, said the» secretary, at last.',
    'Pin the one you mean (quick fix): it is recorded in .claimlens/anchors.json.',
  ].join('\n'));
  const actions = await service.codeActions(uri('notes/minutes.md'), hint.range, [hint]);
  assert.deepEqual(actions.filter((a) => a.kind === 'quickfix').map((a) => a.title), [
    'Pin occurrence 1 of 3 (line 2: …motion carried? «Yes, said the» chair, and…)',
    'Pin occurrence 2 of 3 (line 3: …approved? «Yes, said the» treasurer,…)',
    'Pin occurrence 3 of 3 (line 4: …meeting closed? «Yes, said the» secretary, at…)',
  ]);
  // A pin never rewrites the quote: it is the server's own command, with no edit to the note.
  assert.ok(actions.filter((a) => a.kind === 'quickfix').every((a) => a.edit === undefined && a.command?.id === 'claimlens.pinOccurrence'));
});

test('the pinned place is taken and kept after an unrelated edit of the note and of the article', async () => {
  const { ws, service, write } = await workspace();
  const hint = ambiguity(await service.problems(uri('notes/minutes.md')))!;
  const pin = (await service.codeActions(uri('notes/minutes.md'), hint.range, [hint]))[1]!;
  const written = await service.pinOccurrence(pin.command!.arguments[0] as Parameters<typeof service.pinOccurrence>[0]);
  assert.ok(!('error' in written), JSON.stringify(written));
  assert.equal(written.uri, RECORD);
  const entry = JSON.parse(written.text).quotes['notes/minutes.md#^budget/1'];
  assert.deepEqual([entry.occurrence, entry.exact, entry.suffix], [2, 'Yes, said the', ' treasurer, reading from her not']);
  await write('.claimlens/anchors.json', written.text);

  const taken = async () => {
    const card = await service.claimCardAt(uri('notes/minutes.md'), 5);
    return card?.split('\n').find((l) => l.startsWith('…'));
  };
  assert.equal(ambiguity(await service.problems(uri('notes/minutes.md'))), undefined, 'no longer ambiguous');
  assert.equal(await taken(), '…budget. Is the budget approved? **Yes, said the** treasurer, reading from her not…');

  // The note gains a claim above and a status; the article gains a paragraph at the top.
  await write('notes/minutes.md', NOTE.replace('# Minutes\n', '# Minutes\n- #claim A claim added above. ^above\n').replace('  - quote:: "Yes, said the"', '  - status:: supported\n  - quote:: "Yes, said the"'));
  await write('articles/minutes.txt', `Published after the meeting, with corrections.\n\n${ARTICLE}`);
  assert.equal(ambiguity(await service.problems(uri('notes/minutes.md'))), undefined, 'still pinned');
  const card = await service.claimCardAt(uri('notes/minutes.md'), 6);
  assert.match(card!, /…budget. Is the budget approved\? \*\*Yes, said the\*\* treasurer, reading from her not…/);
  assert.match(card!, /The article changed since this quote was confirmed; the passage is still in it, moved/);
  assert.equal(ws.folders.length, 1);
});

test('confirming records every quote with one place, leaves the ambiguous one out, and is stable', async () => {
  const { service, write } = await workspace();
  const first = await service.confirmQuotes();
  assert.ok(!('error' in first));
  assert.equal(first.length, 1);
  assert.deepEqual(first[0]!.summary, { recorded: 1, updated: 1, ambiguous: 1, unanchored: 0, awaitingReview: 0 });
  assert.deepEqual(Object.keys(JSON.parse(first[0]!.text).quotes), ['notes/minutes.md#^opened/1']);
  await write('.claimlens/anchors.json', first[0]!.text);
  const again = await service.confirmQuotes();
  assert.ok(!('error' in again));
  assert.equal(again[0]!.text, first[0]!.text, 'the same quotes, the same bytes');
  assert.deepEqual(again[0]!.summary, { recorded: 1, updated: 0, ambiguous: 1, unanchored: 0, awaitingReview: 0 });
});

test('a malformed record is a problem on its file, the quotes count as not confirmed, and confirming refuses to overwrite it', async () => {
  const { service } = await workspace({ '.claimlens/anchors.json': '<<<<<<< HEAD\n{}\n' });
  assert.deepEqual((await service.problems(RECORD)).map((p) => [p.code, p.severity, p.range.start.line]), [['anchors-record', 'error', 0]]);
  assert.ok(ambiguity(await service.problems(uri('notes/minutes.md'))), 'the note is anchored as if there were no record');
  assert.ok((await service.checkedFiles()).includes(RECORD), 'claimlens check reports it');
  assert.equal(await service.exportTargetConflict(RECORD), 'the workspace\'s anchors record', 'an export never writes over it');
  const refused = await service.confirmQuotes();
  assert.ok('error' in refused);
  assert.match(refused.error, /^\.claimlens\/anchors\.json has a problem \(line 1: The anchors record is not valid JSON .*\) and is not rewritten: correct it, or delete it to start again\.$/);
});
