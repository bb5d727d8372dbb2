// Where a parsed note's claims find their first lines again. A claim's first
// line is most of a note (at 10,000 notes, 49 MB of the 57 MB of text), and
// the index needs it only to show a claim or read its words: kept in memory
// it was a fifth of the server's resident size. A note read from disk reads
// it again from disk (see workspace/diskLines.ts); an open document, or a
// workspace that can only read asynchronously, keeps its claims' lines.
import { ownCopy } from '../text/kept';

export interface NoteLines {
  /**
   * Line `n` of the note's text; undefined when it cannot be had (the file is
   * gone). The text may have changed since the parse: the caller checks that
   * the line is still the one it parsed.
   */
  line(n: number): string | undefined;
}

/** The claims' first lines as parsed, each kept as a copy of its own (see ownCopy): not the rest of the note. */
export class KeptLines implements NoteLines {
  private readonly lines = new Map<number, string>();
  keep(n: number, line: string): void { this.lines.set(n, ownCopy(line)); }
  line(n: number): string | undefined { return this.lines.get(n); }
  /** Not part of a note written as JSON: the claims there carry their text. */
  toJSON(): undefined { return undefined; }
}
