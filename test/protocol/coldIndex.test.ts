// Requests never wait for the whole index (SPEC §10): while the cold index of
// a large workspace runs, a hover on an open note is answered from what is
// read so far, completion says it is incomplete, the claim map draws what is
// read so far and all of it once the index is done, and the index's progress
// is reported as work-done progress from begin to end. Once it is done, the
// first symbol search (which builds its own index) lets a hover go first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CompletionList, type Hover } from 'vscode-languageserver-protocol';
import { ClaimMapRequest } from '../../shared/protocol';
import { TestClient, VSCODE_CAPABILITIES, copySamples, positionOf } from './lspClient';

test('during the cold index, an open note is answered at once; progress goes from begin to end', async () => {
  const root = copySamples();
  const filler = Array.from({ length: 30 }, (_, i) => `- #claim Filler ${i} about [[Topic ${i % 5}]] ^f${i}\n  - note:: ${'padding words '.repeat(20)}\n`).join('');
  for (let n = 0; n < 6000; n++) fs.writeFileSync(path.join(root, 'notes', `filler-${n}.md`), filler);
  const c = TestClient.spawn(root);
  const progress: Array<{ kind: string; percentage?: number }> = [];
  c.connection.onNotification('$/progress', (p: { value: { kind: string; percentage?: number } }) => { progress.push(p.value); });
  try {
    await c.initialize({}, { ...VSCODE_CAPABILITIES, window: { workDoneProgress: true } });
    await c.connection.sendNotification('initialized', {});
    const note = 'notes/openai-consumer-shift.md';
    const text = fs.readFileSync(path.join(root, note), 'utf8');
    const uri = await c.open(note, text);
    const started = performance.now();
    const hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '^transistor', 2) }) as Hover;
    const ms = performance.now() - started;
    const readyBefore = c.statuses.some((s) => s.state === 'ready');
    const list = await c.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'status:: ', 9) }) as CompletionList;
    const stillIndexing = !c.statuses.some((s) => s.state === 'ready');
    const atCursor = { focus: { uri, position: positionOf(text, '^transistor', 2) }, hops: 1 };
    const early = await c.connection.sendRequest(ClaimMapRequest, atCursor);
    console.log(`claim map during the cold index: ${early.nodes.length} nodes (index ${c.statuses.some((s) => s.state === 'ready') ? 'done' : 'still running'})`);
    assert.deepEqual(early.focus, [`claim:${uri}#^transistor`], 'the claim map is answered from the open note');
    console.log(`hover on an open note during the cold index of 6,000 extra notes: ${ms.toFixed(1)} ms (index ${readyBefore ? 'already done' : 'still running'})`);
    assert.ok(!readyBefore, 'the hover was answered before the index was complete');
    // The claim card comes from the open note itself (what other notes say of it joins as they are read).
    assert.match((hover.contents as { value: string }).value, /^\*\*👍 Plausible\*\* · Frontier models will commoditise/);
    if (stillIndexing) assert.equal(list.isIncomplete, true, 'completion during the index says it is incomplete');
    await c.until(() => c.statuses.some((s) => s.state === 'ready'), 'the index', 60000);
    await c.until(() => progress.some((p) => p.kind === 'end'), 'the end of the progress');
    assert.equal(progress[0]?.kind, 'begin');
    const reports = progress.filter((p) => p.kind === 'report').map((p) => p.percentage ?? 0);
    assert.ok(reports.length >= 2, `${reports.length} reports`);
    assert.deepEqual(reports, [...reports].sort((a, b) => a - b), 'the percentage only grows');
    const after = await c.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'status:: ', 9) }) as CompletionList;
    assert.equal(after.isIncomplete, false);
    // Once the index is done, the map has every note: the claim in the other note that supports this one is there.
    const late = await c.connection.sendRequest(ClaimMapRequest, atCursor);
    assert.ok(late.nodes.some((n) => n.id === `claim:${c.uri('notes/deepseek-notes.md')}#^r1-open-weights`), JSON.stringify(late.nodes.map((n) => n.id)));
    assert.equal(late.nodes.length, 5);
    // The first symbol search builds its index, a pass over every note, in slices: a hover sent after it is answered first.
    const order: string[] = [];
    const search = c.connection.sendRequest('workspace/symbol', { query: 'filler' })
      .then((r) => { order.push('workspace/symbol'); return r as unknown[]; });
    const card = c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, '^transistor', 2) })
      .then((h) => { order.push('hover'); return h as Hover; });
    const [found, shown] = await Promise.all([search, card]);
    assert.deepEqual(order, ['hover', 'workspace/symbol'], 'the hover did not wait for the search index of 6,000 notes');
    assert.equal(found.length, 100, 'the search answers its best hundred');
    assert.match((shown.contents as { value: string }).value, /Frontier models will commoditise/);
  } finally {
    await c.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
