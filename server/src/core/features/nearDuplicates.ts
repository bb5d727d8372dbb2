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
import { claimLine } from '../notes/parser';
import { BandTable } from './bandTable';

/** Every hash here keeps 30 bits: V8 holds such numbers as small integers, never allocating one. */
const SMALL = 0x3fffffff;

/** Word overlap (Jaccard) at or above which two claims count as the same. */
export const THRESHOLD = 0.6;
/** Fewer distinct words than this and a text says too little to compare. */
const MIN_WORDS = 3;
/** A claim is a sentence or two: words past this many are not read, so a pasted page costs no more than a claim. */
const MAX_WORDS = 12;
// 8 bands of 2 hashes: a pair at 0.6 overlap shares a band with probability 0.97, at 0.8 with 0.99999;
// pairs below that which share a band only cost a check of their words.
const ROWS = 2;
const BANDS = 8;
/** A band key shared by more claims than this is boilerplate many notes repeat: it proposes no pairs. */
const MAX_BUCKET = 32;

const STOP = new Set(('a an the and or but of to in on at for from by with as is are was were be been being it its this that these those '
  + 'there their they them he she his her we our you your i will would shall should can could may might do does did has have had '
  + 'than then so such very much more most also just about into over after before up out which who whom what when where how all any each '
  + 'other one another some between against during within s claim').split(' '));
const NEGATIONS = new Set(['not', 'cannot', 'no', 'never', 'nor', 'none', 'nobody', 'nothing', 'neither', 'without']);

/** What a text says for comparison: its words as sorted hashes, its polarity and its numbers. */
export interface Shingles {
  /** Word hashes (30 bits, so V8 keeps them as small integers), sorted, each once. */
  words: readonly number[];
  negated: boolean;
  numbers: string;
}

export function shingles(text: string, folded = false): Shingles {
  // ASCII is lower-cased character by character below; a text with anything else is folded
  // first (case, then accents), which the loop finds out when it meets such a character.
  const plain = folded ? text.toLowerCase().normalize('NFKD').replace(COMBINING, '') : text;
  const words: number[] = [];
  const numbers: string[] = [];
  let negations = 0;
  // One pass over the characters, hashing each word as it goes: no string is made for a word
  // (this runs over every claim of the workspace on a cold start).
  let start = -1;
  let h = FNV;
  const n = plain.length;
  for (let i = 0; i <= n && words.length < MAX_WORDS; i++) {
    const c = i < n ? lower(plain.charCodeAt(i)) : 32;
    if (c >= 128 && !folded) return shingles(text, true);
    if (isWordChar(c, plain, i)) { if (start < 0) { start = i; h = FNV; } h = Math.imul(h ^ c, FNV_PRIME); continue; }
    if (start < 0) continue;
    // A `^block-id` names the claim; it says nothing the claim says.
    if (start > 0 && plain.charCodeAt(start - 1) === 94) { start = -1; continue; }
    const digit = isDigit(plain.charCodeAt(start));
    // Inside a number, "2.4" and "1,000" go on; a number may end with %.
    if (digit && (c === 46 || c === 44) && isDigit(plain.charCodeAt(i + 1))) { h = Math.imul(h ^ c, FNV_PRIME); continue; }
    if (digit) {
      numbers.push(plain.slice(start, c === 37 ? i + 1 : i).replace(',', '.'));
    } else {
      if ((c === 39 || c === 8217) && lower(plain.charCodeAt(i + 1)) === 116 && lower(plain.charCodeAt(i - 1)) === 110 && !isWordChar(lower(plain.charCodeAt(i + 2)), plain, i + 2)) {
        // "doesn't" is "does not", "isn't" "is not", "won't" "will not": the verb is a common word, the "not" counts.
        negations++;
        // The verb without its n ("doesn" → "does"); "won" and "can" are "will" and "can", common words.
        const whole = h & SMALL;
        const base = rawHash(plain, start, i - 1);
        if (whole !== WON && whole !== CAN && !STOP_HASHES.has(base)) insert(words, mix(base));
        start = -1;
        continue;
      }
      const whole = h & SMALL;
      if (NEGATION_HASHES.has(whole)) negations++;
      else if (!STOP_HASHES.has(whole)) insert(words, wordHash(plain, start, stemEnd(plain, start, i)));
      // "OpenAI's": the 's is no word of its own.
      if ((c === 39 || c === 8217) && lower(plain.charCodeAt(i + 1)) === 115 && !isWordChar(lower(plain.charCodeAt(i + 2)), plain, i + 2)) i++;
    }
    start = -1;
  }
  return { words, negated: negations % 2 === 1, numbers: numbers.length ? numbers.sort().join(' ') : '' };
}

/** Puts a hash into a short sorted list, unless it is there already: a claim has a few dozen words at most. */
function insert(sorted: number[], h: number): void {
  let i = sorted.length;
  while (i > 0 && sorted[i - 1]! > h) i--;
  if (i > 0 && sorted[i - 1] === h) return;
  sorted.splice(i, 0, h);
}

