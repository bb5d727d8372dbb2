// Anchoring benchmark: 500 quotes (exact, normalized, fuzzy, not-found) in
// The Federalist Papers (1.17 MB), cold (a fresh prepared source and cache,
// so the folding of the text is included) and warm (every quote cached);
// and the same quotes as one note's claims through the editor's Anchoring
// service (reading, decoding and hashing the source included), cold, warm,
// and after an edit of one quote.
//
//   node --import tsx test/bench/anchorBench.ts [path/to/federalist-papers.txt]
//   anchorBenchRows(): the rows `npm run bench` prints
//
// Needs ../shared; without it, main prints why and exits 0.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AnchorMethod } from '../../server/src/core/anchoring/anchor';
import { AnchorCache } from '../../server/src/core/anchoring/anchorCache';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { prepareSource, stripBom } from '../../server/src/core/anchoring/sourceText';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { Anchoring, type QuoteMethod } from '../../server/src/core/anchoring/noteAnchoring';
import { nodeCodec } from '../../server/src/node/codec';

const sha256 = (bytes: Uint8Array) => nodeCodec.digest('sha256', bytes);

export const FEDERALIST = path.join(__dirname, '..', '..', '..', 'shared', 'articles', 'federalist-papers.txt');

/** The first sentence that starts at or after `from`, 60–200 units long; undefined past the end. */
export function sentenceAt(text: string, from: number): { start: number; end: number } | undefined {
  const boundary = /[.?!]\s+(?=[A-Z])/g;
  boundary.lastIndex = from;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const start = m.index + m[0].length;
    const stop = /[.?!]/g;
    stop.lastIndex = start + 1;
    const e = stop.exec(text);
    if (!e) return undefined;
    const end = e.index + 1;
    if (end - start >= 60 && end - start <= 200) return { start, end };
    boundary.lastIndex = start;
  }
  return undefined;
}

