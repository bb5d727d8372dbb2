// `npm run bench`: the budgets of SPEC §10, measured and printed. Needs the
// shared corpora beside the project (../shared); without them each row says
// why it was skipped. Exit code 0 either way: figures are for reading.
import * as fs from 'node:fs';
import { convertedCorpus } from './corpus';
import { reindexRow, serverRows, type Row } from './serverBench';
import { FEDERALIST, benchQuotes, runAnchorBench } from './anchorBench';
import { stripBom } from '../../server/src/core/sourceText';

function print(rows: Row[]): void {
  for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'OVER'}  ${r.what}\n      ${r.figure}   (budget ${r.budget})`);
}

async function main(): Promise<void> {
  console.log(`Claimlens benchmark — Node ${process.version}, ${require('node:os').cpus().length} cores\n`);
  const dir = convertedCorpus();
  if (!dir) {
    console.log('skipped: the interconnected-markdown 10k corpus is not at ../shared/corpora');
  } else {
    print(await serverRows(dir));
    print([await reindexRow(dir)]);
  }
  if (!fs.existsSync(FEDERALIST)) {
    console.log('skipped: ../shared/articles/federalist-papers.txt is absent');
  } else {
    const raw = fs.readFileSync(FEDERALIST, 'utf8');
    const f = runAnchorBench(raw, benchQuotes(stripBom(raw).text, 500));
    print([
      { what: `anchoring ${f.quotes} quotes in the 1.17 MB Federalist Papers, cold (${JSON.stringify(f.methods)})`, figure: `${f.coldTotalMs.toFixed(0)} ms total, per quote p50 ${f.coldP50Ms.toFixed(2)} ms, p99 ${f.coldP99Ms.toFixed(2)} ms`, budget: 'none set; part of the 3 s row', ok: f.unexpected === 0 },
      { what: 'the same quotes, warm (cached per source version)', figure: `${f.warmTotalMs.toFixed(2)} ms total`, budget: '—', ok: true },
    ]);
  }
}

void main();
