// Claimlens beside VS Code's own Markdown language server, on the converted
// 10k-note corpus, in one table: the read floor (every note read and its
// links found by a regular expression, the least any index can cost), the
// time from `initialized` to the first workspace symbol answer (the cold
// index), the first references to the most linked entity (beside the floor
// of sending that answer: answerServer.ts), and each server's peak resident
// memory; with --growth, the same cold index on the corpus
// grown to 100,000 notes (grownCorpus.ts) and how it grew. Each figure is the
// median of several runs with their range, since the machine is shared.
//
// The Markdown server knows headings and links, not entities: it gets a copy
// of the corpus where each note starts with its title as a heading and each
// [[t]] is a link to that heading, `[t](<t.md#t>)`. It reads and parses
// nothing itself: it asks its client, which answers here as VS Code's
// Markdown extension does (markdown-it for `markdown/parse`, the file system
// for `markdown/fs/*`, a search of the folder for the workspace's notes), so
// its figures include that work, as in the editor, but its memory does not.
//
//   node --import tsx test/bench/peerBench.ts [--peer] [--growth] [--json] [--runs N] [--peer-runs N]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { URI } from 'vscode-uri';
import { InitializedNotification } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../protocol/lspClient';
import { convertedCorpus, mostLinked, notesUnder, positionIn, readFloor } from './corpus';
import { grownCorpus } from './grownCorpus';
import { echoRoundTrips } from './echoServer';
import { processMemory } from './serverBench';

const PEER_SERVER = require.resolve('vscode-markdown-languageserver/dist/node/workerMain.js');
const PEER_OUT = path.resolve(__dirname, '../../.cache/bench/peer-10k');
const JSON_OUT = path.resolve(__dirname, '../../.cache/bench/comparison.json');
/** Long enough for the Markdown server's cold start on 10k notes several times over. */
const PATIENCE_MS = 10 * 60 * 1000;

export interface Spread { median: number; min: number; max: number; runs: number }

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** What one server did on one workspace, once. */
interface ServerRun { coldMs: number; symbols: number; referencesMs: number; references: number; peakMB: number; answer: unknown[] }

/** Several runs of one server. */
export interface ServerFigures { coldMs: Spread; symbols: number; referencesMs: Spread; references: number; peakMB: Spread }

export interface Comparison {
  date: string;
  machine: { node: string; cores: number; memoryGB: number };
  corpus: { notes: number; links: number; entity: string; mentions: number };
  floorMs: Spread;
  /** The first answer of a server that only sends back Claimlens's references, precomputed: the transport's share. */
  answerFloorMs?: Spread;
  claimlens: ServerFigures;
  peer?: ServerFigures;
  growth?: { notes: number; floorMs: Spread; coldMs: Spread; peakMB: Spread };
}

