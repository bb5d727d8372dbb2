// What the near-duplicate index adds to the cold index of the 10k-note
// corpus: the workspace index built in process, then the MinHash/LSH index
// over every claim, each timed (the fastest of three runs, on a shared machine),
// and the cost of asking every note for its look-alikes, as `check` does.
// The service builds this index after the cold index, in slices (service.ts),
// so the time to `ready` does not include it; this measures what it costs.
//   node --import tsx test/bench/nearDuplicateCost.ts
import { convertedCorpus } from './corpus';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { fileUri } from '../../server/src/core/workspace/workspace';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { NearDuplicateIndex } from '../../server/src/core/features/nearDuplicates';

async function once(dir: string) {
  const index = new WorkspaceIndex(new FsWorkspace([fileUri(dir)]));
  let t = performance.now();
  await index.build();
  const cold = performance.now() - t;
  const duplicates = new NearDuplicateIndex();
  t = performance.now();
  for (const note of index.notes.values()) duplicates.setNote(note);
  const build = performance.now() - t;
  t = performance.now();
  let pairs = 0;
  for (const uri of index.notes.keys()) pairs += duplicates.matches(uri).length;
  const ask = performance.now() - t;
  return { cold, build, ask, pairs, claims: index.stats().claims, notes: index.notes.size, entries: duplicates.size };
}

async function main(): Promise<void> {
  const dir = convertedCorpus();
  if (!dir) { console.log('skipped: the interconnected-markdown 10k corpus is not at ../shared/corpora'); return; }
  const runs = [await once(dir), await once(dir), await once(dir)];
  const best = (k: 'cold' | 'build' | 'ask') => Math.min(...runs.map((r) => r[k]));
  const r = runs[0]!;
  console.log(`${r.notes} notes, ${r.claims} claims (${r.entries} in the near-duplicate index)`);
  console.log(`cold index ${best('cold').toFixed(0)} ms; near-duplicate index ${best('build').toFixed(0)} ms (+${(100 * best('build') / best('cold')).toFixed(1)}%)`);
  console.log(`every note asked for its look-alikes: ${best('ask').toFixed(0)} ms, ${r.pairs} matches (each pair counted from both sides)`);
}

void main();
