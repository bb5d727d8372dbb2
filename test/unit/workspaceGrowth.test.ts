// The cold index grows linearly with the workspace (SPEC §10): a generated
// set of notes and the same set copied ten times under distinct names (the
// way the benchmark grows the 10k corpus to 100,000 notes, grownCorpus.ts),
// each indexed from nothing and asked its first workspace symbol, as the
// editor does. Both sizes are timed in the same run and the test fails only
// far beyond linear (over 30×); the copies must also share nothing, or the
// larger workspace would not be ten times the work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { replicate, sampleNotes } from '../bench/grownCorpus';
import { ROOT, uri } from './helpers';

const BASE = sampleNotes(300);
const HUB = 'harbour 0';

async function coldIndex(copies: number) {
  const files = replicate(BASE, copies);
  const workspace = new InMemoryWorkspace([ROOT], Object.fromEntries([...files].map(([rel, text]) => [uri(rel), text])));
  const service = createClaimlens({ workspace, codec: nodeCodec });
  const started = performance.now();
  await service.start();
  const symbols = await service.workspaceSymbols(HUB);
  const ms = performance.now() - started;
  const hubs = Array.from({ length: copies }, (_, k) => service.index.resolveEntity(k ? `${HUB} ${k}` : HUB));
  return { ms, stats: service.stats(), symbols, mentions: hubs.map((h) => (h.length === 1 ? service.index.mentionsOf(h[0]!).length : -1)) };
}

test('the cold index and the first symbol search grow linearly with the workspace (300 → 3,000 notes)', async () => {
  await coldIndex(1); // warm the code paths, so the first size is not charged for compiling them
  // The better of two runs each: a busy machine slows one run, not a complexity class.
  const [a, b] = [await coldIndex(1), await coldIndex(1)];
  const [c, d] = [await coldIndex(10), await coldIndex(10)];
  const small = a.ms < b.ms ? a : b;
  const large = c.ms < d.ms ? c : d;

  assert.equal(small.stats.notes, 300);
  assert.deepEqual(large.stats, { ...small.stats, notes: 3000, claims: 10 * small.stats.claims, links: 10 * small.stats.links, entities: 10 * small.stats.entities });
  // Each copy's hub is its own entity, named as often as the original's: no copy links into another.
  assert.ok(small.mentions[0]! > 50, `the hub is named ${small.mentions[0]} times`);
  assert.deepEqual(large.mentions, Array(10).fill(small.mentions[0]));
  // The search finds every copy's hub, among its best answers.
  const names = new Set(large.symbols.map((s) => s.name));
  assert.deepEqual(Array.from({ length: 10 }, (_, k) => (k ? `${HUB} ${k}` : HUB)).filter((n) => !names.has(n)), []);

  const ratio = large.ms / small.ms;
  console.log(`cold index and first symbol search, 300 notes: ${small.ms.toFixed(0)} ms; 3,000 notes: ${large.ms.toFixed(0)} ms; ratio ${ratio.toFixed(1)} (linear: 10)`);
  assert.ok(ratio < 30, `10× the notes took ${ratio.toFixed(1)}× the time`);
});
