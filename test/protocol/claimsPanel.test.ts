// Protocol tests of the claims panel's requests, through the built server
// over stdio: the samples' groups and counts exactly, a group's claims, the
// claim under the cursor, the tooltip card, Set Status's versioned edit, the
// status bar's counts; and the time to the panel's first page on the 10k
// benchmark workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type TextDocumentEdit } from 'vscode-languageserver-protocol';
import {
  ClaimCardRequest, ClaimCountsRequest, ClaimsInGroupRequest, ClaimsOverviewRequest, ClaimsTreeLocateRequest, SetStatusRequest,
} from '../../shared/protocol';
import { convertedCorpus } from '../bench/corpus';
import { samplesServer, TestClient } from './lspClient';

const session = samplesServer();
/** The page the panel asks for (client/src/claimsPanel.ts). */
const PAGE = 200;
const NOTE = 'notes/openai-consumer-shift.md';
const send = () => session.client.connection;
const rows = (groups: Array<{ key: string; label: string; count: number }>) => groups.map((g) => `${g.label} ${g.count}`);

test('the samples: 21 claims, grouped by note, by status and by entity with their counts', async () => {
  const byNote = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'note', filter: {} });
  assert.equal(byNote.total, 21);
  assert.equal(byNote.shown, 21);
  assert.deepEqual(rows(byNote.groups), ['deepseek-notes 3', 'openai-consumer-shift 18']);
  const byStatus = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'status', filter: {} });
  assert.deepEqual(rows(byStatus.groups), ['Unverified 1', 'Supported 10', 'Plausible 5', 'Disputed 3', 'Misleading 1', 'Refuted 1']);
  assert.deepEqual(byStatus.statuses.map((s) => s.icon), ['question', 'pass', 'thumbsup', 'comment-discussion', 'warning', 'error']);
  const byEntity = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'entity', filter: {} });
  assert.deepEqual(rows(byEntity.groups).slice(0, 3), ['Sam Altman 10', 'OpenAI 9', 'DeepSeek 6']);
  assert.equal(byEntity.groups.at(-1)?.label, 'No entity');
});

test('the groups come a page at a time, saying how many there are; a page reaches the group follow cursor asks for', async () => {
  const first = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'entity', filter: {}, limit: 2 });
  const all = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'entity', filter: {} });
  assert.deepEqual(first.groups, all.groups.slice(0, 2));
  assert.equal(first.groupCount, all.groups.length);
  const next = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'entity', filter: {}, offset: 2, limit: 2, through: '' });
  assert.deepEqual(next.groups.map((g) => g.key), all.groups.slice(2).map((g) => g.key), 'on to the last group, "No entity"');
});

test('a filter by text and status narrows the groups and says how many of how many', async () => {
  const o = await send().sendRequest(ClaimsOverviewRequest, { grouping: 'status', filter: { text: 'deepseek', status: ['refuted', 'supported'] } });
  assert.deepEqual(rows(o.groups), ['Supported 3', 'Refuted 1']);
  assert.deepEqual([o.shown, o.total], [4, 21]);
  const refuted = await send().sendRequest(ClaimsInGroupRequest, { grouping: 'status', key: 'refuted', filter: {} });
  assert.deepEqual(refuted.claims.map((c) => `${c.note}#^${c.id}`), ['notes/openai-consumer-shift#^deepseek-owner']);
});

test('the claim under the cursor, its card, and Set Status as a versioned edit of its status line', async () => {
  const uri = session.client.uri(NOTE);
  const text = fs.readFileSync(path.join(session.root, NOTE), 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('^transistor'));
  const at = await send().sendRequest(ClaimsTreeLocateRequest, { grouping: 'status', textDocument: { uri }, line: line + 2 });
  assert.equal(at?.claim.id, 'transistor');
  assert.deepEqual(at?.groups, ['plausible']);
  const card = await send().sendRequest(ClaimCardRequest, { textDocument: { uri }, line });
  assert.match(card ?? '', /^\*\*👍 Plausible\*\* · Frontier models will commoditise/);
  await session.client.open(NOTE);
  const result = await send().sendRequest(SetStatusRequest, { textDocument: { uri }, line, status: 'refuted' });
  assert.ok('edit' in result, JSON.stringify(result));
  const change = result.edit.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, 1);
  assert.deepEqual(change.edits.map((e) => 'newText' in e && e.newText), ['refuted']);
  const wrong = await send().sendRequest(SetStatusRequest, { textDocument: { uri }, line, status: 'maybe' });
  assert.deepEqual(wrong, { error: '"maybe" is not one of this workspace\'s statuses.' });
});

test("the status bar's counts: the note's claims by status and its quotes not found; the workspace's otherwise", async () => {
  const note = await send().sendRequest(ClaimCountsRequest, { textDocument: { uri: session.client.uri(NOTE) } });
  assert.deepEqual({ ...note, statuses: note.statuses.length }, {
    note: 'notes/openai-consumer-shift', claims: 18, quotesNotFound: 0, statuses: 6, rating: { best: 5, worst: 1 },
    byStatus: { supported: 7, unverified: 1, plausible: 5, refuted: 1, disputed: 3, misleading: 1 },
  });
  const all = await send().sendRequest(ClaimCountsRequest, { textDocument: { uri: session.client.uri('articles/openai-consumer-shift.txt') } });
  assert.equal(all.note, null);
  assert.equal(all.claims, 21);
});

test('on the 10k-note workspace the panel answers each grouping\'s first page, and prints how long it took', { timeout: 300_000 }, async (t) => {
  const corpus = convertedCorpus();
  if (!corpus) {
    t.skip('../shared/corpora is absent: no 10k workspace to measure');
    console.log('skipped: ../shared/corpora/interconnected-markdown-10k is absent');
    return;
  }
  const client = await TestClient.start(corpus);
  try {
    const times: Record<string, number[]> = {};
    // The panel opens grouped by note; each grouping is measured as the panel asks: its first page of groups, then the first group's first page of claims.
    // Three rounds: the machine is shared, so every round is printed (the budget is the benchmark's). The first comes right
    // after the cold index, while the counts are still being built behind it: that question finishes the build.
    for (let round = 0; round < 3; round++) {
      for (const grouping of ['note', 'status', 'entity'] as const) {
        const started = performance.now();
        const o = await client.connection.sendRequest(ClaimsOverviewRequest, { grouping, filter: {}, limit: PAGE });
        const first = o.groups[0]!;
        const page = await client.connection.sendRequest(ClaimsInGroupRequest, { grouping, key: first.key, filter: {}, limit: PAGE });
        (times[grouping] ??= []).push(Math.round(performance.now() - started));
        assert.equal(page.claims.length + page.more, first.count);
        assert.equal(o.groups.length, Math.min(PAGE, o.groupCount));
        assert.ok(o.total > 80_000, `${o.total} claims`);
        assert.ok(o.groupCount > (grouping === 'entity' ? 20_000 : grouping === 'note' ? 9_000 : 5), `${o.groupCount} ${grouping} groups`);
      }
    }
    console.log(`claims panel, first page on 10k notes (the first ${PAGE} groups + the first group's first ${PAGE} claims), ms per round: ${JSON.stringify(times)}`);
  } finally {
    await client.stop();
  }
});
