// The same claim in two notes, through the service: the near-duplicate hint
// (a warning when the verdicts differ), its two quick fixes, and the hint
// gone once either fix is applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimlens, IDLE_COLLECT_MS } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { applyTo, ROOT, uri } from './helpers';

const A = '# A\n- #claim DeepSeek builds high-quality models at a fraction of the usual cost. ^cost\n  - status:: supported\n';
const B = '# B\n- #claim DeepSeek trains high-quality models for a fraction of the usual cost. ^cheap\n  - status:: refuted\n';

async function open(files: Record<string, string>) {
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const service = createClaimlens({ workspace: ws, codec: nodeCodec });
  await service.start();
  for (const [p, t] of Object.entries(files)) service.setDocument(uri(p), 1, t);
  const hints = async (p: string) => (await service.problems(uri(p))).filter((x) => x.code === 'near-duplicate');
  return { service, hints };
}

test('a look-alike claim in another note: a warning naming it, since the verdicts differ', async () => {
  const { hints } = await open({ 'a.md': A, 'b.md': B });
  const [h] = await hints('a.md');
  assert.equal(h!.severity, 'warning');
  assert.match(h!.message, /^Looks like the same claim as \[\[b#\^cheap\]\] \(refuted\)/);
  assert.deepEqual(h!.related?.map((r) => [r.uri, r.range.start.line]), [[uri('b.md'), 1]]);
  assert.equal((await hints('b.md')).length, 1);
});

test('with the same stance it is a hint; checks: near-duplicate: off silences it', async () => {
  const same = B.replace('refuted', 'plausible');
  assert.equal((await (await open({ 'a.md': A, 'b.md': same })).hints('a.md'))[0]!.severity, 'hint');
  assert.deepEqual(await (await open({ 'a.md': A, 'b.md': B, '.claimlens.yaml': 'checks:\n  near-duplicate: off\n' })).hints('a.md'), []);
});

test('"Mark as the same claim" links both claims in one versioned edit; the hint gives way to the conflict check', async () => {
  const { service, hints } = await open({ 'a.md': A, 'b.md': B });
  const [h] = await hints('a.md');
  const actions = await service.codeActions(uri('a.md'), h!.range, [h!]);
  const mark = actions.find((a) => a.title.startsWith('Mark as the same claim'))!;
  assert.equal(mark.fixes, h);
  assert.deepEqual(mark.edit!.files.map((f) => [f.uri, f.version]), [[uri('a.md'), 1], [uri('b.md'), 1]]);
  const a2 = applyTo(A, mark.edit, uri('a.md'));
  const b2 = applyTo(B, mark.edit, uri('b.md'));
  assert.equal(a2, A + '  - same-as:: [[b#^cheap]]\n');
  assert.equal(b2, B + '  - same-as:: [[a#^cost]]\n');
  service.setDocument(uri('a.md'), 2, a2);
  service.setDocument(uri('b.md'), 2, b2);
  assert.deepEqual(await hints('a.md'), []);
  assert.deepEqual((await service.problems(uri('b.md'))).map((p) => p.code), ['same-claim-conflict']);
});

test('"Not the same claim" records distinct-from:: on one side, and the hint does not return on either', async () => {
  const { service, hints } = await open({ 'a.md': A, 'b.md': B });
  const [h] = await hints('b.md');
  const not = (await service.codeActions(uri('b.md'), h!.range, [h!])).find((a) => a.title.startsWith('Not the same claim'))!;
  assert.deepEqual(not.edit!.files.map((f) => f.uri), [uri('b.md')]);
  const b2 = applyTo(B, not.edit, uri('b.md'));
  assert.equal(b2, B + '  - distinct-from:: [[a#^cost]]\n');
  service.setDocument(uri('b.md'), 2, b2);
  assert.deepEqual(await hints('b.md'), []);
  assert.deepEqual(await hints('a.md'), []);
});

test('the views built after the cold index are each followed by a garbage collection, where the process offers one', async () => {
  const files = { 'a.md': A, 'b.md': B };
  const ws = () => new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const collected: string[] = [];
  const service = createClaimlens({ workspace: ws(), codec: nodeCodec, collectGarbage: () => collected.push('gc') });
  await service.start();
  await service.settled();
  // One before the first view, between them, and once they are all built.
  assert.ok(collected.length >= 3, `${collected.length} collections`);
  assert.equal((await service.problems(uri('a.md'))).filter((x) => x.code === 'near-duplicate').length, 1);
  const exporting = createClaimlens({ workspace: ws(), codec: nodeCodec, collectGarbage: () => assert.fail('no views, no collection') }, { eagerViews: false });
  await exporting.start();
  await exporting.settled();
});

test('the first workspace symbol search, which builds its index, is followed by a garbage collection once requests pause; later searches are not', async () => {
  const files = { 'a.md': A, 'b.md': B };
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  let collected = 0;
  const service = createClaimlens({ workspace: ws, codec: nodeCodec, collectGarbage: () => { collected++; } }, { eagerViews: false });
  await service.start();
  await service.settled();
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  assert.deepEqual((await service.workspaceSymbols('cheap')).map((s) => s.name), ['DeepSeek trains high-quality models for a fraction of the usual cost.']);
  // Requests keep coming: the collection waits for them to pause.
  for (let i = 0; i < 3; i++) {
    await wait(IDLE_COLLECT_MS / 2);
    await service.hover(uri('a.md'), { line: 1, character: 4 });
  }
  assert.equal(collected, 0, 'not while requests come');
  await wait(IDLE_COLLECT_MS * 1.5);
  assert.equal(collected, 1);
  assert.equal((await service.workspaceSymbols('deepseek')).length, 2);
  await wait(IDLE_COLLECT_MS * 1.5);
  assert.equal(collected, 1, 'the index was built already');
});
