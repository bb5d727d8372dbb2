// The index behind workspace symbol search: every entity (name, id, aliases)
// and every claim (id, words of its text) by the words they contain, so a
// query looks up the words it names instead of scanning 80,000 claims. A
// query word matches a word of the symbol that starts with it ("commod"
// finds "commoditise"); every query word must match: the word listing the
// fewest symbols picks the candidates and the others' postings are marked,
// so a query of common words costs their postings, not a read of each
// candidate's text. Best matches come first: a symbol whose name, alias or id
// is the whole query, then one whose name starts with it, then the rest.
//
// Built on the first query (nothing else needs it, and it is not small), a
// file at a time so that the caller can let other requests in (see sync), and
// then kept up to date file by file: the caller passes the URIs the change
// stream names, and only those files' symbols are replaced (a replaced
// symbol leaves a hole in the postings; holes are compacted by a rebuild once
// they outnumber the symbols). A claim is found by its id and the first 40
// distinct words of its text.
import { grownTo } from '../base/typedArrays';
import { type Claim, type EntityDef, type NoteModel } from '../notes/model';
import { foldName } from '../text/names';
import { ownCopy } from '../text/kept';
import { claimTextCut, claimTextHead, passingText } from '../notes/parser';
import { type WorkspaceIndex } from './workspaceIndex';

/** Words of a claim's text that are indexed: the first ones, where a claim's point is; a paragraph-long claim stays cheap. */
const MAX_CLAIM_WORDS = 40;

export type SymbolEntry = EntitySymbol | ClaimSymbol;

interface EntitySymbol { readonly kind: 'entity'; readonly entity: EntityDef; readonly name: string }

/**
 * A claim as a symbol. Its name is the beginning of its text, NAME_CHARS
 * characters of it, kept when its words are read: the whole text is read
 * again from the note (see diskLines.ts), some 25 µs a claim, and keeping
 * every claim's whole text held 45 MB at 10k notes.
 */
export class ClaimSymbol {
  readonly kind = 'claim';
  /** The beginning of the claim's display text (NAME_CHARS characters); undefined until its words are read. */
  shown: string | undefined;
  /** Whether `shown` is the whole text. */
  whole = false;
  constructor(readonly note: NoteModel, readonly claim: Claim) {}
  /** The claim's text, cut after NAME_CHARS characters (at a word's end where one is near) and marked so. */
  get name(): string {
    if (this.shown === undefined) this.keepShown(passingText(this.claim), true);
    if (this.whole) return this.shown || '(empty claim)';
    const text = this.shown!;
    const space = text.lastIndexOf(' ');
    return `${space > NAME_CHARS - 24 ? text.slice(0, space) : text}…`;
  }
  /** Keeps the beginning of `text`, the claim's text or (not `complete`) a longer beginning of it. */
  keepShown(text: string, complete: boolean): void {
    this.whole = complete && text.length <= NAME_CHARS;
    this.shown = ownCopy(text.slice(0, NAME_CHARS));
  }
}

/**
 * How much of a claim's text its symbol's name shows. VS Code's fuzzy filter
 * reads the first 128 characters of a name, and the list shows one line of it:
 * a longer name only makes the answer longer, and a whole paragraph was read
 * from disk for it.
 */
const NAME_CHARS = 128;

/** What a word is made of: letters and digits, in any script. */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 unit below U+10000: 0 not asked yet, 1 a letter or digit, 2 not. ASCII filled at once. */
const WORD_UNIT = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) WORD_UNIT[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;

/** Whether the code point at `i` of `text` (of `width` units) belongs to a word. */
function isWordAt(text: string, i: number, c: number): boolean {
  if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) return WORD_CHAR.test(String.fromCodePoint(cp));
  }
  let k = WORD_UNIT[c]!;
  if (k === 0) WORD_UNIT[c] = k = WORD_CHAR.test(String.fromCharCode(c)) && !(c >= 0xd800 && c < 0xe000) ? 1 : 2;
  return k === 1;
}

