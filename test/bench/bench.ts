// `npm run bench`: the budgets of SPEC §10, measured and printed, then the
// table of Claimlens beside the read floor (peerBench.ts). Needs the shared
// corpora beside the project (../shared); without them each row says why it
// was skipped. Exit code 0 either way: figures are for reading.
//   --peer     VS Code's Markdown language server in the table too (a minute or two more)
//   --growth   the corpus grown to 100,000 notes in the table too (a few minutes more)
//   --json     the table's figures as JSON as well (also in .cache/bench/comparison.json)
//   --table    only the table, none of the budgets' rows
//   --runs N, --peer-runs N   how many cold starts each median is taken of (3, and 2 for the Markdown server)
import { convertedCorpus } from './corpus';
import { serverRows, type Row } from './serverBench';
import { anchoredCorpus } from './anchoredCorpus';
import { type AnchorRow } from './anchorBench';
import { EXPORT_BUDGET_MS, type ExportBenchRow } from './exportBench';
import { inOwnProcess } from './section';
import { comparisonArgs, printComparison } from './peerBench';

function print(rows: Row[]): void {
  for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'OVER'}  ${r.what}\n      ${r.figure}   (budget ${r.budget})`);
}

async function main(): Promise<void> {
  console.log(`Claimlens benchmark — Node ${process.version}, ${require('node:os').cpus().length} cores\n`);
  const args = process.argv.slice(2);
  if (!args.includes('--table')) await budgetRows();
  await printComparison(comparisonArgs(args));
}

async function budgetRows(): Promise<void> {
  const dir = convertedCorpus();
  if (!dir) {
    console.log('skipped: the interconnected-markdown 10k corpus is not at ../shared/corpora');
  } else {
    print(await serverRows(dir));
    // Each in-process part in a process of its own (section.ts): one part's heap slowed the next one's collections.
    print(inOwnProcess<Row[]>('reindex'));
    print(inOwnProcess<Row[]>('map'));
  }
  const anchored = anchoredCorpus();
  if (!anchored) console.log('skipped: the anchored 100k-claim workspace needs ../shared/articles/federalist-papers.txt');
  else print(inOwnProcess<Row[]>('anchored'));
  print(inOwnProcess<AnchorRow[]>('anchoring'));
  const exports = inOwnProcess<ExportBenchRow[]>('exports');
  const mb = (b: number | undefined) => `${((b ?? NaN) / 1048576).toFixed(0)} MB`;
  const model = exports.find((r) => r.format === 'model')!;
  print([{
    what: 'export model of 100,000 claims (every quote anchored, the anchoring\'s cache reused but not filled)',
    figure: `${model.ms.toFixed(0)} ms, ${mb(model.modelBytes)} of heap`, budget: 'no budget: printed (part of each export below)', ok: true,
  }]);
  print(exports.filter((r) => r.format !== 'model').map((r) => ({
    what: `export of 100,000 claims to ${r.format} (${(r.bytes / 1e6).toFixed(0)} MB, streamed to a file)`,
    figure: `${r.totalMs.toFixed(0)} ms (${r.format === 'graphml' || r.format === 'mermaid' ? 'claim map' : 'model'} ${(r.totalMs - r.ms).toFixed(0)} ms, writing ${r.ms.toFixed(0)} ms); ` +
      `${r.format === 'graphml' || r.format === 'mermaid' ? 'graph' : 'model'} ${mb(r.modelBytes)}, peak during writing +${mb(r.peakHeapBytes)} heap, +${mb(r.peakRssBytes)} resident`,
    budget: `≤ ${EXPORT_BUDGET_MS} ms`, ok: r.totalMs <= EXPORT_BUDGET_MS,
  })));
}

void main();