/** Whitespace folded to single spaces, as a quote copied from a reflowed page. */
export function flatten(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const REPLACEMENTS = ['state', 'union', 'power', 'army'];

/** Replaces `count` words of 4–6 letters, away from both ends, with other words. */
export function alterWords(quote: string, count: number): string | undefined {
  const words = quote.split(' ');
  const candidates = words.map((w, i) => ({ w, i }))
    .filter(({ w, i }) => /^[a-z]{4,6}$/.test(w) && i > 1 && i < words.length - 2);
  if (candidates.length < count) return undefined;
  for (let c = 0; c < count; c++) {
    const { w, i } = candidates[Math.floor(((c + 1) * candidates.length) / (count + 1))] as { w: string; i: number };
    words[i] = REPLACEMENTS.find((r) => r !== w) as string;
  }
  return words.join(' ');
}

export interface BenchQuote {
  readonly quote: string;
  readonly expect: AnchorMethod;
}

// 500 quotes from evenly spaced sentences: 200 as written (line breaks
// included), 150 re-typed (spaces, case, a curly apostrophe), 100 with one or
// two words changed, 50 with their words reversed (not in the text).
export function benchQuotes(text: string, count = 500): BenchQuote[] {
  const out: BenchQuote[] = [];
  for (let i = 0; out.length < count; i++) {
    const s = sentenceAt(text, Math.floor(((i % count) * text.length) / count) + Math.floor(i / count) * 997);
    if (!s) continue;
    const raw = text.slice(s.start, s.end);
    const flat = flatten(raw);
    const slot = out.length % 10;
    if (slot < 4) out.push({ quote: raw, expect: 'exact' });
    else if (slot < 7) out.push({ quote: slot === 6 ? flat.toUpperCase().replace(/'/g, '’') : flat, expect: flat === raw ? 'exact' : 'normalized' });
    else if (slot < 9) {
      const altered = alterWords(flat, flat.length >= 120 ? 2 : 1);
      if (altered) out.push({ quote: altered, expect: 'fuzzy' });
    } else out.push({ quote: flat.split(' ').reverse().join(' '), expect: 'not-found' });
  }
  return out;
}

export interface BenchFigures {
  readonly quotes: number;
  readonly sourceUnits: number;
  readonly prepareMs: number;
  readonly coldTotalMs: number;
  readonly coldP50Ms: number;
  readonly coldP99Ms: number;
  readonly coldMaxMs: number;
  readonly warmTotalMs: number;
  readonly warmP50Ms: number;
  readonly warmP99Ms: number;
  readonly methods: Readonly<Record<AnchorMethod, number>>;
  readonly unexpected: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Anchors `quotes` in `raw` cold, then again warm, and returns the figures. */
export function runAnchorBench(raw: string, quotes: readonly BenchQuote[]): BenchFigures {
  const cache = new AnchorCache();
  const t0 = performance.now();
  const src = cache.source('file:///federalist.txt', 1, () => prepareSource(raw, 'text'));
  const prepareMs = performance.now() - t0;
  const load = () => src;
  const cold: number[] = [];
  const methods: Record<AnchorMethod, number> = { exact: 0, normalized: 0, fuzzy: 0, 'not-found': 0 };
  let unexpected = 0;
  for (const q of quotes) {
    const s = performance.now();
    const r = cache.anchor('file:///federalist.txt', 1, q.quote, load);
    cold.push(performance.now() - s);
    methods[r.method]++;
    if (r.method !== q.expect) unexpected++;
  }
  const coldTotalMs = performance.now() - t0;
  const warm: number[] = [];
  const w0 = performance.now();
  for (const q of quotes) {
    const s = performance.now();
    cache.anchor('file:///federalist.txt', 1, q.quote, load);
    warm.push(performance.now() - s);
  }
  const warmTotalMs = performance.now() - w0;
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  return {
    quotes: quotes.length, sourceUnits: src.text.length, prepareMs, coldTotalMs,
    coldP50Ms: percentile(cold, 0.5), coldP99Ms: percentile(cold, 0.99), coldMaxMs: cold[cold.length - 1] ?? 0,
    warmTotalMs, warmP50Ms: percentile(warm, 0.5), warmP99Ms: percentile(warm, 0.99), methods, unexpected,
  };
}

export interface ServiceFigures {
  readonly quotes: number;
  /** Stat, read, decode, hash, prepare and anchor every quote of the note. */
  readonly coldMs: number;
  /** The same note again: one stat, the note's result reused. */
  readonly warmMs: number;
  /** After one quote was edited: the note parsed again, one quote anchored, the rest from the cache. */
  readonly editMs: number;
  readonly methods: Readonly<Record<string, number>>;
}

/** The quotes as one note's claims, anchored through the Anchoring service over an in-memory workspace. */
export async function runServiceBench(bytes: Uint8Array, quotes: readonly BenchQuote[]): Promise<ServiceFigures> {
  const root = 'file:///bench';
  const claims = quotes.map((q, i) => `- #claim Q${i} ^q${i}\n  - quote:: "${flatten(q.quote)}"\n`).join('');
  const note = `---\nsource:\n  path: federalist.txt\n  sha256: ${sha256(bytes)}\n---\n${claims}`;
  const ws = new InMemoryWorkspace([root], { [`${root}/federalist.txt`]: bytes, [`${root}/n.md`]: note });
  const index = new WorkspaceIndex(ws);
  await index.build();
  const anchoring = new Anchoring(index, { hash: sha256 });
  const noteUri = `${root}/n.md`;
  const t0 = performance.now();
  const cold = await anchoring.anchorNote(index.notes.get(noteUri)!);
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  await anchoring.anchorNote(index.notes.get(noteUri)!);
  const warmMs = performance.now() - t1;
  index.update(noteUri, note.replace('^q7\n  - quote:: "', '^q7\n  - quote:: "Publius wrote: '));
  const t2 = performance.now();
  await anchoring.anchorNote(index.notes.get(noteUri)!);
  const editMs = performance.now() - t2;
  const methods: Partial<Record<QuoteMethod, number>> = {};
  for (const q of cold.quotes) methods[q.method] = (methods[q.method] ?? 0) + 1;
  return { quotes: cold.quotes.length, coldMs, warmMs, editMs, methods };
}

/** A row as `npm run bench` prints it. */
export interface AnchorRow { what: string; figure: string; budget: string; ok: boolean }

/** The anchoring rows of `npm run bench`; one "skipped" row when the Federalist Papers are absent. */
export async function anchorBenchRows(file = FEDERALIST): Promise<AnchorRow[]> {
  if (!existsSync(file)) {
    return [{ what: 'anchoring in the 1.17 MB Federalist Papers', figure: `skipped: ${file} is absent`, budget: '—', ok: true }];
  }
  const bytes = readFileSync(file);
  const raw = bytes.toString('utf8');
  const quotes = benchQuotes(stripBom(raw).text);
  const f = runAnchorBench(raw, quotes);
  const s = await runServiceBench(bytes, quotes);
  const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
  return [
    { what: `anchoring ${f.quotes} quotes in the 1.17 MB Federalist Papers, cold (${JSON.stringify(f.methods)})`,
      figure: `${ms(f.coldTotalMs)} total, per quote p50 ${ms(f.coldP50Ms)}, p99 ${ms(f.coldP99Ms)}`, budget: 'none set; part of the 3 s row', ok: f.unexpected === 0 },
    { what: 'the same quotes, warm (cached per source version)', figure: `${ms(f.warmTotalMs)} total`, budget: '—', ok: true },
    { what: `the same quotes as one note's claims, through the editor's anchoring (read, decode, sha256 included; ${JSON.stringify(s.methods)})`,
      figure: `cold ${ms(s.coldMs)}, warm ${ms(s.warmMs)}, after editing one quote ${ms(s.editMs)}`, budget: '—', ok: s.quotes === quotes.length },
  ];
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? FEDERALIST;
  if (!existsSync(file)) {
    console.log(`anchor bench skipped: ${file} not found (../shared is absent)`);
    return;
  }
  for (const r of await anchorBenchRows(file)) console.log(`${r.ok ? 'ok  ' : 'OVER'}  ${r.what}\n      ${r.figure}   (budget ${r.budget})`);
}

if (process.argv[1] && /anchorBench\.[cm]?[jt]s$/.test(process.argv[1])) void main();