/** A heading's fragment as VS Code's Markdown support writes it: lower case, words joined by dashes. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');
}

/** The corpus as the Markdown server understands it: a heading per note, a link to that heading per [[mention]]. */
function peerCorpus(dir: string): string {
  const marker = path.join(PEER_OUT, '.complete');
  if (fs.existsSync(marker)) return PEER_OUT;
  fs.rmSync(PEER_OUT, { recursive: true, force: true });
  fs.mkdirSync(PEER_OUT, { recursive: true });
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
  // A mention names a note as Claimlens resolves it, whatever its case; a name no note has stays a link to nowhere.
  const byName = new Map(files.map((f) => [f.slice(0, -3).toLowerCase(), f.slice(0, -3)]));
  for (const file of files) {
    const title = file.slice(0, -3);
    const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\[\[([^\]|#]+?)\s*\]\]/g, (_m, t: string) => {
      const note = byName.get(t.toLowerCase()) ?? t;
      return `[${t}](<${note}.md#${slug(note)}>)`;
    });
    fs.writeFileSync(path.join(PEER_OUT, file), `# ${title}\n\n${text}`);
  }
  fs.writeFileSync(marker, new Date().toISOString());
  return PEER_OUT;
}

/**
 * The requests the Markdown server sends its client, answered as VS Code's
 * Markdown extension answers them: markdown-it (as the editor configures it)
 * tokenizes a note, the file system reads, lists and stats, the workspace's
 * notes are found by walking the folder. No file changes during a run, so a
 * watcher is acknowledged and never fires.
 */
function answerAsTheEditor(client: TestClient): void {
  const md = new MarkdownIt({ html: true, linkify: true });
  const fsPath = (uri: string) => URI.parse(uri).fsPath;
  const conn = client.connection;
  // The notes have no front matter, which the editor would leave out before parsing.
  conn.onRequest('markdown/parse', async (p: { uri: string; text?: string }) => md.parse(p.text ?? await fs.promises.readFile(fsPath(p.uri), 'utf8'), {}));
  // The editor sends a file's bytes as a JSON array of numbers; so does this, for the same cost.
  conn.onRequest('markdown/fs/readFile', async (p: { uri: string }) => Array.from(await fs.promises.readFile(fsPath(p.uri))));
  conn.onRequest('markdown/fs/stat', async (p: { uri: string }) => {
    try {
      return { isDirectory: (await fs.promises.stat(fsPath(p.uri))).isDirectory() };
    } catch {
      return undefined;
    }
  });
  conn.onRequest('markdown/fs/readDirectory', async (p: { uri: string }) =>
    (await fs.promises.readdir(fsPath(p.uri), { withFileTypes: true })).map((e) => [e.name, { isDirectory: e.isDirectory() }]));
  conn.onRequest('markdown/findMarkdownFilesInWorkspace', () =>
    notesUnder(client.root).filter((f) => !f.split(path.sep).includes('node_modules')).map((f) => URI.file(path.join(client.root, f)).toString()));
  conn.onRequest('markdown/fs/watcher/create', () => null);
  conn.onRequest('markdown/fs/watcher/delete', () => null);
}

/**
 * One cold start of a server on `root`: `initialized` → the first workspace
 * symbol answer for `query` (for Claimlens, after its index says it is ready,
 * since it answers from a partial index before), then the note at `at` opened
 * and its references asked once; the process's peak memory read before it stops.
 */
async function coldRun(server: 'claimlens' | 'peer', root: string, query: string, at: { rel: string; position: { line: number; character: number } }): Promise<ServerRun> {
  const client = server === 'claimlens' ? TestClient.spawn(root) : TestClient.spawn(root, PEER_SERVER);
  if (server === 'peer') answerAsTheEditor(client);
  await client.initialize(server === 'peer' ? { markdownFileExtensions: ['md'] } : {});
  const t0 = performance.now();
  await client.connection.sendNotification(InitializedNotification.type, {});
  if (server === 'claimlens') await client.until(() => client.statuses.some((s) => s.state === 'ready'), 'the cold index', PATIENCE_MS);
  const symbols = await client.connection.sendRequest('workspace/symbol', { query }) as unknown[];
  const coldMs = performance.now() - t0;
  const uri = await client.open(at.rel);
  const t1 = performance.now();
  const references = await client.connection.sendRequest('textDocument/references', {
    textDocument: { uri }, position: at.position, context: { includeDeclaration: true },
  }) as unknown[];
  const referencesMs = performance.now() - t1;
  const peakMB = processMemory(client.pid).peak;
  await client.stop();
  return { coldMs, symbols: symbols.length, referencesMs, references: references.length, peakMB, answer: references };
}

/**
 * The first round trip of `textDocument/references` to answerServer.ts, in a
 * fresh process each time, answering with `answer`: what sending those
 * locations costs with nothing computed (median of `n`).
 */
async function answerFloor(answer: unknown[], n: number): Promise<Spread> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await echoRoundTrips(answer, 1))[0]!);
  return spread(times);
}

