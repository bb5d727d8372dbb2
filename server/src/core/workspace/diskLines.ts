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
  constructor(private readonly texts: RecentTexts, readonly uri: string, readonly stamp: string) {}
  line(n: number): string | undefined { return this.texts.lines(this)?.[n]; }
  /** Not part of a note written as JSON: the claims there carry their text. */
  toJSON(): undefined { return undefined; }
}

export class RecentTexts {
  private readonly recent = new Map<DiskLines, { lines: string[]; chars: number }>();
  private last: DiskLines | undefined;
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
    const kept = this.recent.get(of);
    if (kept) {
      // Most questions read the claims of one note one after the other: only a return to an older note reorders.
      if (this.last !== of) { this.recent.delete(of); this.recent.set(of, kept); this.last = of; }
      return kept.lines;
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
    const entry = { lines: splitLines(read.text), chars: read.text.length };
    this.recent.set(of, entry);
    this.last = of;
    this.chars += entry.chars;
    for (const [old, e] of this.recent) {
      if (this.chars <= this.budget || old === of) break;
      this.recent.delete(old);
      this.chars -= e.chars;
    }
    return entry.lines;
  }

  /** Forgets the texts kept. */
  clear(): void {
    this.recent.clear();
    this.last = undefined;
    this.chars = 0;
  }

  private tell(of: DiskLines): void {
    if (of.changed) return;
    of.changed = true;
    this.changed(of);
  }
}
