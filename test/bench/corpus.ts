// The benchmark corpus: the public interconnected-markdown 10k note set turned
// into Claimlens notes. Each top-level list item becomes a claim with an id,
// and every distinct [[link]] target becomes an entity in entities.yaml, so the
// index sees the scale SPEC §10 names (~72k claims, ~173k mentions, ~23.7k
// entities). The converted copy is cached under .cache/ (ignored by git).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const CORPUS = path.join(SHARED, 'corpora/interconnected-markdown-10k');
const OUT = path.resolve(__dirname, '../../.cache/bench/interconnected-markdown-10k');

const STATUSES = ['unverified', 'supported', 'plausible', 'disputed', 'misleading', 'refuted'];

/** A list item of the corpus as a claim: its text, an id, a status. */
export function claimItem(text: string, n: number): string {
  return `- #claim ${text} ^c${n}\n  - status:: ${STATUSES[n % STATUSES.length]}`;
}

/** The entity registry naming every link target, ids in the order given. */
export function registry(names: string[], idPrefix = 'e'): string {
  return names.map((name, i) => `- id: ${idPrefix}${i}\n  name: ${/^[\w ]+$/.test(name) ? name : JSON.stringify(name)}\n  type: other\n`).join('');
}

export function convertedCorpus(): string | undefined {
  if (!fs.existsSync(CORPUS)) return undefined;
  const marker = path.join(OUT, '.complete');
  if (fs.existsSync(marker)) return OUT;
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const targets = new Map<string, string>();
  let n = 0;
  for (const file of fs.readdirSync(CORPUS)) {
    if (!file.endsWith('.md')) continue;
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const out = text.replace(/^- (.*?)\s*$/gm, (_m, rest: string) => claimItem(rest, ++n));
    for (const m of text.matchAll(/\[\[([^\]|#]+)/g)) {
      const t = m[1].trim();
      if (!targets.has(t.toLowerCase())) targets.set(t.toLowerCase(), t);
    }
    fs.writeFileSync(path.join(OUT, file), out);
  }
  fs.writeFileSync(path.join(OUT, 'entities.yaml'), registry([...targets.values()]));
  fs.writeFileSync(marker, new Date().toISOString());
  return OUT;
}

/** Every note under `dir` (recursively), by its path relative to `dir`. */
export function notesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).sort();
}

/** The first line of a note that contains `needle`, and the position `offset` characters into it. */
export function positionIn(file: string, needle: string, offset: number): { line: number; character: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line]!.indexOf(needle) + offset };
}

/**
 * The most linked target of a corpus (from the floor's counts), and where
 * Find All References is asked for it: its first mention in the first note,
 * in name order, that names it (not its own note).
 */
export function mostLinked(dir: string, targets: ReadonlyMap<string, number>):
  { entity: string; mentions: number; rel: string; position: { line: number; character: number } } {
  const [entity, mentions] = [...targets].reduce((a, b) => (b[1] > a[1] ? b : a));
  const rel = notesUnder(dir).find((f) => f !== `${entity}.md` && fs.readFileSync(path.join(dir, f), 'utf8').includes(`[[${entity}]]`))!;
  return { entity, mentions, rel, position: positionIn(path.join(dir, rel), `[[${entity}]]`, 3) };
}

/** The read floor: every note read and each [[link]] found; also how often each target is named. */
export function readFloor(dir: string): { ms: number; links: number; targets: Map<string, number> } {
  const t0 = performance.now();
  const targets = new Map<string, number>();
  let links = 0;
  for (const rel of notesUnder(dir)) {
    for (const m of fs.readFileSync(path.join(dir, rel), 'utf8').matchAll(/\[\[([^\]|#]+)/g)) {
      links++;
      targets.set(m[1]!, (targets.get(m[1]!) ?? 0) + 1);
    }
  }
  return { ms: performance.now() - t0, links, targets };
}
