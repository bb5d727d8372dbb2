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
// Built on the first query (nothing else needs it, and it is not small) and
// then kept up to date file by file: the caller passes the URIs the change
// stream names, and only those files' symbols are replaced (a replaced
// symbol leaves a hole in the postings; holes are compacted by a rebuild once
// they outnumber the symbols). A claim is found by its id and the first 40
// distinct words of its text.
import { type Claim, type EntityDef, type NoteModel } from '../notes/model';
import { foldName } from '../text/names';
import { type WorkspaceIndex } from './workspaceIndex';

/** Words of a claim's text that are indexed: the first ones, where a claim's point is; a paragraph-long claim stays cheap. */
const MAX_CLAIM_WORDS = 40;

export type SymbolEntry =
  | { readonly kind: 'entity'; readonly entity: EntityDef; readonly name: string }
  | { readonly kind: 'claim'; readonly note: NoteModel; readonly claim: Claim; readonly name: string };

const SPLIT = /[^\p{L}\p{N}]+/u;

/**
 * What a symbol is found by, computed when it is asked for (a query's
 * candidates, a file being indexed) rather than kept: kept for 80,000 claims,
 * copies of every word took more memory than the whole workspace index.
 */
function keysOf(e: SymbolEntry): string[] {
  if (e.kind === 'entity') return [...new Set([e.entity.name, e.entity.id, ...e.entity.aliases].map(foldName))];
  const id = e.claim.id?.toLowerCase();
  return id ? [id, foldName(e.claim.text)] : [foldName(e.claim.text)];
}

function wordsOfEntry(e: SymbolEntry): string[] {
  if (e.kind === 'entity') return [...new Set(keysOf(e).flatMap(wordsOf))];
  const id = e.claim.id?.toLowerCase();
  const words = new Set(id ? [id, ...wordsOf(id)] : []);
  for (const w of wordsOf(e.claim.text.slice(0, 50 * MAX_CLAIM_WORDS))) { if (words.size >= MAX_CLAIM_WORDS) break; words.add(w); }
  return [...words];
}

/** A word with more postings than this many times the candidates is checked on the candidates' own words. */
const MARK_RATIO = 64;

/**
 * Whether a name, alias or id of the symbol starts with the whole query: the
 * best matches after the exact ones. A claim's text is folded only as far as
 * the query reaches (with room for what folding removes), not whole.
 */
function startsWith(e: SymbolEntry, whole: string): boolean {
  if (e.kind === 'entity') return keysOf(e).some((k) => k.startsWith(whole));
  if (e.claim.id?.toLowerCase().startsWith(whole)) return true;
  const text = e.claim.text;
  const reach = 2 * whole.length + 16;
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
  return foldName(text).split(SPLIT).filter((w) => w.length > 0);
}


export class SymbolIndex {
  /** Every symbol by number; a removed one leaves a hole, reused by nobody, until the next compaction. */
  private entries: Array<SymbolEntry | undefined> = [];
  private live = 0;
  /** Every word, sorted, for prefix ranges; and the numbers of the symbols that contain it (holes skipped). */
  private sorted: string[] = [];
  private postings = new Map<string, Ids>();
  /** Whole names, aliases and ids → symbol numbers: the exact matches. */
  private exact = new Map<string, Ids>();
  /** File URI → the numbers of the symbols it defines. */
  private readonly byFile = new Map<string, number[]>();
  /** Files changed since the last query; undefined until the first query builds everything. */
  private dirty: Set<string> | undefined;
  /** Per symbol, the last query word that marked it (see requireAll), and whether this query has looked at it. */
  private readonly marks = new Marks();
  private readonly seen = new Marks();

  constructor(private readonly index: WorkspaceIndex) {}

  /** The change stream names these files: their symbols are replaced before the next query. */
  changed(uris: readonly string[]): void {
    if (this.dirty) for (const u of uris) this.dirty.add(u);
  }

