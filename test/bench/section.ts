// One in-process part of `npm run bench`, run in a process of its own: what
// the parts before it left in the heap (an index of 10,000 notes, a service,
// a map's graph) made every collection of the next part slower (the export
// model of 100,000 claims took 3.2 s after them, 1.5 s alone). Prints the
// part's rows as JSON on its last line.
//   node --import tsx test/bench/section.ts reindex|map|anchored|anchoring|exports
import { execFileSync } from 'node:child_process';
import { convertedCorpus } from './corpus';
import { anchoredCorpus } from './anchoredCorpus';
import { anchoredRow, reindexRow } from './serverBench';
import { mapRows } from './mapBench';
import { anchorBenchRows } from './anchorBench';
import { runExportBench } from './exportBench';

const SECTIONS = {
  reindex: async () => [await reindexRow(convertedCorpus()!)],
  map: () => mapRows(convertedCorpus()!),
  anchored: async () => [await anchoredRow(anchoredCorpus()!)],
  anchoring: () => anchorBenchRows(),
  exports: () => runExportBench({ log: () => undefined }),
};
export type Section = keyof typeof SECTIONS;

/** The rows of one part, measured in a fresh process. */
export function inOwnProcess<T>(section: Section): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, section], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

if (require.main === module) {
  const section = process.argv[2] as Section;
  if (!(section in SECTIONS)) throw new Error(`no bench section ${section}`);
  void SECTIONS[section]().then((rows) => console.log(JSON.stringify(rows)));
}