/**
 * Calls `visit(text, start, end)` for each word of `text` (a run of letters
 * and digits) until it says false; false then. Reads the text in place: the
 * index looks each word up by its range and makes a string only of a word
 * it has not seen, where splitting made one of every word.
 */
function scanWords(text: string, visit: (text: string, start: number, end: number) => boolean): boolean {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const astral = c >= 0xd800 && c < 0xdc00 && text.codePointAt(i)! > 0xffff;
    if (isWordAt(text, i, c)) { if (start < 0) start = i; }
    else if (start >= 0) { if (!visit(text, start, i)) return false; start = -1; }
    if (astral) i++;
  }
  return start < 0 || visit(text, start, text.length);
}

/** An entity's folded name, id and aliases: its exact keys, and what its words are read from. */
function keysOf(e: EntitySymbol): string[] {
  return [...new Set([e.entity.name, e.entity.id, ...e.entity.aliases].map(foldName))];
}

/** How much of a claim's text is folded at a time while its words are read: its first words are usually all it takes. */
const FOLD_STEP = 320;

/**
 * Calls `add` with each word a symbol is found by, in order: an entity's
 * folded name, id and aliases and their words; a claim's id, its words, then
 * the words of its text until MAX_CLAIM_WORDS words were new (`add` says
 * whether one was). The text is folded a few hundred characters at a time,
 * cut at a space, so a long claim costs its first words, not its paragraph.
 */
function eachWord(e: SymbolEntry, add: (text: string, start: number, end: number) => boolean): void {
  if (e.kind === 'entity') {
    for (const key of keysOf(e)) scanWords(key, (t, a, b) => { add(t, a, b); return true; });
    return;
  }
  let taken = 0;
  const id = e.claim.id?.toLowerCase();
  const take = (t: string, a: number, b: number) => !add(t, a, b) || ++taken < MAX_CLAIM_WORDS;
  if (id) {
    if (add(id, 0, id.length)) taken++;
    scanWords(foldName(id), take);
  }
  // Reads text[0, end) until MAX_CLAIM_WORDS words were new; false once they were. `complete`: text is the whole text.
  const read = (text: string, end: number, complete: boolean): boolean => {
    for (let from = 0; from < end && taken < MAX_CLAIM_WORDS;) {
      let to = from + FOLD_STEP;
      if (to >= end) to = end;
      else { const space = text.indexOf(' ', to); to = space < 0 || space > end ? end : space; }
      const folded = foldName(text.slice(from, to));
      if (from === 0 && e.shown === undefined) e.keepShown(text, complete);
      if (!scanWords(folded, take)) return false;
      from = to;
    }
    return taken < MAX_CLAIM_WORDS;
  };
  // The beginning of the text first, up to its last space (its last word may be cut short): it usually holds
  // the words, and making the whole text of a paragraph-long claim cost more than reading its words. Then, if
  // it did not, the whole text from its start again (the words already read are not new).
  const cap = 50 * MAX_CLAIM_WORDS;
  const head = claimTextCut(e.claim, HEAD_MIN);
  if (head !== undefined && !read(head, Math.min(head.lastIndexOf(' '), cap), false)) return;
  const text = passingText(e.claim);
  read(text, Math.min(text.length, cap), true);
}

/** How many postings are laid out between two looks at the clock (see WordPostings.finish). */
const LAYOUT_PIECE = 1 << 16;

/** How much of a claim's text is made first for its words (see eachWord). */
const HEAD_MIN = 200;

/** The words a symbol is found by (see eachWord), each once. */
function wordsOfEntry(e: SymbolEntry): string[] {
  const words = new Set<string>();
  eachWord(e, (t, a, b) => words.size < words.add(t.slice(a, b)).size);
  return [...words];
}

/**
 * A word with more postings than this many times the candidates is checked on
 * the candidates' own words. Reading a candidate's words reads its note again
 * (see diskLines.ts, some 25 µs), where marking a posting costs nanoseconds.
 */
const MARK_RATIO = 4096;

/**
 * Whether a name, alias or id of the symbol starts with the whole query: the
 * best matches after the exact ones. A claim's text is folded only as far as
 * the query reaches (with room for what folding removes), not whole.
 */
