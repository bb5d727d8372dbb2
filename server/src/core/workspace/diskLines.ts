// A note's lines read again from disk when one of its claims is shown or its
// words are read, instead of kept from the cold index (see notes/noteLines.ts).
// The texts read last are kept, up to a budget: a pass over every claim reads
// each note once, and a page of the claims panel reads a few.
import { type NoteLines } from '../notes/noteLines';
import { type Decoded } from '../text/decode';
import { splitLines } from '../text/lines';

/** Reads a note's text again; undefined when the file is gone. It may throw when it cannot be read. */
export type ReadAgain = (uri: string) => Decoded | undefined;

/** The lines of a note read from disk, as its `stamp` (size and modification time) said when it was parsed. */
export class DiskLines implements NoteLines {
  /** Whether the file was found changed or gone since the parse (the index is told once). */
  changed = false;
  /** The lines while RecentTexts keeps them, how many characters they hold, and the note's last place in its order. */
  kept: string[] | undefined = undefined;
  keptChars = 0;
  place = -1;
  constructor(private readonly texts: RecentTexts, readonly uri: string, readonly stamp: string) {}
  line(n: number): string | undefined { return this.texts.lines(this)?.[n]; }
  /** Not part of a note written as JSON: the claims there carry their text. */
  toJSON(): undefined { return undefined; }
}

/**
 * The texts read last, up to a budget. Each note's lines hang on its
 * DiskLines while kept, and are let go of by setting them to undefined: kept
 * in a Map, the texts let go of survived young-generation collections (the
 * Map's dropped tables, in the old generation, still pointed at them), and a
 * pass over every claim moved 36 MB of dead text into the old generation,
 * which the process then held until its heap was compacted.
 */
export class RecentTexts {
  /** The notes read, least recently first; a note read again is listed again, and only its last place counts. */
  private order: DiskLines[] = [];
  /** The first place of `order` still looked at, and how many places were cut off its front before it. */
  private first = 0;
  private cut = 0;
  private last: DiskLines | undefined;
  /** How many notes' lines are kept, and their characters. */
  private held = 0;
  private chars = 0;
  /**
   * @param changed told when a note's file is found changed or gone since it was parsed (the watcher's event may be
   *   late, or lost): its claims' lines are checked one by one meanwhile, and the note should be read again.
   * @param budget how many characters of text are kept at most.
   */
  constructor(private readonly read: ReadAgain, private readonly changed: (lines: DiskLines) => void, private readonly budget = 256 * 1024) {}

  /** The lines of a note read from disk now, whose stamp is `stamp`. */
  source(uri: string, stamp: string): DiskLines {
    return new DiskLines(this, uri, stamp);
  }

  lines(of: DiskLines): string[] | undefined {
    if (of.kept) {
      // Most questions read the claims of one note one after the other: only a return to an older note reorders.
      if (this.last !== of) this.list(of);
      return of.kept;
    }
    let read: Decoded | undefined;
    try {
      read = this.read(of.uri);
    } catch {
      read = undefined;
    }
    if (!read || 'error' in read) { this.tell(of); return undefined; }
    if (read.stamp !== of.stamp) this.tell(of);
    // readTextSync drops a byte-order mark, as readText does: the lines are the parser's.
    const lines = splitLines(read.text);
    of.kept = lines;
    of.keptChars = read.text.length;
    this.chars += of.keptChars;
    this.held++;
    this.list(of);
    this.evict();
    return lines;
  }

  /** Forgets the texts kept. */
  clear(): void {
    for (let i = this.first; i < this.order.length; i++) this.order[i]!.kept = undefined;
    this.cut += this.order.length;
    this.order = [];
    this.first = 0;
    this.held = 0;
    this.last = undefined;
    this.chars = 0;
  }

  private list(of: DiskLines): void {
    // Going back and forth between notes kept lists them again and again: the places no longer theirs are dropped.
    if (this.order.length - this.first > 2 * this.held + 1024) {
      const order = this.order;
      const live = order.filter((d, i) => i >= this.first && d.kept !== undefined && d.place === this.cut + i);
      this.cut += order.length;
      live.forEach((d, i) => { d.place = this.cut + i; });
      this.order = live;
      this.first = 0;
    }
    of.place = this.cut + this.order.length;
    this.order.push(of);
    this.last = of;
  }

  /** Lets go of the texts read least recently until the budget holds; the last one read is kept whatever its size. */
  private evict(): void {
    const order = this.order;
    while (this.chars > this.budget && this.first < order.length - 1) {
      const old = order[this.first]!;
      const place = this.cut + this.first++;
      if (old.place !== place || !old.kept) continue;
      old.kept = undefined;
      this.chars -= old.keptChars;
      this.held--;
    }
    if (this.first > 64 && 2 * this.first > order.length) {
      this.order = order.slice(this.first);
      this.cut += this.first;
      this.first = 0;
    }
  }

  private tell(of: DiskLines): void {
    if (of.changed) return;
    of.changed = true;
    this.changed(of);
  }
}
