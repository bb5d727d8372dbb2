// Work per note grows linearly with the note (SPEC §8): code lens, diagnostics
// and anchoring of a note with 10× the claims take about 10× the time. The
// test times both sizes in the same run and fails only far beyond linear
// (over 30×), so it catches a quadratic blow-up without a timing budget; each
// size is timed twice and the faster run counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { ROOT, uri } from './helpers';

/** A note of `n` claims, each quoting its own sentence of the source and supporting the claim before it. */
function workspace(n: number): InMemoryWorkspace {
  const sentences = Array.from({ length: n }, (_, i) => `Sentence number ${i} says something about topic ${i % 97}.`);
  const claims = sentences.map((s, i) => `- #claim Claim ${i} ^c${i}\n  - quote:: "${s}"\n${i ? `  - supports:: ^c${i - 1}\n` : ''}`);
  return new InMemoryWorkspace([ROOT], {
    [uri('source.txt')]: sentences.join(' '),
    [uri('note.md')]: `---\nsource:\n  path: source.txt\n---\n${claims.join('')}`,
  });
}

async function time(n: number): Promise<number> {
  const service = createClaimlens({ workspace: workspace(n), codec: nodeCodec });
  await service.start();
  const started = performance.now();
  const lenses = await service.codeLenses(uri('note.md'));
  const problems = await service.problems(uri('note.md'));
  const elapsed = performance.now() - started;
  assert.equal(lenses.length, n);
  assert.deepEqual(problems.filter((p) => p.severity !== 'hint'), [], 'every quote is found, no cycle');
  return elapsed;
}

test('code lens and diagnostics of a note grow linearly with its claims (1,000 → 10,000)', async () => {
  await time(200); // warm the code paths, so the first size is not charged for compiling them
  // The better of two runs each: a busy machine slows one run, not a complexity class.
  const small = Math.min(await time(1000), await time(1000));
  const large = Math.min(await time(10000), await time(10000));
  const ratio = large / small;
  console.log(`note of 1,000 claims: ${small.toFixed(0)} ms; 10,000 claims: ${large.toFixed(0)} ms; ratio ${ratio.toFixed(1)} (linear: 10)`);
  assert.ok(ratio < 30, `10× the claims took ${ratio.toFixed(1)}× the time`);
});

test('a note whose claims all share one id (every one a duplicate-id error) also grows linearly (2,000 → 20,000)', async () => {
  const run = async (n: number) => {
    const text = '- #claim The same id again. ^same\n'.repeat(n);
    const service = createClaimlens({ workspace: new InMemoryWorkspace([ROOT], { [uri('dup.md')]: text }), codec: nodeCodec });
    await service.start();
    const started = performance.now();
    const problems = await service.problems(uri('dup.md'));
    const elapsed = performance.now() - started;
    assert.equal(problems.filter((p) => p.code === 'duplicate-id').length, n);
    return elapsed;
  };
  await run(500);
  // The best of three: on a busy machine one collection of 20,000 problems' garbage can land in a run.
  const small = Math.min(await run(2000), await run(2000), await run(2000));
  const large = Math.min(await run(20000), await run(20000), await run(20000));
  const ratio = large / small;
  console.log(`duplicate ids, 2,000 claims: ${small.toFixed(0)} ms; 20,000: ${large.toFixed(0)} ms; ratio ${ratio.toFixed(1)} (linear: 10)`);
  assert.ok(ratio < 30, `10× the claims took ${ratio.toFixed(1)}× the time`);
});