function startsWith(e: SymbolEntry, whole: string): boolean {
  if (e.kind === 'entity') return keysOf(e).some((k) => k.startsWith(whole));
  if (e.claim.id?.toLowerCase().startsWith(whole)) return true;
  if (e.shown !== undefined) {
    // Folding may change the last few characters of a cut beginning (a cut accent, a final sigma): it decides only with room to spare.
    const start = foldName(e.shown);
    if (e.whole || start.length >= whole.length + 8) return start.startsWith(whole);
  }
  const reach = 2 * whole.length + 16;
  // More than `reach` characters of the text's beginning, or the whole text.
  const text = claimTextHead(e.claim, reach);
  if (text.length > reach) {
    const head = foldName(text.slice(0, reach));
    // Folding may shorten the text (spaces run together) and change its last few characters (a cut accent, a final sigma):
    // only a head that still covers the query with room to spare decides.
    if (head.length >= whole.length + 8) return head.startsWith(whole);
  }
  return foldName(text).startsWith(whole);
}

/** The folded words of a text. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  scanWords(foldName(text), (t, a, b) => { words.push(t.slice(a, b)); return true; });
  return words;
}


export class SymbolIndex {
  /** Every symbol by number; a removed one leaves a hole, reused by nobody, until the next compaction. */
  private entries: Array<SymbolEntry | undefined> = [];
  private live = 0;
  /** Every word, with the numbers of the symbols that hold it (holes included), in order for prefix ranges. */
  private words = new WordPostings();
  /** Whole names, aliases and ids → symbol numbers: the exact matches, looked up whole only (no order kept). */
  private exact = new WordPostings(1024, false);
  /** File URI → the numbers of the symbols it defines. */
  private readonly byFile = new Map<string, number[]>();
  /** Files changed since the last query; undefined until the first query builds everything. */
  private dirty: Set<string> | undefined;
  /** A build under way (see sync): the files to add in order, how many are added, and those changed meanwhile. */
  private pending: { readonly uris: readonly string[]; next: number; readonly changed: Set<string> } | undefined;
  /** Per symbol, the last query word that marked it (see requireAll), and whether this query has looked at it. */
  private readonly marks = new Marks();
  private readonly seen = new Marks();
  /** How many times everything was built afresh (see build). */
  builds = 0;

  constructor(private readonly index: WorkspaceIndex) {}

  /** The change stream names these files: their symbols are replaced before the next query. */
  changed(uris: readonly string[]): void {
    const into = this.pending?.changed ?? this.dirty;
    if (into) for (const u of uris) into.add(u);
  }

  /**
   * Brings the index up to date with the files, one file at a time, until
   * `due` says to stop: true once it is up to date, false when it stopped
   * first (call again to go on). A first build reads every note again, 1-2 s
   * at 10,000 notes and tens of seconds at 100,000: the caller lets other
   * requests in between calls. Files that change while a build goes on are
   * replaced once it is done.
   */
  sync(due: () => boolean = () => false): boolean {
    if (!this.pending) {
      if (this.dirty && this.dirty.size === 0) return true;
      if (this.dirty && this.entries.length <= 2 * this.live + 1024) {
        // New words are put in place as they come; words whose symbols all went stay until the next build (their postings are holes).
        this.replace(this.dirty);
        return true;
      }
      this.startBuild();
    }
    const pending = this.pending!;
    while (pending.next < pending.uris.length) {
      this.add(pending.uris[pending.next++]!);
      if (pending.next < pending.uris.length && due()) return false;
    }
    if (!this.words.finish(due) || !this.exact.finish(due)) return false;
    this.pending = undefined;
    this.dirty = pending.changed;
    this.replace(this.dirty);
    return true;
  }

  /** Symbols matching `query`, best first, at most `limit`; brings the index up to date first, at once (see sync). */
  search(query: string, limit: number): SymbolEntry[] {
    this.sync();
    const words = wordsOf(query);
    if (words.length === 0) return this.all(limit);
    const whole = foldName(query);
    const out: SymbolEntry[] = [];
    // A symbol listed under several words of a prefix is looked at once: marked, not kept in a set.
    const { marks: seen, base: SEEN } = this.seen.begin(this.entries.length, 1);
    this.exact.forWord(whole, (id) => {
      const e = this.entries[id];
      if (e && seen[id] !== SEEN + 1 && out.length < limit) { seen[id] = SEEN + 1; out.push(e); }
      return true;
    });
    // The word listing the fewest symbols picks the candidates; the others filter them. Each word's
    // symbols are counted only as far as the fewest so far: one letter starts tens of thousands of words.
    const ranges = words.map((w) => ({ w, range: this.range(w) })).sort((a, b) => (a.range[1] - a.range[0]) - (b.range[1] - b.range[0]));
    let pick = 0;
    let fewest = ranges.length > 1 ? this.postingsIn(ranges[0]!.range, Infinity) : 0;
    for (let k = 1; k < ranges.length; k++) {
      const n = this.postingsIn(ranges[k]!.range, fewest);
      if (n < fewest) { fewest = n; pick = k; }
    }
    const [first] = ranges.splice(pick, 1);
    const rest = ranges;
    const hasRest = rest.length ? this.requireAll(rest, fewest) : () => true;
    const starts: SymbolEntry[] = [];
    const others: SymbolEntry[] = [];
    // A query that matches more than `limit` symbols ranks those found first: the scan stops there.
    for (let i = first!.range[0]; i < first!.range[1] && starts.length + out.length < limit && others.length < limit; i++) {
      this.words.each(i, (id) => {
        if (others.length >= limit) return false;
        if (seen[id] === SEEN + 1) return true;
        seen[id] = SEEN + 1;
        const e = this.entries[id];
        if (e && hasRest(id, e)) (startsWith(e, whole) ? starts : others).push(e);
        return true;
      });
    }
    for (const list of [starts, others]) for (const e of list) { if (out.length >= limit) return out; out.push(e); }
    return out;
  }

  /**
   * A test that a symbol holds every word of `rest`. Each word's symbols are
   * marked in one array, word after word, so a symbol is kept only if every
   * word marked it: the cost is the words' postings, not the candidates'
   * text (folding and splitting thousands of claims took hundreds of
   * milliseconds). A word with far more postings than there are candidates
   * is checked on the candidates' words instead.
   */
  private requireAll(rest: ReadonlyArray<{ w: string; range: [number, number] }>, candidates: number):
    (id: number, e: SymbolEntry) => boolean {
    const cap = MARK_RATIO * candidates;
    const byMarks = new Set(rest.filter((r) => this.postingsIn(r.range, cap) <= cap));
    const marked = [...byMarks];
    const read = rest.filter((r) => !byMarks.has(r)).map((r) => r.w);
    const { marks, base } = this.marks.begin(this.entries.length, marked.length);
    marked.forEach(({ range }, k) => {
      for (let i = range[0]; i < range[1]; i++) {
        this.words.each(i, (id) => { if (k === 0 || marks[id] === base + k) marks[id] = base + k + 1; return true; });
      }
    });
    const want = base + marked.length;
    return (id, e) => (marked.length === 0 || marks[id] === want)
      && (read.length === 0 || read.every((w) => wordsOfEntry(e).some((x) => x.startsWith(w))));
  }

  /** How many symbol numbers the words of a range list (holes included), counted until past `cap`. */
  private postingsIn([from, to]: [number, number], cap: number): number {
    let n = 0;
    for (let i = from; i < to && n <= cap; i++) n += this.words.count(i);
    return n;
  }

  private all(limit: number): SymbolEntry[] {
    const out: SymbolEntry[] = [];
    for (const e of this.entries) { if (out.length >= limit) break; if (e) out.push(e); }
    return out;
  }

  private range(prefix: string): [number, number] {
    return this.words.range(prefix);
  }

  /** Forgets everything: the next query builds afresh (after the cold index, when every file was announced at once). */
  reset(): void {
    this.dirty = undefined;
    this.pending = undefined;
  }

  /** Replaces the symbols of these files, then forgets them. */
  private replace(uris: Set<string>): void {
    for (const uri of uris) { this.remove(uri); this.add(uri); }
    uris.clear();
  }

  /** Starts everything afresh (see sync): the first query, or more holes than symbols. */
  private startBuild(): void {
    this.builds++;
    this.dirty = undefined;
    this.entries = [];
    this.live = 0;
    // Room for every posting at once (at most MAX_CLAIM_WORDS a claim, a few an entity): grown as it filled, the
    // list was copied again and again, 2 s of a 100,000-note build. Pages never written are never resident, and
    // the list is dropped when the build finishes.
    let claims = 0;
    for (const note of this.index.notes.values()) claims += note.claims.length;
    this.words = new WordPostings(MAX_CLAIM_WORDS * claims + 8 * this.index.entities().length);
    this.exact = new WordPostings(1 << 16, false);
    this.byFile.clear();
    this.pending = { uris: [...this.index.registries.keys(), ...this.index.notes.keys()], next: 0, changed: new Set() };
  }

  private add(uri: string): void {
    const ids: number[] = [];
    const note = this.index.notes.get(uri);
    const entities = note ? (note.entity ? [note.entity] : []) : this.index.registries.get(uri)?.entities ?? [];
    for (const e of entities) {
      const entry: SymbolEntry = { kind: 'entity', entity: e, name: e.name };
      ids.push(this.push(entry, keysOf(entry)));
    }
    for (const claim of note?.claims ?? []) {
      const id = claim.id?.toLowerCase();
      ids.push(this.push(new ClaimSymbol(note!, claim), id ? [id] : []));
    }
    if (ids.length) this.byFile.set(uri, ids);
  }

  private push(e: SymbolEntry, exactKeys: readonly string[]): number {
    const id = this.entries.length;
    this.entries.push(e);
    this.live++;
    eachWord(e, (t, a, b) => this.words.add(t, a, b, id));
    for (const k of exactKeys) this.exact.add(k, 0, k.length, id);
    return id;
  }

  private remove(uri: string): void {
    for (const id of this.byFile.get(uri) ?? []) {
      if (this.entries[id]) { this.entries[id] = undefined; this.live--; }
    }
    this.byFile.delete(uri);
  }
}

