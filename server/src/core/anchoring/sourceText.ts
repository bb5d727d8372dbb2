// A source prepared for anchoring: its text, line index, the folded form the
// normalized and fuzzy steps search in (fold.ts; with a 5-gram index of it,
// gramIndex.ts), and for HTML the visible text with its map to the file.
//
// Byte-order mark: prepareSource drops one leading U+FEFF, and every offset
// and position the anchoring reports is in the text after it. That is the
// text VS Code shows for the file (its editor strips the BOM) and what
// `new TextDecoder().decode(bytes)` yields, so a result can be handed to an
// editor unchanged; a caller that kept the BOM in its string adds
// `src.bomLength` to get offsets into that string. Passing text that was
// already stripped gives the same result.
//
// Offsets are UTF-16 code units. Positions are 0-based {line, character}, with
// lines ended by \n, \r\n (one break) or \r, as in LSP.

import { fold, type Folded } from '../text/fold';
import { GramIndex, INDEXED_LENGTH } from './gramIndex';
import { htmlVisibleText } from './htmlText';
import { type Position } from '../base/position';
import { LineIndex } from '../text/lines';

export { fold, type Folded } from '../text/fold';

export type SourceKind = 'text' | 'markdown' | 'html';


export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

// Below this many units, indexOf passes over the folded text cost too little
// to be worth an index.
const INDEX_THRESHOLD = 1 << 12;

/** Everything anchoring needs about one source, computed once (the folded form lazily). */
export class PreparedSource {
  /** The file's text after the BOM: what file offsets and positions refer to. */
  readonly fileText: string;
  /** The text quotes are matched in: the visible text for HTML, else fileText. */
  readonly text: string;
  readonly bomLength: 0 | 1;
  private readonly visible: { fileStart: Uint32Array; fileEnd: Uint32Array } | undefined;
  private lines: LineIndex | undefined;
  private fileLines: LineIndex | undefined;
  private foldedText: Folded | undefined;
  private foldedIndex: GramIndex | undefined;

  constructor(raw: string, readonly kind: SourceKind) {
    const { text, bom } = stripBom(raw);
    this.fileText = text;
    this.bomLength = bom ? 1 : 0;
    if (kind === 'html') {
      const v = htmlVisibleText(text);
      this.text = v.text;
      this.visible = { fileStart: v.fileStart, fileEnd: v.fileEnd };
    } else {
      // Markdown is matched as written; markup a reader would not copy
      // (an emphasis marker inside a quote) costs a fuzzy match, not a miss.
      this.text = text;
      this.visible = undefined;
    }
  }

  get folded(): Folded {
    return (this.foldedText ??= fold(this.text));
  }

  /** Whether the folded form has been computed (a quote needed more than an exact match). */
  get isFolded(): boolean {
    return this.foldedText !== undefined;
  }

  /**
   * A 5-gram index of the folded text, built on the first search of it.
   * Building it costs about ten indexOf passes over the folded text; after
   * that a normalized search is a lookup, and so is each piece of a fuzzy
   * search (which would be an indexOf pass). A source whose quotes need
   * folding is seldom quoted once or twice.
   */
  get gramIndex(): GramIndex | undefined {
    if (this.folded.text.length < INDEX_THRESHOLD) return undefined;
    return (this.foldedIndex ??= new GramIndex(this.folded.text));
  }

  /** Every start of `q` in the folded text at or after `from`, ascending. */
  foldedOccurrences(q: string, from: number): number[] {
    if (q.length === 0) return [];
    const index = q.length >= INDEXED_LENGTH ? this.gramIndex : undefined;
    if (index) return index.occurrences(q, from);
    const text = this.folded.text;
    const out: number[] = [];
    for (let at = text.indexOf(q, from); at >= 0; at = text.indexOf(q, at + 1)) out.push(at);
    return out;
  }

  /** The position of an offset in `text` (clamped to it). */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    return (this.lines ??= new LineIndex(this.text)).positionAt(o);
  }

  /** The position of an offset in `fileText` (clamped to it). */
  filePositionAt(fileOffset: number): Position {
    if (!this.visible) return this.positionAt(fileOffset);
    const o = Math.max(0, Math.min(fileOffset, this.fileText.length));
    return (this.fileLines ??= new LineIndex(this.fileText)).positionAt(o);
  }

  /** The file range a range of `text` came from (identity unless HTML). */
  toFileRange(start: number, end: number): { start: number; end: number } {
    const v = this.visible;
    if (!v) return { start, end };
    if (v.fileStart.length === 0) return { start: 0, end: 0 };
    const s = v.fileStart[Math.min(start, v.fileStart.length - 1)] as number;
    if (end <= start) return { start: s, end: s };
    return { start: s, end: v.fileEnd[Math.min(end, v.fileEnd.length) - 1] as number };
  }
}

export function prepareSource(text: string, kind: SourceKind): PreparedSource {
  return new PreparedSource(text, kind);
}
