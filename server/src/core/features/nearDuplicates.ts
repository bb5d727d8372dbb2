// Claims in different notes that say nearly the same thing. Each claim's text
// and quotes become sets of word shingles (single words, lower-cased, common
// words dropped, a light stem), signed with MinHash; locality-sensitive
// hashing over bands of the signature finds the candidate pairs without
// comparing every claim with every other, and each candidate is then kept
// only when the exact overlap of the word sets (Jaccard) reaches THRESHOLD.
//
// Two guards stop the commonest false friends: a claim and its negation
// ("is" / "is not") and two claims that differ in a number ("2%" / "20%")
// share almost every word and are never the same claim.
//
// The index holds one entry per claim with an id (only those can be linked)
// and is updated one note at a time; the service keeps it in step with the
// workspace index from the change stream.
import { type Claim, type NoteModel } from '../notes/model';

/** Word overlap (Jaccard) at or above which two claims count as the same. */
export const THRESHOLD = 0.6;
/** Fewer distinct words than this and a text says too little to compare. */
const MIN_WORDS = 3;
const ROWS = 2;
const BANDS = 16;
/** A bucket holding more claims than this is boilerplate shared by many notes: it proposes no pairs. */
const MAX_BUCKET = 64;

const STOP = new Set(('a an the and or but of to in on at for from by with as is are was were be been being it its this that these those '
  + 'there their they them he she his her we our you your i will would shall should can could may might do does did has have had '
  + 'than then so such very much more most also just about into over after before up out which who whom what when where how all any each '
  + 'other one another some between against during within s').split(' '));
const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'none', 'nobody', 'nothing', 'neither', 'without']);

/** What a text says for comparison: its words as sorted hashes, its polarity and its numbers. */
export interface Shingles {
  words: Uint32Array;
  negated: boolean;
  numbers: string;
}

export function shingles(text: string): Shingles {
  const words = new Set<number>();
  const numbers: string[] = [];
  let negations = 0;
  const plain = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(won|can|shan)['’]t\b/g, '$1 not').replace(/n['’]t\b/g, ' not').replace(/['’]s\b/g, '');
  for (const m of plain.matchAll(/[\p{L}\p{N}]+(?:[.,]\d+)*%?/gu)) {
    const w = m[0];
    if (NEGATIONS.has(w)) { negations++; continue; }
    // Numbers are compared whole (the guard), not counted as shared words: two claims about 2020 are not alike for it.
    if (/^\d/.test(w)) { numbers.push(w.replace(',', '.')); continue; }
    if (STOP.has(w)) continue;
    words.add(hash(stem(w)));
  }
  return { words: Uint32Array.from(words).sort(), negated: negations % 2 === 1, numbers: numbers.sort().join(' ') };
}

/** A light stem, enough that "models", "modelled" and "modelling" meet. */
function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      const base = w.slice(0, -suffix.length);
      return base.length > 4 && base[base.length - 1] === base[base.length - 2] ? base.slice(0, -1) : base;
    }
  }
  return w;
}

/** Word overlap of two texts, 0 when the guards say they cannot be the same claim. */
export function similarity(a: Shingles, b: Shingles): number {
  if (a.negated !== b.negated || a.numbers !== b.numbers) return 0;
  if (a.words.length < MIN_WORDS || b.words.length < MIN_WORDS) return 0;
  let i = 0, j = 0, both = 0;
  while (i < a.words.length && j < b.words.length) {
    if (a.words[i] === b.words[j]) { both++; i++; j++; } else if (a.words[i]! < b.words[j]!) i++; else j++;
  }
  return both / (a.words.length + b.words.length - both);
}

export interface DuplicateEntry {
  uri: string;
  claim: Claim;
  text: Shingles;
  quote: Shingles;
  keys: number[];
}

export interface DuplicateMatch { claim: Claim; other: DuplicateEntry; similarity: number }

export class NearDuplicateIndex {
  private readonly byNote = new Map<string, DuplicateEntry[]>();
  private readonly buckets = new Map<number, DuplicateEntry[]>();

  /** Puts a note's claims in place of what the index held for it. */
  setNote(note: NoteModel): void {
    this.removeNote(note.uri);
    const entries: DuplicateEntry[] = [];
    for (const claim of note.claims) {
      if (!claim.id) continue;
      const text = shingles(claim.text);
      const quote = shingles(claim.fields.filter((f) => f.key === 'quote').map((f) => f.value).join(' '));
      const keys = [...bandKeys(text.words, 0), ...bandKeys(quote.words, BANDS)];
      if (keys.length === 0) continue;
      const entry: DuplicateEntry = { uri: note.uri, claim, text, quote, keys };
      for (const k of keys) {
        const list = this.buckets.get(k);
        if (list) list.push(entry); else this.buckets.set(k, [entry]);
      }
      entries.push(entry);
    }
    if (entries.length) this.byNote.set(note.uri, entries);
  }

  /** Takes a note's claims out (the note was deleted, or is about to be replaced). */
  removeNote(uri: string): void {
    const entries = this.byNote.get(uri);
    if (!entries) return;
    this.byNote.delete(uri);
    for (const e of entries) {
      for (const k of e.keys) {
        const list = this.buckets.get(k)!;
        const i = list.indexOf(e);
        if (i >= 0) { list[i] = list[list.length - 1]!; list.pop(); }
        if (list.length === 0) this.buckets.delete(k);
      }
    }
  }

  /** The claims of other notes that look like this note's claims, best first for each claim. */
  matches(uri: string): DuplicateMatch[] {
    const out: DuplicateMatch[] = [];
    for (const e of this.byNote.get(uri) ?? []) {
      const seen = new Set<DuplicateEntry>();
      const found: DuplicateMatch[] = [];
      for (const k of e.keys) {
        const list = this.buckets.get(k)!;
        if (list.length > MAX_BUCKET) continue;
        for (const other of list) {
          if (other.uri === uri || seen.has(other)) continue;
          seen.add(other);
          const s = Math.max(similarity(e.text, other.text), similarity(e.quote, other.quote));
          if (s >= THRESHOLD) found.push({ claim: e.claim, other, similarity: s });
        }
      }
      out.push(...found.sort((a, b) => b.similarity - a.similarity));
    }
    return out;
  }

  get size(): number {
    let n = 0;
    for (const list of this.byNote.values()) n += list.length;
    return n;
  }
}

/** One key per band of the MinHash signature; `offset` keeps text bands and quote bands apart. */
function bandKeys(words: Uint32Array, offset: number): number[] {
  if (words.length < MIN_WORDS) return [];
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = (b + offset) * 0x9e3779b1;
    for (let r = 0; r < ROWS; r++) {
      const seed = Math.imul(b * ROWS + r + 1, 0x85ebca6b);
      let min = 0xffffffff;
      for (let i = 0; i < words.length; i++) {
        const h = mix(words[i]! ^ seed);
        if (h < min) min = h;
      }
      key = mix(key ^ min);
    }
    keys.push(key);
  }
  return keys;
}

/** FNV-1a of a word. */
function hash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit finaliser: spreads the bits so each seed gives an independent-looking permutation. */
function mix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