/**
 * One number per symbol, written and read by one query: the next query takes
 * values above every one written so far instead of clearing the array.
 */
class Marks {
  private array = new Int32Array(0);
  private next = 0;

  /** Room for `size` symbols, and `levels` values no symbol holds yet: base + 1 … base + levels. */
  begin(size: number, levels: number): { marks: Int32Array; base: number } {
    if (this.array.length < size || this.next + levels >= 2 ** 30) { this.array = new Int32Array(size + 1024); this.next = 0; }
    const base = this.next;
    this.next += levels;
    return { marks: this.array, base };
  }
}

/** FNV-1a of `text[start, end)`'s UTF-16 units. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Every word once, by number, with the numbers of the symbols that hold it,
 * in the order they were added. At 10k notes that is 2.8 million postings
 * over 118,000 words (10,000 words of text, the rest claim ids): a growing
 * list per word, written in turn, cost most of a second in scattered memory
 * and collections. So while the whole index is built each posting is
 * appended to one flat list of word numbers, a symbol's words together (a
 * build adds symbols in the order of their numbers, so where each symbol's
 * run starts is all that says whose a posting is: 4 bytes a posting, where
 * (word, symbol) pairs took 8, 11 MB more at the peak of a 10k build), and
 * `finish` sorts them by word in two passes into one array, each word's
 * symbols a range of it (`offsets`). A posting added after that (a file
 * changed) goes to a short list of its word's own (`later`), read after the
 * range. A symbol adds its words together, so the last symbol seen per word
 * says whether the symbol already has it. Ranges of words are over the words
 * in order (see range): that order is made once by `finish`; a new word
 * afterwards is put in place.
 */
