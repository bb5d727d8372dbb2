// The second benchmark workspace of SPEC §10: 100,000 claims in 2,000 notes,
// each note with its own saved source (a 24 KB window of The Federalist
// Papers) and 50 claims quoting it — most quotes verbatim, some with folded
// whitespace or curly quotes, some with a changed word, a few not in the
// source. Generated once under .cache/ (ignored by git).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripBom } from '../../server/src/core/anchoring/sourceText';
import { FEDERALIST } from './anchorBench';

const OUT = path.resolve(__dirname, '../../.cache/bench/anchored-100k');
const NOTES = 2000;
const CLAIMS = 50;
const WINDOW = 24 * 1024;

export function anchoredCorpus(): string | undefined {
  if (!fs.existsSync(FEDERALIST)) return undefined;
  if (fs.existsSync(path.join(OUT, '.complete'))) return OUT;
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'sources'), { recursive: true });
  fs.mkdirSync(path.join(OUT, 'notes'), { recursive: true });
  const text = stripBom(fs.readFileSync(FEDERALIST, 'utf8')).text;
  const step = Math.floor((text.length - WINDOW) / NOTES);
  for (let n = 0; n < NOTES; n++) {
    const source = text.slice(n * step, n * step + WINDOW);
    fs.writeFileSync(path.join(OUT, 'sources', `s${n}.txt`), source);
    const lines = ['---', 'source:', `  title: "Federalist window ${n}"`, `  path: ../sources/s${n}.txt`, '---', `# Window ${n}`, ''];
    for (let c = 0; c < CLAIMS; c++) {
      const at = Math.floor(((c + 0.5) / CLAIMS) * (source.length - 200));
      let quote = source.slice(at, at + 60 + ((c * 37) % 80)).replace(/\s+/g, ' ').trim();
      if (c % 10 === 7) quote = quote.replace(/\b(\w{4,})\b/, 'changed');
      if (c % 25 === 24) quote = `words that appear nowhere in window ${n}`;
      const q = c % 5 === 3 ? `“${quote.replace(/"/g, '”')}”` : `"${quote.replace(/"/g, "'")}"`;
      lines.push(`- #claim Claim ${c} of window ${n} ^c${c}`, `  - quote:: ${q}`, `  - status:: ${['supported', 'plausible', 'disputed'][c % 3]}`, '');
    }
    fs.writeFileSync(path.join(OUT, 'notes', `n${n}.md`), lines.join('\n'));
  }
  fs.writeFileSync(path.join(OUT, '.complete'), new Date().toISOString());
  return OUT;
}
