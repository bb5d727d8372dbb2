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
// The index holds each claim with an id (only those can be linked) and is
// updated one note at a time; the service keeps it in step with the workspace
// index from the change stream. It runs over every claim after a cold index,
// so building it allocates almost nothing per claim: words are read into
// reused typed arrays, only the band keys are kept (the band table's entries:
// a claim's line, and its quotes when they say enough), and a claim's words
// are read again, and kept, only when a question meets it as a candidate.
import { grownTo } from '../base/typedArrays';
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

/**
 * What reading a text leaves besides its words: its polarity and its numbers. One object, reused, as
 * are the arrays below: reading runs over every claim of the workspace on a cold start, and what it
 * allocated per claim cost more in garbage collection than the reading itself.
 */
const read = { negated: false, numbers: '' };
const numbersRead: string[] = [];

/**
 * Reads a text's words into out[at, at + MAX_WORDS) as hashes (30 bits), sorted, each once, and
 * returns how many; its polarity and numbers are left in `read`.
 */
function readText(text: string, out: Int32Array, at: number, folded = false): number {
  // ASCII is lower-cased character by character below; a text with anything else is folded
  // first (case, then accents), which the loop finds out when it meets such a character.
  const plain = folded ? text.toLowerCase().normalize('NFKD').replace(COMBINING, '') : text;
  numbersRead.length = 0;
  let count = 0;
  let negations = 0;
  // One pass over the characters, hashing each word as it goes: no string is made for a word.
  let start = -1;
  let h = FNV;
  const n = plain.length;
  for (let i = 0; i <= n && count < MAX_WORDS; i++) {
    const c = i < n ? lower(plain.charCodeAt(i)) : 32;
    if (c >= 128 && !folded) return readText(text, out, at, true);
    if (isWordChar(c, plain, i)) { if (start < 0) { start = i; h = FNV; } h = Math.imul(h ^ c, FNV_PRIME); continue; }
    if (start < 0) continue;
    // A `^block-id` names the claim; it says nothing the claim says.
    if (start > 0 && plain.charCodeAt(start - 1) === 94) { start = -1; continue; }
    const digit = isDigit(plain.charCodeAt(start));
    // Inside a number, "2.4" and "1,000" go on; a number may end with %.
    if (digit && (c === 46 || c === 44) && isDigit(plain.charCodeAt(i + 1))) { h = Math.imul(h ^ c, FNV_PRIME); continue; }
    if (digit) {
      numbersRead.push(plain.slice(start, c === 37 ? i + 1 : i).replace(',', '.'));
    } else {
      if ((c === 39 || c === 8217) && lower(plain.charCodeAt(i + 1)) === 116 && lower(plain.charCodeAt(i - 1)) === 110 && !isWordChar(lower(plain.charCodeAt(i + 2)), plain, i + 2)) {
        // "doesn't" is "does not", "isn't" "is not", "won't" "will not": the verb is a common word, the "not" counts.
        negations++;
        // The verb without its n ("doesn" → "does"); "won" and "can" are "will" and "can", common words.
        const whole = h & SMALL;
        const base = rawHash(plain, start, i - 1);
        if (whole !== WON && whole !== CAN && kindOf(base) !== STOP_WORD) count = insert(out, at, count, mix(base));
        start = -1;
        continue;
      }
      const whole = h & SMALL;
      const kind = kindOf(whole);
      if (kind === NEGATION) negations++;
      else if (kind !== STOP_WORD) {
        // Most words keep every letter: their hash is the running one, not read again.
        const end = stemEnd(plain, start, i);
        count = insert(out, at, count, end === i ? mix(whole) : wordHash(plain, start, end));
      }
      // "OpenAI's": the 's is no word of its own.
      if ((c === 39 || c === 8217) && lower(plain.charCodeAt(i + 1)) === 115 && !isWordChar(lower(plain.charCodeAt(i + 2)), plain, i + 2)) i++;
    }
    start = -1;
  }
  read.negated = negations % 2 === 1;
  read.numbers = numbersRead.length ? numbersRead.sort().join(' ') : '';
  return count;
}