class WordPostings {
  /**
   * Open addressing, two numbers a slot: word number + 1 (0 = empty) and the
   * word's hash beside it, so a probe reads one cache line rather than two
   * arrays' (the lookups of a build are most of its time). At most half full.
   */
  private table = new Int32Array(2 << 12);
  private readonly words: string[] = [];
  /** Per word, the last symbol added to it, plus one. */
  private last = new Int32Array(1024);
  /** While building: the word numbers of the postings, in the order added. */
  private postings: Int32Array | undefined;
  private postingCount = 0;
  /** While building: where the postings of each symbol start (symbol s: runStart[s] … runStart[s + 1] - 1). */
  private runStart: Int32Array | undefined = new Int32Array(1024);
  /** While building: the symbols whose runs have started (the last one is still open). */
  private runs = 0;
  /** Once finished: word w's symbols are flat[offsets[w]] … flat[offsets[w + 1] - 1], then later[w]. */
  private flat = new Int32Array(0);
  private offsets = new Int32Array(1);
  private readonly later = new Map<number, number[]>();
  /** Word numbers in the words' order; undefined until finish, and always where no order is kept. */
  private order: number[] | undefined;

  /**
   * `room`: how many postings a build may take (grown past it if need be).
   * `ordered`: whether words are looked up by prefix (range, count, each) as
   * well as whole (forWord); whole words only need no order, and sorting the
   * 130,000 exact keys of 10k notes took 54 ms of the build.
   */
  constructor(room = 1 << 16, private readonly ordered = true) {
    this.postings = new Int32Array(Math.max(1024, room));
  }

