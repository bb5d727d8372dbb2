// A note read from disk does not keep its claims' lines: they are read again
// from the file when a claim is shown. What a user sees must not change for it,
// and a file changed behind the index's back must never show a claim with
// another line's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { RecentTexts } from '../../server/src/core/workspace/diskLines';
import { fileUri } from '../../server/src/core/workspace/workspace';
import { claimLine, claimTextCut, claimTextHead, parseNote } from '../../server/src/core/notes/parser';

const NOTE = [
  '---', 'title: Ports', '---', '# Shipping',
  '- #claim/fact The port of [[Rotterdam]] handled [[Rotterdam|the port]] 440 million tonnes in 2023. ^c1',
  '  - status:: supported',
  '- #claim A `#claim` in code and #other tags; kind:: forecast the volume grows ^c2',
  '\ufeffplain prose with [[Antwerp]]',
  '1. #claim  Several   spaces\tand a tab, then a long tail ' + 'of words '.repeat(40) + '[[Hamburg]] ^c3',
  '- #claim ^empty',
].join('\r\n');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-lines-'));
}

async function indexOf(dir: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(new FsWorkspace([fileUri(dir)]));
  await index.build();
  return index;
}

function changed(index: WorkspaceIndex, uri: string): Promise<void> {
  return new Promise((resolve) => {
    const sub = index.onDidChange((uris) => { if (uris.includes(uri)) { sub.dispose(); resolve(); } });
  });
}

test('a note read from disk shows the same claims as the same text parsed in memory, its lines read again from the file', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'ports.md'), '\ufeff' + NOTE);
  const index = await indexOf(dir);
  const uri = fileUri(path.join(dir, 'ports.md'));
  const fromDisk = index.notes.get(uri)!;
  const inMemory = parseNote(uri, 'ports', NOTE);
  assert.equal(fromDisk.claims.length, 4);
  assert.deepEqual(JSON.parse(JSON.stringify(fromDisk)).claims, JSON.parse(JSON.stringify(inMemory)).claims);
  assert.equal(fromDisk.claims[0]!.text, 'The port of Rotterdam handled the port 440 million tonnes in 2023.');
  assert.equal(fromDisk.claims[3]!.text, '');
  fromDisk.claims.forEach((c, i) => {
    const kept = inMemory.claims[i]!;
    assert.equal(claimLine(c), claimLine(kept));
    assert.equal(claimTextHead(c, 20), claimTextHead(kept, 20));
    assert.equal(claimTextCut(c, 20), claimTextCut(kept, 20));
  });
  assert.ok(claimTextCut(fromDisk.claims[2]!, 20), 'the long claim is cut');
});

test('an open document\'s claims show its unsaved text, never the file on disk', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'n.md');
  fs.writeFileSync(file, '- #claim Saved text. ^a\n');
  const index = await indexOf(dir);
  const uri = fileUri(file);
  index.update(uri, '- #claim Unsaved text, typed since. ^a\n');
  fs.writeFileSync(file, '- #claim Another program wrote this. ^a\n');
  assert.equal(index.notes.get(uri)!.claims[0]!.text, 'Unsaved text, typed since.');
});

test('a note changed on disk behind the index\'s back: an unchanged line keeps its text, a changed one shows none, and the note is read again', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'n.md');
  fs.writeFileSync(file, '- #claim First claim stays. ^a\n- #claim Second claim is short. ^b\n');
  const index = await indexOf(dir);
  const uri = fileUri(file);
  const [a, b] = index.notes.get(uri)!.claims;
  fs.writeFileSync(file, '- #claim First claim stays. ^a\n- #claim Second claim was rewritten at length. ^b\n');
  // No watcher event: the index learns of the change when a claim's line is read again.
  const reread = changed(index, uri);
  assert.equal(a!.text, 'First claim stays.');
  assert.equal(b!.text, '', 'a line that changed is not cut where the old one was');
  await reread;
  assert.deepEqual(index.notes.get(uri)!.claims.map((c) => c.text), ['First claim stays.', 'Second claim was rewritten at length.']);
});

test('a note deleted behind the index\'s back: its claims show no text and the index forgets it', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'gone.md');
  fs.writeFileSync(file, '- #claim Soon gone. ^a\n');
  fs.writeFileSync(path.join(dir, 'other.md'), '- #claim Stays. ^b\n');
  const index = await indexOf(dir);
  const uri = fileUri(file);
  const claim = index.notes.get(uri)!.claims[0]!;
  fs.rmSync(file);
  const forgotten = changed(index, uri);
  assert.equal(claim.text, '');
  await forgotten;
  assert.equal(index.notes.has(uri), false);
  assert.equal(index.notes.get(fileUri(path.join(dir, 'other.md')))!.claims[0]!.text, 'Stays.');
});

test('a pass over every claim reads each note once; texts beyond the budget are read again when asked', () => {
  const reads: string[] = [];
  const files = new Map(['a', 'b', 'c'].map((n) => [n, `- #claim ${n.repeat(30)} one\n- #claim ${n.repeat(30)} two\n`]));
  const texts = new RecentTexts((uri) => { reads.push(uri); return { text: files.get(uri)!, stamp: '1' }; }, () => assert.fail('nothing changed'), 150);
  const notes = [...files].map(([uri, text]) => parseNote(uri, uri, text, texts.source(uri, '1')));
  for (const note of notes) for (const c of note.claims) assert.match(c.text, /^(a|b|c){30} (one|two)$/);
  assert.deepEqual(reads, ['a', 'b', 'c']);
  // Two texts fit the budget: the last read is kept, the first was let go.
  notes[2]!.claims[0]!.text;
  notes[0]!.claims[0]!.text;
  assert.deepEqual(reads, ['a', 'b', 'c', 'a']);
});