  /** Symbols matching `query`, best first, at most `limit`. */
  search(query: string, limit: number): SymbolEntry[] {
    this.refresh();
    const words = wordsOf(query);
    if (words.length === 0) return this.all(limit);
    const whole = foldName(query);
    const out: SymbolEntry[] = [];
    // A symbol listed under several words of a prefix is looked at once: marked, not kept in a set.
    const { marks: seen, base: SEEN } = this.seen.begin(this.entries.length, 1);
    for (const id of each(this.exact.get(whole))) {
      const e = this.entries[id];
      if (e && seen[id] !== SEEN + 1 && out.length < limit) { seen[id] = SEEN + 1; out.push(e); }
    }
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
      for (const id of each(this.postings.get(this.sorted[i]!))) {
        if (others.length >= limit) break;
        if (seen[id] === SEEN + 1) continue;
        seen[id] = SEEN + 1;
        const e = this.entries[id];
        if (!e || !hasRest(id, e)) continue;
        (startsWith(e, whole) ? starts : others).push(e);
      }
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
        for (const id of each(this.postings.get(this.sorted[i]!))) if (k === 0 || marks[id] === base + k) marks[id] = base + k + 1;
      }
    });
    const want = base + marked.length;
    return (id, e) => (marked.length === 0 || marks[id] === want)
      && (read.length === 0 || read.every((w) => wordsOfEntry(e).some((x) => x.startsWith(w))));
  }

  /** How many symbol numbers the words of a range list (holes included), counted until past `cap`. */
  private postingsIn([from, to]: [number, number], cap: number): number {
    let n = 0;
    for (let i = from; i < to && n <= cap; i++) { const ids = this.postings.get(this.sorted[i]!); n += ids === undefined ? 0 : typeof ids === 'number' ? 1 : ids.length; }
    return n;
  }

  private all(limit: number): SymbolEntry[] {
    const out: SymbolEntry[] = [];
    for (const e of this.entries) { if (out.length >= limit) break; if (e) out.push(e); }
    return out;
  }

  /**
   * [from, to) in the sorted words: those that start with `prefix`. Both ends
   * by binary search: one letter starts tens of thousands of words (claim
   * ids are c1…c84178), too many to walk. A word holds letters and digits
   * only, so none has U+FFFF after the prefix.
   */
  private range(prefix: string): [number, number] {
    return [lowerBound(this.sorted, prefix), lowerBound(this.sorted, prefix + '\uffff')];
  }

  /** Forgets everything: the next query builds afresh (after the cold index, when every file was announced at once). */
  reset(): void {
    this.dirty = undefined;
  }

  private refresh(): void {
    if (this.dirty && this.dirty.size === 0) return;
    if (!this.dirty || this.entries.length > 2 * this.live + 1024) this.build();
    else {
      // New words are put in place as they come; words whose symbols all went stay until the next build (their postings are holes).
      for (const uri of this.dirty) { this.remove(uri); this.add(uri); }
      this.dirty.clear();
    }
  }

  /** Everything afresh: the first query, or more holes than symbols. */
  private build(): void {
    this.dirty = undefined;
    this.entries = [];
    this.live = 0;
    this.postings = new Map();
    this.exact = new Map();
    this.byFile.clear();
    for (const uri of this.index.registries.keys()) this.add(uri);
    for (const uri of this.index.notes.keys()) this.add(uri);
    this.sorted = [...this.postings.keys()].sort();
    // Packed once built: a typed array of the exact length takes a quarter of a growing list's memory.
    for (const [w, list] of this.postings) if (Array.isArray(list)) this.postings.set(w, Int32Array.from(list));
    for (const [k, list] of this.exact) if (Array.isArray(list)) this.exact.set(k, Int32Array.from(list));
    this.dirty = new Set();
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
      ids.push(this.push({ kind: 'claim', note: note!, claim, name: claim.text || '(empty claim)' }, id ? [id] : []));
    }
    if (ids.length) this.byFile.set(uri, ids);
  }

  private push(e: SymbolEntry, exactKeys: readonly string[]): number {
    const id = this.entries.length;
    this.entries.push(e);
    this.live++;
    for (const w of wordsOfEntry(e)) {
      // While everything is built the list is sorted once at the end; afterwards a new word goes in place.
      if (!this.postings.has(w) && this.dirty) this.sorted.splice(lowerBound(this.sorted, w), 0, w);
      this.postings.set(w, withId(this.postings.get(w), id));
    }
    for (const k of exactKeys) this.exact.set(k, withId(this.exact.get(k), id));
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

/**
 * The symbols under one word: most words of a workspace belong to one symbol,
 * so one number stands alone; a list grows as an array and is packed into a
 * typed array once the index is built.
 */
type Ids = number | number[] | Int32Array;

function withId(ids: Ids | undefined, id: number): Ids {
  if (ids === undefined) return id;
  if (typeof ids === 'number') return [ids, id];
  const list = Array.isArray(ids) ? ids : Array.from(ids);
  list.push(id);
  return list;
}

function each(ids: Ids | undefined): Iterable<number> {
  return ids === undefined ? [] : typeof ids === 'number' ? [ids] : ids;
}
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}