  /**
   * Adds `symbol` to the postings of the word `text[start, end)`; false when it
   * is there already. While building, symbols come in the order of their numbers.
   */
  add(text: string, start: number, end: number, symbol: number): boolean {
    const w = this.number(text, start, end);
    if (this.last[w] === symbol + 1) return false;
    this.last[w] = symbol + 1;
    if (this.postings) {
      if (symbol >= this.runs) {
        // Symbols without postings before this one get empty runs.
        const runStart = this.runStart = grownTo(this.runStart!, symbol + 2);
        for (let s = this.runs; s <= symbol; s++) runStart[s] = this.postingCount;
        this.runs = symbol + 1;
      } else if (symbol < this.runs - 1) throw new Error('a build adds symbols in the order of their numbers');
      this.postings = grownTo(this.postings, this.postingCount + 1);
      this.postings[this.postingCount++] = w;
    } else {
      const list = this.later.get(w);
      if (list) list.push(symbol); else this.later.set(w, [symbol]);
    }
    return true;
  }

  /** The word's number; a new word is given the next one. */
  private number(text: string, start: number, end: number): number {
    const h = hashOf(text, start, end);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = h & mask;
    for (let k; (k = table[2 * slot]!) !== 0; slot = (slot + 1) & mask) {
      if (table[2 * slot + 1] === h && sameWord(this.words[k - 1]!, text, start, end)) return k - 1;
    }
    const w = this.words.length;
    const word = text.slice(start, end);
    this.words.push(word);
    table[2 * slot] = w + 1;
    table[2 * slot + 1] = h;
    if (4 * this.words.length > table.length) this.grow();
    this.last = grownTo(this.last, w + 1);
    if (this.order) this.order.splice(this.lowerBound(word), 0, w);
    return w;
  }

  /** The number of the word `text[start, end)`, or -1. */
  private find(text: string, start: number, end: number): number {
    const h = hashOf(text, start, end);
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    for (let slot = h & mask, k; (k = table[2 * slot]!) !== 0; slot = (slot + 1) & mask) {
      if (table[2 * slot + 1] === h && sameWord(this.words[k - 1]!, text, start, end)) return k - 1;
    }
    return -1;
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(2 * old.length);
    const mask = (table.length >> 1) - 1;
    for (let slot = 0; 2 * slot < old.length; slot++) {
      const k = old[2 * slot]!;
      if (k === 0) continue;
      const h = old[2 * slot + 1]!;
      let to = h & mask;
      while (table[2 * to] !== 0) to = (to + 1) & mask;
      table[2 * to] = k;
      table[2 * to + 1] = h;
    }
    this.table = table;
  }