async function runs(n: number, run: () => Promise<ServerRun>, log: (line: string) => void, label: string, answers?: unknown[][]): Promise<ServerFigures> {
  const all: ServerRun[] = [];
  for (let i = 0; i < n; i++) {
    const r = await run();
    log(`  ${label} run ${i + 1}/${n}: cold ${r.coldMs.toFixed(0)} ms, ${r.symbols} symbols; references ${r.referencesMs.toFixed(0)} ms, ${r.references} found; peak ${r.peakMB.toFixed(0)} MB`);
    all.push(r);
    answers?.push(r.answer);
  }
  return {
    coldMs: spread(all.map((r) => r.coldMs)), symbols: all[0]!.symbols,
    referencesMs: spread(all.map((r) => r.referencesMs)), references: all[0]!.references,
    peakMB: spread(all.map((r) => r.peakMB)),
  };
}

export interface ComparisonOptions { peer?: boolean; growth?: boolean; runs?: number; peerRuns?: number; log?: (line: string) => void }

/** The comparison, measured; undefined without the shared corpus. */
export async function measureComparison(options: ComparisonOptions = {}): Promise<Comparison | undefined> {
  const dir = convertedCorpus();
  if (!dir) return undefined;
  const log = options.log ?? (() => undefined);
  const n = options.runs ?? 3;
  const floors = Array.from({ length: n }, () => readFloor(dir));
  const { entity, mentions, rel, position: at } = mostLinked(dir, floors[0]!.targets);
  const answers: unknown[][] = [];
  const comparison: Comparison = {
    date: new Date().toISOString().slice(0, 10),
    machine: { node: process.version, cores: os.cpus().length, memoryGB: Math.round(os.totalmem() / 2 ** 30) },
    corpus: { notes: notesUnder(dir).length, links: floors[0]!.links, entity, mentions },
    floorMs: spread(floors.map((f) => f.ms)),
    claimlens: await runs(n, () => coldRun('claimlens', dir, entity, { rel, position: at }), log, 'Claimlens, 10k', answers),
  };
  comparison.answerFloorMs = await answerFloor(answers[0]!, n);
  if (options.peer) {
    const peerDir = peerCorpus(dir);
    const position = positionIn(path.join(peerDir, rel), `.md#${slug(entity)}>)`, 5);
    comparison.peer = await runs(options.peerRuns ?? 2, () => coldRun('peer', peerDir, entity, { rel, position }), log, 'Markdown server, 10k');
  }
  if (options.growth) {
    const grown = grownCorpus(dir);
    const grownFloors = Array.from({ length: n }, () => readFloor(grown));
    const figures = await runs(n, () => coldRun('claimlens', grown, entity, { rel: path.join('set-0', rel), position: at }), log, 'Claimlens, 100k');
    comparison.growth = { notes: notesUnder(grown).length, floorMs: spread(grownFloors.map((f) => f.ms)), coldMs: figures.coldMs, peakMB: figures.peakMB };
  }
  return comparison;
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const cell = (s: Spread, unit: string) => `${int(s.median)} ${unit} (${int(s.min)}–${int(s.max)})`;
const ratio = (a: Spread | undefined, b: Spread | undefined) => (a && b ? `${(a.median / b.median).toFixed(1)}×` : '—');

/** The comparison as one Markdown table, with the budgets of SPEC §10 and a line saying what was measured on what. */
export function comparisonTable(c: Comparison): string {
  const peer = c.peer;
  const notRun = 'not run (--peer)';
  const rows: string[][] = [
    ['`initialized` → first workspace symbol answer (cold index)', cell(c.floorMs, 'ms'), cell(c.claimlens.coldMs, 'ms'), peer ? cell(peer.coldMs, 'ms') : notRun, ratio(c.claimlens.coldMs, c.floorMs), ratio(peer?.coldMs, c.claimlens.coldMs), '≤ 4× the floor; the Markdown server ≥ 20×'],
    [`symbols in that answer (query \`${c.corpus.entity}\`)`, '—', int(c.claimlens.symbols), peer ? int(peer.symbols) : '—', '', '', ''],
    [`first references to \`${c.corpus.entity}\` (${int(c.corpus.mentions)} mentions); its floor: a server that only sends the same answer back`, c.answerFloorMs ? cell(c.answerFloorMs, 'ms') : '—', cell(c.claimlens.referencesMs, 'ms'), peer ? cell(peer.referencesMs, 'ms') : notRun, ratio(c.claimlens.referencesMs, c.answerFloorMs), ratio(peer?.referencesMs, c.claimlens.referencesMs), '≤ 50 ms'],
    ['references found', '—', int(c.claimlens.references), peer ? int(peer.references) : '—', '', '', ''],
    ['peak resident memory of the server', '—', cell(c.claimlens.peakMB, 'MB'), peer ? cell(peer.peakMB, 'MB') : notRun, '', ratio(peer?.peakMB, c.claimlens.peakMB), '≤ 200 MB'],
  ];
  const g = c.growth;
  if (g) {
    rows.push(
      [`${int(g.notes)} notes: cold index`, cell(g.floorMs, 'ms'), cell(g.coldMs, 'ms'), '—', ratio(g.coldMs, g.floorMs), '', ''],
      [`${int(g.notes)} notes: peak resident memory`, '—', cell(g.peakMB, 'MB'), '—', '', '', ''],
      [`growth ${int(c.corpus.notes)} → ${int(g.notes)} notes: cold index`, ratio(g.floorMs, c.floorMs), ratio(g.coldMs, c.claimlens.coldMs), '—', '', '', '≤ 12×'],
      [`growth ${int(c.corpus.notes)} → ${int(g.notes)} notes: peak memory`, '—', ratio(g.peakMB, c.claimlens.peakMB), '—', '', '', '≤ 12×'],
    );
  }
  const runs = `median (min–max) of ${c.claimlens.coldMs.runs} runs${peer ? `, the Markdown server's of ${peer.coldMs.runs}` : ''}`;
  const head = [`${int(c.corpus.notes)} notes, ${runs}`, 'read floor', 'Claimlens', 'VS Code Markdown server', 'Claimlens / floor', 'Markdown server / Claimlens', 'budget'];
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [
    `Node ${c.machine.node}, ${c.machine.cores} cores, ${c.machine.memoryGB} GB, ${c.date}; ${int(c.corpus.notes)} notes with ${int(c.corpus.links)} links in claims.`,
    '',
    line(head), line(head.map((_, i) => (i ? '---:' : '---'))), ...rows.map(line),
  ].join('\n');
}

/** Measures, prints the table and, with `json`, the same figures as JSON (also written to .cache/bench/comparison.json). */
export async function printComparison(options: ComparisonOptions & { json?: boolean }): Promise<void> {
  const c = await measureComparison({ log: (l) => console.log(l), ...options });
  if (!c) { console.log('skipped: the interconnected-markdown 10k corpus is not at ../shared/corpora'); return; }
  console.log(`\n${comparisonTable(c)}\n`);
  if (options.json) {
    const json = JSON.stringify(c, null, 2);
    fs.writeFileSync(JSON_OUT, json);
    console.log(json);
  }
}

/** The comparison's options from the command line. */
export function comparisonArgs(argv: string[]): ComparisonOptions & { json: boolean } {
  const number = (flag: string) => { const i = argv.indexOf(flag); return i >= 0 ? Number(argv[i + 1]) || undefined : undefined; };
  return { peer: argv.includes('--peer'), growth: argv.includes('--growth'), json: argv.includes('--json'), runs: number('--runs'), peerRuns: number('--peer-runs') };
}

// Alone, it measures; `--print FILE` prints the table of figures saved with --json instead.
if (require.main === module) {
  const args = process.argv.slice(2);
  const saved = args.indexOf('--print');
  if (saved >= 0) console.log(comparisonTable(JSON.parse(fs.readFileSync(args[saved + 1]!, 'utf8')) as Comparison));
  else void printComparison(comparisonArgs(args));
}
