// The workspace grown tenfold: a set of notes (the converted 10k corpus, or a
// small generated one in the tests) copied ten times, each copy in its own
// folder. A copy renames every note title, link target and registry name
// with its number (a claim id is named with its note, so it is distinct
// already), and the copies share nothing: 100,000 notes hold ten times the
// entities, each named as often as in the corpus, not the same entities named
// ten times as often — a workspace that grows by projects. The first copy
// keeps its names, so the 10k workspace is one tenth of the 100k one.
// Written once under .cache/ (ignored by git) and reused.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { claimItem, registry } from './corpus';

const OUT = path.resolve(__dirname, '../../.cache/bench/grown-100k');
export const REGISTRY = 'entities.yaml';

/** A name in copy `k`: the first copy keeps it. */
export function copyName(name: string, k: number): string {
  return k === 0 ? name : `${name} ${k}`;
}

/** The names of a registry written by `registry()`, in order. */
function registryNames(yaml: string): string[] {
  return [...yaml.matchAll(/^ {2}name: (.*)$/gm)].map((m) => (m[1]!.startsWith('"') ? JSON.parse(m[1]!) as string : m[1]!));
}

/** Copy `k` of a set of notes (paths relative to its root, the registry among them), under the folder `set-k`. */
export function* copyOf(files: Map<string, string>, k: number): Iterable<[string, string]> {
  for (const [rel, text] of files) {
    if (rel === REGISTRY) {
      yield [`set-${k}/${REGISTRY}`, registry(registryNames(text).map((n) => copyName(n, k)), k === 0 ? 'e' : `k${k}e`)];
      continue;
    }
    // Claim ids are unique within a note and named with it elsewhere, so a renamed note keeps them.
    const renamed = k === 0 ? text
      : text.replace(/\[\[([^\]|#]+?)(\s*)(?=[\]|#])/g, (_m, target: string, space: string) => `[[${copyName(target, k)}${space}`);
    yield [`set-${k}/${copyName(rel.replace(/\.md$/, ''), k)}.md`, renamed];
  }
}

/** `copies` copies of a set of notes, in memory. */
export function replicate(files: Map<string, string>, copies: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = 0; k < copies; k++) for (const [rel, text] of copyOf(files, k)) out.set(rel, text);
  return out;
}

/** The converted corpus at `dir` copied ten times on disk; built once, then reused. */
export function grownCorpus(dir: string, copies = 10): string {
  const marker = path.join(OUT, '.complete');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === String(copies)) return OUT;
  fs.rmSync(OUT, { recursive: true, force: true });
  const files = new Map<string, string>();
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.md') || f === REGISTRY) files.set(f, fs.readFileSync(path.join(dir, f), 'utf8'));
  for (let k = 0; k < copies; k++) {
    fs.mkdirSync(path.join(OUT, `set-${k}`), { recursive: true });
    for (const [rel, text] of copyOf(files, k)) fs.writeFileSync(path.join(OUT, rel), text);
  }
  fs.writeFileSync(marker, String(copies));
  return OUT;
}

const WORDS = ['harbour', 'ledger', 'minister', 'river', 'council', 'bridge', 'tariff', 'archive', 'senate', 'railway',
  'festival', 'refinery', 'museum', 'treaty', 'airport', 'budget', 'clinic', 'mayor', 'reservoir', 'union'];

/**
 * A small set of notes shaped like the converted corpus: each note a few
 * claims of plain words naming other notes by [[title]], a few notes named
 * far more often than the rest, and the registry of every name.
 */
export function sampleNotes(notes: number, claimsPerNote = 8): Map<string, string> {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const titles = Array.from({ length: notes }, (_, i) => `${WORDS[i % WORDS.length]} ${i}`);
  const named = new Set<string>();
  const files = new Map<string, string>();
  let n = 0;
  for (const title of titles) {
    const claims: string[] = [];
    for (let c = 0; c < claimsPerNote; c++) {
      // Cubing a uniform draw favours the first titles: a few hubs, a long tail.
      const target = titles[Math.floor(notes * random() ** 3)]!;
      named.add(target);
      const words = Array.from({ length: 10 }, () => WORDS[Math.floor(random() * WORDS.length)]);
      words.splice(4, 0, `[[${target}]]`);
      claims.push(claimItem(words.join(' ') + '.', ++n));
    }
    files.set(`${title}.md`, `${claims.join('\n')}\n`);
  }
  files.set(REGISTRY, registry([...named]));
  return files;
}
