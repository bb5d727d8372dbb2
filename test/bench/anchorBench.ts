// Anchoring benchmark: 500 quotes (exact, normalized, fuzzy, not-found) in
// The Federalist Papers (1.17 MB), cold (a fresh prepared source and cache,
// so the folding of the text is included) and warm (every quote cached).
//
//   node --import tsx test/bench/anchorBench.ts [path/to/federalist-papers.txt]
//
// Needs ../shared; without it, main prints why and exits 0.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AnchorMethod } from '../../server/src/core/anchor';
import { AnchorCache } from '../../server/src/core/anchorCache';
import { prepareSource, stripBom } from '../../server/src/core/sourceText';

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

function main(): void {
  const file = process.argv[2] ?? FEDERALIST;
  if (!existsSync(file)) {
    console.log(`anchor bench skipped: ${file} not found (../shared is absent)`);
    return;
  }
  const raw = readFileSync(file, 'utf8');
  const quotes = benchQuotes(stripBom(raw).text);
  const f = runAnchorBench(raw, quotes);
  const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`;
  console.log(`anchoring ${f.quotes} quotes in ${f.sourceUnits} UTF-16 units`);
  console.log(`  methods: ${JSON.stringify(f.methods)}, not as planned: ${f.unexpected}`);
  console.log(`  cold: total ${ms(f.coldTotalMs)} (prepareSource ${ms(f.prepareMs)}; folding and the 5-gram index are built lazily, inside the total), per quote p50 ${ms(f.coldP50Ms)}, p99 ${ms(f.coldP99Ms)}, max ${ms(f.coldMaxMs)}`);
  console.log(`  warm: total ${ms(f.warmTotalMs)}, per quote p50 ${ms(f.warmP50Ms)}, p99 ${ms(f.warmP99Ms)}`);
}

if (process.argv[1] && /anchorBench\.[cm]?[jt]s$/.test(process.argv[1])) main();