/** Puts a hash into the sorted out[at, at + count), unless it is there already; returns the new count. */
function insert(out: Int32Array, at: number, count: number, h: number): number {
  let i = at + count;
  while (i > at && out[i - 1]! > h) i--;
  if (i > at && out[i - 1] === h) return count;
  for (let j = at + count; j > i; j--) out[j] = out[j - 1]!;
  out[i] = h;
  return count + 1;
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
  // Every suffix ends in g, s, d or y: most words end otherwise.
  const last = lower(text.charCodeAt(end - 1));
  if (last !== 103 && last !== 115 && last !== 100 && last !== 121) return end;
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
const STOP_WORD = 1;
const NEGATION = 2;
/**
 * The common words and the negations by their hash, in an open-addressed table of typed arrays: a
 * look-up per word of every claim, which a Set of numbers made several times slower than the hashing.
 */
const KIND_BITS = 9;
const kindKeys = new Int32Array(1 << KIND_BITS).fill(-1);
const kinds = new Uint8Array(1 << KIND_BITS);
for (const [words, kind] of [[STOP, STOP_WORD], [NEGATIONS, NEGATION]] as const) {
  for (const w of words) {
    const h = rawHash(w, 0, w.length);
    let s = h & ((1 << KIND_BITS) - 1);
    while (kindKeys[s] !== -1 && kindKeys[s] !== h) s = (s + 1) & ((1 << KIND_BITS) - 1);
    kindKeys[s] = h;
    kinds[s] = kind;
  }
}

/** STOP_WORD, NEGATION, or 0 for a word that counts. */
function kindOf(h: number): number {
  for (let s = h & ((1 << KIND_BITS) - 1); ; s = (s + 1) & ((1 << KIND_BITS) - 1)) {
    const k = kindKeys[s]!;
    if (k === h) return kinds[s]!;
    if (k === -1) return 0;
  }
}
const WON = rawHash('won', 0, 3);
const CAN = rawHash('can', 0, 3);

const isQuote = (f: { key: string }) => f.key === 'quote';

export interface DuplicateEntry {
  /** Its number in the index. */
  id: number;
  uri: string;
  claim: Claim;
}

export interface DuplicateMatch { claim: Claim; other: DuplicateEntry; similarity: number }

/** A claim's two texts, its line and its quotes, read: words in a typed array (MAX_WORDS each), the rest here. */
class Reading {
  readonly words = new Int32Array(2 * MAX_WORDS);
  textCount = 0;
  textNegated = false;
  textNumbers = '';
  quoteCount = 0;
  quoteNegated = false;
  quoteNumbers = '';

  /** Reads the claim; false when neither text has enough words to compare. */
  of(claim: Claim): boolean {
    this.textCount = readText(claimLine(claim), this.words, 0);
    this.textNegated = read.negated;
    this.textNumbers = read.numbers;
    this.quoteCount = 0;
    this.quoteNegated = false;
    this.quoteNumbers = '';
    if (claim.fields.some(isQuote)) {
      this.quoteCount = readText(claim.fields.filter(isQuote).map((f) => f.value).join(' '), this.words, MAX_WORDS);
      this.quoteNegated = read.negated;
      this.quoteNumbers = read.numbers;
    }
    return this.textCount >= MIN_WORDS || this.quoteCount >= MIN_WORDS;
  }

}

/** Jaccard of two sorted runs of distinct word hashes; 0 when either has too few words. */
function overlap(a: Int32Array, i: number, na: number, b: Int32Array, j: number, nb: number): number {
  if (na < MIN_WORDS || nb < MIN_WORDS) return 0;
  const endA = i + na, endB = j + nb;
  let both = 0;
  while (i < endA && j < endB) {
    const x = a[i]!, y = b[j]!;
    if (x === y) { both++; i++; j++; } else if (x < y) i++; else j++;
  }
  return both / (na + nb - both);
}

/** The claim being read. */
const self = new Reading();

/**
 * The claims read again to verify candidates, kept until their note changes: filled only by the
 * questions (matches), so the cold build pays nothing for it. Side 0 of a claim is its line, side 1
 * its quotes; words at side × MAX_WORDS.
 */
class Readings {
  words = new Int32Array(0);
  counts = new Uint8Array(0);
  negated = new Uint8Array(0);
  readonly numbers: string[] = [];
  /** 1 when the claim's reading is here. */
  held = new Uint8Array(0);

  /** Whether claim `id`'s reading is held. */
  holds(id: number): boolean {
    return id < this.held.length && this.held[id] === 1;
  }

  /** Makes sure claim `id`'s reading is held. */
  hold(id: number, claim: Claim): void {
    if (id < this.held.length && this.held[id]) return;
    if (id >= this.held.length) {
      const capacity = Math.max(256, 2 * id);
      this.words = grownTo(this.words, 2 * MAX_WORDS * capacity);
      this.counts = grownTo(this.counts, 2 * capacity);
      this.negated = grownTo(this.negated, 2 * capacity);
      this.held = grownTo(this.held, capacity);
    }
    self.of(claim);
    this.words.set(self.words, 2 * MAX_WORDS * id);
    this.counts[2 * id] = self.textCount;
    this.negated[2 * id] = self.textNegated ? 1 : 0;
    this.numbers[2 * id] = self.textNumbers;
    this.counts[2 * id + 1] = self.quoteCount;
    this.negated[2 * id + 1] = self.quoteNegated ? 1 : 0;
    this.numbers[2 * id + 1] = self.quoteNumbers;
    this.held[id] = 1;
  }

  /** The held reading of claim `id` as a string: two claims with the same key read alike. */
  key(id: number): string {
    const side = (x: number) => `${this.words.subarray(x * MAX_WORDS, x * MAX_WORDS + this.counts[x]!).join(',')}/${this.negated[x]}/${this.numbers[x]}`;
    return `${side(2 * id)}|${side(2 * id + 1)}`;
  }

  /** The claim left the index: its number may be reused. */
  release(id: number): void {
    if (id < this.held.length) this.held[id] = 0;
  }

  /** Word overlap (Jaccard) of two held claims, the better of line with line and quotes with quotes; 0 when the guards say no. */
  similarity(a: number, b: number): number {
    return Math.max(this.side(2 * a, 2 * b), this.side(2 * a + 1, 2 * b + 1));
  }

  private side(x: number, y: number): number {
    if (this.negated[x] !== this.negated[y] || this.numbers[x] !== this.numbers[y]) return 0;
    return overlap(this.words, x * MAX_WORDS, this.counts[x]!, this.words, y * MAX_WORDS, this.counts[y]!);
  }
}

/** How many notes' matches are remembered (see matching). */
const REMEMBERED_NOTES = 32;

/** No entry in the band table: the text has too few words to sign. */
const NONE = -1;

/**
 * Only the signature's band keys are kept (in the band table), nothing else per claim: reading a
 * claim again costs a microsecond, and only the claims that share a band with the one asked about
 * are read again — so the cold build allocates a few bytes per claim, not a copy of its words.
 */
export class NearDuplicateIndex {
  /** Each note's claims by their numbers. */
  private readonly byNote = new Map<string, number[]>();
  private readonly claims: Array<Claim | undefined> = [];
  private readonly uris: Array<string | undefined> = [];
  private readonly freeIds: number[] = [];
  /** Counts every setNote and removeNote: a paused matching() knows the index changed under it. */
  private changes = 0;
  /** How many of those were of each note: the changes of the others are the rest. */
  private readonly ownChanges = new Map<string, number>();
  /**
   * Per note, what each of its claims matched, by the claim's reading, for
   * as long as no other note changes: typing in a long note re-reads it on
   * every keystroke, and its hundreds of unchanged claims need not be
   * matched again.
   */
  private readonly remembered = new Map<string, { others: number; byReading: Map<string, Array<Omit<DuplicateMatch, 'claim'>>> }>();
  /** Band keys → entries: a claim's text is one entry, its quotes (when they say enough) another. */
  private readonly table = new BandTable(BANDS);
  /** Per claim, its text's entry and its quotes' entry (or NONE); per entry, its claim. */
  private entries = new Int32Array(2 * 256);
  private claimOf = new Int32Array(256);
  private readonly readings = new Readings();

  /** Puts a note's claims in place of what the index held for it. */
  setNote(note: NoteModel): void {
    this.drop(note.uri);
    this.changed(note.uri);
    let ids: number[] | undefined;
    for (const claim of note.claims) {
      if (!claim.id || !self.of(claim)) continue;
      const id = this.freeIds.pop() ?? this.claims.length;
      if (2 * id + 1 >= this.entries.length) this.entries = grownTo(this.entries, 2 * this.entries.length);
      this.claims[id] = claim;
      this.uris[id] = note.uri;
      this.entries[2 * id] = this.file(id, 0, self.textCount);
      this.entries[2 * id + 1] = this.file(id, 1, self.quoteCount);
      (ids ??= []).push(id);
    }
    if (ids) this.byNote.set(note.uri, ids);
  }

  /** Takes a note's claims out (the note was deleted, or is about to be replaced). */
  removeNote(uri: string): void {
    this.drop(uri);
    this.remembered.delete(uri);
  }

  private drop(uri: string): void {
    const ids = this.byNote.get(uri);
    if (!ids) return;
    this.changed(uri);
    this.byNote.delete(uri);
    for (const id of ids) {
      if (this.entries[2 * id] !== NONE) this.table.release(this.entries[2 * id]!);
      if (this.entries[2 * id + 1] !== NONE) this.table.release(this.entries[2 * id + 1]!);
      this.claims[id] = undefined;
      this.uris[id] = undefined;
      this.readings.release(id);
      this.freeIds.push(id);
    }
  }

  /** The claims of other notes that look like this note's claims, best first for each claim. */
  matches(uri: string): DuplicateMatch[] {
    const run = this.matching(uri);
    for (;;) {
      const step = run.next();
      if (step.done) return step.value!;
    }
  }

  /**
   * matches(), a band at a time: it pauses after each of a claim's bands,
   * so that a caller can let other work in (a band may hold dozens of
   * candidates to read and verify, a claim sixteen bands, a note dozens of
   * claims). What a claim's question has met is its own, not the index's,
   * so another question may be asked during a pause. Undefined when the
   * index changed during a pause: ask again.
   */
  *matching(uri: string): Generator<void, DuplicateMatch[] | undefined> {
    const changes = this.changes;
    const others = changes - (this.ownChanges.get(uri) ?? 0);
    let memo = this.remembered.get(uri);
    this.remembered.delete(uri);
    if (memo?.others !== others) memo = { others, byReading: new Map() };
    // The notes asked about last are kept (the ones being edited); a check of the whole workspace keeps a few.
    this.remembered.set(uri, memo);
    if (this.remembered.size > REMEMBERED_NOTES) this.remembered.delete(this.remembered.keys().next().value!);
    const out: DuplicateMatch[] = [];
    for (const id of this.byNote.get(uri) ?? []) {
      const claim = this.claims[id]!;
      this.readings.hold(id, claim);
      const reading = this.readings.key(id);
      const known = memo.byReading.get(reading);
      if (known) { for (const m of known) out.push({ claim, ...m }); continue; }
      const found: DuplicateMatch[] = [];
      for (const _ of this.matchClaim(id, uri, found)) {
        yield;
        if (this.changes !== changes) return undefined;
      }
      memo.byReading.set(reading, found.map(({ other, similarity }) => ({ other, similarity })));
      for (const m of found) out.push(m);
    }
    return out;
  }

  private changed(uri: string): void {
    this.changes++;
    this.ownChanges.set(uri, (this.ownChanges.get(uri) ?? 0) + 1);
  }

  private *matchClaim(id: number, uri: string, out: DuplicateMatch[]): Generator<void> {
    const seen = new Set<number>([id]);
    const claim = this.claims[id]!;
    const r = this.readings;
    r.hold(id, claim);
    let found: DuplicateMatch[] | undefined;
    const bands = bandKeys(r.words, 2 * MAX_WORDS * id, r.counts[2 * id]!, 0, keys, 0);
    const all = bands + bandKeys(r.words, (2 * id + 1) * MAX_WORDS, r.counts[2 * id + 1]!, 1, keys, bands);
    // The keys are the module's scratch: another question may write them during a pause.
    const mine = keys.slice(0, all);
    for (let k = 0; k < all; k++) {
      const n = this.table.idsInto(mine[k]!, MAX_BUCKET, candidates);
      for (let c = 0; c < n; c++) {
        const other = this.claimOf[candidates[c]!]!;
        const otherUri = this.uris[other];
        if (otherUri === undefined || otherUri === uri || seen.has(other)) continue;
        seen.add(other);
        // Verified only now, and only for the few claims that share a band: the exact overlap of the words.
        const otherClaim = this.claims[other]!;
        this.holdWithNote(other);
        const s = this.readings.similarity(id, other);
        if (s >= THRESHOLD) (found ??= []).push({ claim, other: { id: other, uri: otherUri, claim: otherClaim }, similarity: s });
      }
      yield;
    }
    if (found) out.push(...found.sort((a, b) => b.similarity - a.similarity));
  }

  /**
   * Holds the reading of claim `id`, and those of its note's other claims
   * with it: a note read from disk is read again for its claims' words (see
   * diskLines.ts), once for all of them rather than once for each (checking
   * 600 notes read 35,000 notes again, claim by claim).
   */
  private holdWithNote(id: number): void {
    if (this.readings.holds(id)) return;
    for (const k of this.byNote.get(this.uris[id]!) ?? [id]) this.readings.hold(k, this.claims[k]!);
  }

  /**
   * Makes room at once for `claims` claims (a text entry each), before a
   * build files every note: grown as they filled, the arrays were copied
   * again and again, and the copies let go of (some 20 MB at 10k notes)
   * stayed resident until the next full collection.
   */
  reserve(claims: number): void {
    this.table.reserve(claims);
    this.claimOf = grownTo(this.claimOf, claims);
    this.entries = grownTo(this.entries, 2 * claims);
  }

  /** Gives back the room its arrays grew ahead of the claims (see BandTable.trim): for once the index holds every note. */
  trim(): void {
    this.table.trim();
  }

  get size(): number {
    let n = 0;
    for (const list of this.byNote.values()) n += list.length;
    return n;
  }

  /** Files one of the claim's texts (side 0 its line, 1 its quotes) just read into `self`; its entry, or NONE. */
  private file(id: number, side: number, count: number): number {
    if (bandKeys(self.words, side * MAX_WORDS, count, side, keys, 0) === 0) return NONE;
    const entry = this.table.allocate();
    if (entry >= this.claimOf.length) this.claimOf = grownTo(this.claimOf, 2 * this.claimOf.length);
    this.claimOf[entry] = id;
    for (let b = 0; b < BANDS; b++) this.table.add(entry, b, keys[b]!);
    return entry;
  }

}


const HASHES = BANDS * ROWS;
/** Per hash function, an odd multiplier and an offset: h(x) = a·x + b over 32 bits, x already well mixed. */
const MULTIPLIERS = Int32Array.from({ length: HASHES }, (_, i) => mix(i * 2 + 1) | 1);
const OFFSETS = Int32Array.from({ length: HASHES }, (_, i) => mix(i * 2 + 2));
/** A claim's band keys, text then quote, and the entries filed under one of them. */
const keys = new Int32Array(2 * BANDS);
const candidates = new Int32Array(MAX_BUCKET);

/**
 * One key per band of the MinHash signature of words[at, at + count), written to out from `outAt`;
 * returns how many (none for a text with too few words). `side` keeps text bands and quote bands apart.
 */
function bandKeys(words: Int32Array, at: number, count: number, side: number, out: Int32Array, outAt: number): number {
  if (count < MIN_WORDS) return 0;
  // Each hash function's least over the words (a dozen, in cache): the signature, kept in int32 arithmetic.
  const offset = side * BANDS;
  const end = at + count;
  for (let b = 0; b < BANDS; b++) {
    let key = Math.imul(b + offset + 1, 0x9e3779b1);
    for (let r = 0; r < ROWS; r++) {
      const f = b * ROWS + r;
      const a = MULTIPLIERS[f]!, add = OFFSETS[f]!;
      let min = SMALL;
      for (let i = at; i < end; i++) {
        const h = ((Math.imul(words[i]!, a) + add) | 0) & SMALL;
        if (h < min) min = h;
      }
      key = mix(key ^ min);
    }
    out[outAt + b] = key;
  }
  return BANDS;
}

/** A 32-bit finaliser: spreads the bits so each seed gives an independent-looking permutation. */
function mix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & SMALL;
}