/** An ASCII capital as its small letter; anything else as it is. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const FNV = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const COMBINING = /[\u0300-\u036f]/g;
const LETTER = /[\p{L}\p{N}]/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return LETTER.test(text[i]!);
}

/** FNV-1a of text[start, end), as a whole word's running hash is computed. */
function rawHash(text: string, start: number, end: number): number {
  let h = FNV;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lower(text.charCodeAt(i)), FNV_PRIME);
  return h & SMALL;
}

/** A word's hash for comparison, its bits spread for the MinHash permutations. */
function wordHash(text: string, start: number, end: number): number {
  return mix(rawHash(text, start, end));
}

/** Where a light stem of text[start, end) ends, enough that "models", "modelled" and "modelling" meet. */
function stemEnd(text: string, start: number, end: number): number {
  const len = end - start;
  if (len <= 4) return end;
  for (const suffix of SUFFIXES) {
    if (len - suffix.length >= 4 && endsWith(text, end, suffix)) {
      const base = end - suffix.length;
      // "modelled" → "model": a doubled last letter before the suffix is one.
      return base - start > 4 && lower(text.charCodeAt(base - 1)) === lower(text.charCodeAt(base - 2)) ? base - 1 : base;
    }
  }
  return end;
}

function endsWith(text: string, end: number, suffix: string): boolean {
  for (let k = 1; k <= suffix.length; k++) if (lower(text.charCodeAt(end - k)) !== suffix.charCodeAt(suffix.length - k)) return false;
  return true;
}

const SUFFIXES = ['ing', 'ies', 'ed', 'es', 's', 'ly', 'y'];
const hashes = (words: Iterable<string>) => new Set([...words].map((w) => rawHash(w, 0, w.length)));
const STOP_HASHES = hashes(STOP);
const NEGATION_HASHES = hashes(NEGATIONS);
const WON = rawHash('won', 0, 3);
const CAN = rawHash('can', 0, 3);

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

const NOTHING: Shingles = { words: [], negated: false, numbers: '' };
const isQuote = (f: { key: string }) => f.key === 'quote';

export interface DuplicateEntry {
  /** Its number in the band table. */
  id: number;
  uri: string;
  claim: Claim;
  text: Shingles;
  quote: Shingles;
}

export interface DuplicateMatch { claim: Claim; other: DuplicateEntry; similarity: number }

export class NearDuplicateIndex {
  private readonly byNote = new Map<string, DuplicateEntry[]>();
  /** Band keys → claims: the text's bands first, then the quotes'. */
  private readonly table = new BandTable(2 * BANDS);
  private readonly byId: Array<DuplicateEntry | undefined> = [];

  /** Puts a note's claims in place of what the index held for it. */
  setNote(note: NoteModel): void {
    this.removeNote(note.uri);
    const entries: DuplicateEntry[] = [];
    for (const claim of note.claims) {
      if (!claim.id) continue;
      const text = shingles(claimLine(claim));
      const quote = claim.fields.some(isQuote) ? shingles(claim.fields.filter(isQuote).map((f) => f.value).join(' ')) : NOTHING;
      if (text.words.length < MIN_WORDS && quote.words.length < MIN_WORDS) continue;
      const entry: DuplicateEntry = { id: this.table.allocate(), uri: note.uri, claim, text, quote };
      this.byId[entry.id] = entry;
      this.file(entry.id, text.words, 0);
      this.file(entry.id, quote.words, BANDS);
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
      this.table.release(e.id);
      this.byId[e.id] = undefined;
    }
  }

  /** The claims of other notes that look like this note's claims, best first for each claim. */
  matches(uri: string): DuplicateMatch[] {
    const out: DuplicateMatch[] = [];
    for (const e of this.byNote.get(uri) ?? []) {
      const seen = new Set<number>([e.id]);
      const found: DuplicateMatch[] = [];
      const keys = [...bandKeys(e.text.words, 0), ...bandKeys(e.quote.words, BANDS)];
      for (const key of keys) {
        for (const id of this.table.idsOf(key, MAX_BUCKET) ?? []) {
          const other = this.byId[id];
          if (!other || other.uri === uri || seen.has(id)) continue;
          seen.add(id);
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

  private file(id: number, words: readonly number[], offset: number): void {
    const keys = bandKeys(words, offset);
    for (let b = 0; b < keys.length; b++) this.table.add(id, offset + b, keys[b]!);
  }
}

/** Per hash function, an odd multiplier and an offset: h(x) = a·x + b over 32 bits, x already well mixed. */
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => [mix(i * 2 + 1) | 1, mix(i * 2 + 2)] as const);

/** One key per band of the MinHash signature; `offset` keeps text bands and quote bands apart. */
function bandKeys(words: readonly number[], offset: number): number[] {
  if (words.length < MIN_WORDS) return [];
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = Math.imul(b + offset + 1, 0x9e3779b1);
    for (let r = 0; r < ROWS; r++) {
      const [a, add] = SEEDS[b * ROWS + r]!;
      let min = SMALL;
      for (let i = 0; i < words.length; i++) {
        const h = (Math.imul(words[i]!, a) + add) & SMALL;
        if (h < min) min = h;
      }
      key = mix(key ^ min);
    }
    keys.push(key);
  }
  return keys;
}

/** A 32-bit finaliser: spreads the bits so each seed gives an independent-looking permutation. */
function mix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & SMALL;
}