  /** While finishing: how far the layout has gone (see finish). */
  private layout: { offsets: Int32Array<ArrayBuffer>; flat: Int32Array<ArrayBuffer>; fill?: Int32Array<ArrayBuffer>; counted: number; placed: number } | undefined;

  /**
   * Lays the postings out by word, and puts the words in order: true once
   * done. It stops when `due` says so between pieces (a pass over 2.8 million
   * postings at 10k notes takes ~0.2 s, ten times that at 100k) and goes on
   * from there at the next call.
   */
  finish(due: () => boolean = () => false): boolean {
    const postings = this.postings;
    if (!postings) return true;
    const runStart = this.runStart!;
    const count = this.postingCount;
    const n = this.words.length;
    const layout = this.layout ??= { offsets: new Int32Array(n + 1), flat: new Int32Array(count), counted: 0, placed: 0 };
    const { offsets, flat } = layout;
    // Each word's postings counted, a piece at a time.
    while (layout.counted < count) {
      const end = Math.min(count, layout.counted + LAYOUT_PIECE);
      for (let p = layout.counted; p < end; p++) offsets[postings[p]! + 1]!++;
      layout.counted = end;
      if (due()) return false;
    }
    if (!layout.fill) {
      for (let w = 0; w < n; w++) offsets[w + 1]! += offsets[w]!;
      layout.fill = offsets.slice(0, n);
    }
    // Each symbol's postings put in its words' ranges, a piece of symbols at a time.
    const fill = layout.fill;
    while (layout.placed < this.runs) {
      const last = this.runs;
      let s = layout.placed;
      for (const stop = runStart[s]! + LAYOUT_PIECE; s < last && runStart[s]! < stop; s++) {
        const end = s + 1 < last ? runStart[s + 1]! : count;
        for (let p = runStart[s]!; p < end; p++) flat[fill[postings[p]!]!++] = s;
      }
      layout.placed = s;
      if (s < last && due()) return false;
    }
    this.flat = flat;
    this.offsets = offsets;
    this.postings = undefined;
    this.runStart = undefined;
    this.layout = undefined;
    const words = this.words;
    if (this.ordered) this.order = words.map((_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
    return true;
  }

  /**
   * [from, to) in the words' order: those that start with `prefix`. Both
   * ends by binary search: one letter starts tens of thousands of words
   * (claim ids are c1…c84178), too many to walk. A word holds letters and
   * digits only, so none has U+FFFF after the prefix.
   */
  range(prefix: string): [number, number] {
    return [this.lowerBound(prefix), this.lowerBound(prefix + '\uffff')];
  }

  /** How many symbols the word at `i` in order lists. */
  count(i: number): number {
    const w = this.order![i]!;
    return this.flatEnd(w) - this.flatStart(w) + (this.later.get(w)?.length ?? 0);
  }

  /** Visits the symbols of the word at `i` in order, until `visit` says false. */
  each(i: number, visit: (symbol: number) => boolean): void {
    this.eachOf(this.order![i]!, visit);
  }

  /** Visits the symbols of `word`, if it is one. */
  forWord(word: string, visit: (symbol: number) => boolean): void {
    const w = this.find(word, 0, word.length);
    if (w >= 0) this.eachOf(w, visit);
  }

  private eachOf(w: number, visit: (symbol: number) => boolean): void {
    for (let k = this.flatStart(w), end = this.flatEnd(w); k < end; k++) if (!visit(this.flat[k]!)) return;
    for (const symbol of this.later.get(w) ?? []) if (!visit(symbol)) return;
  }

  // A word first met after finish has no range.
  private flatStart(w: number): number { return w < this.offsets.length - 1 ? this.offsets[w]! : 0; }
  private flatEnd(w: number): number { return w < this.offsets.length - 1 ? this.offsets[w + 1]! : 0; }

  private lowerBound(key: string): number {
    const order = this.order!;
    let lo = 0, hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[order[mid]!]! < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
