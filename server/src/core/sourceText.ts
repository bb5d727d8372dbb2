// A source prepared for anchoring: its text, line index, the folded form the
// normalized and fuzzy steps search in (with a 5-gram index of it when it is
// long), and for HTML the visible text with its map to the file.
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

import { GramIndex } from './gramIndex';
import { htmlVisibleText } from './htmlText';
import { LineIndex } from './lines';
import { stringFromUnits } from './utf16';

export type SourceKind = 'text' | 'markdown' | 'html';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

/**
 * The folded text: whitespace runs → one space, curly/straight quotes, dashes
 * → '-', '…' → '...', lower case, zero-width characters dropped. `origin[i]`
 * is where folded unit i starts in the original; the folded units tile the
 * original, so folded [s, e) maps back to [origin[s], origin[e]), and
 * origin[folded.length] === original.length.
 */
export interface Folded {
  readonly text: string;
  readonly origin: Uint32Array;
}

// Fold actions for units that do not simply map to another unit.
const Fold = { Keep: -1, Drop: -2, Space: -3, Ellipsis: -4 } as const;

// What a non-ASCII unit folds to: a code unit, or one of the Fold actions.
function foldNonAscii(c: number): number {
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032) return 0x27;
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033) return 0x22;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d) return 0x2d;
  if (c === 0x2026) return Fold.Ellipsis;
  // Soft hyphen and zero-width characters are invisible; a copied quote lacks them.
  if (c === 0xad || c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff) return Fold.Drop;
  if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
      c === 0x202f || c === 0x205f || c === 0x3000) return Fold.Space;
  return Fold.Keep;
}

// Lower case per code point, only where it keeps the UTF-16 length ('İ'
// lowers to two units and stays as it is), so the offset map stays 1:1.
const lowerCache = new Map<number, string | null>();
function lowerCodePoint(cp: number): string | null {
  let lower = lowerCache.get(cp);
  if (lower === undefined) {
    const s = String.fromCodePoint(cp);
    const l = s.toLowerCase();
    lower = l !== s && l.length === s.length ? l : null;
    lowerCache.set(cp, lower);
  }
  return lower;
}

export function fold(text: string): Folded {
  // Folding never lengthens the text except '…' → '...'.
  let ellipses = 0;
  for (let at = text.indexOf('\u2026'); at >= 0; at = text.indexOf('\u2026', at + 1)) ellipses++;
  const out = new Uint16Array(text.length + 2 * ellipses);
  const origin = new Uint32Array(text.length + 2 * ellipses + 1);
  let n = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        if (!inSpace) { origin[n] = i; out[n++] = 0x20; inSpace = true; }
        continue;
      }
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      inSpace = false;
      origin[n] = i; out[n++] = c;
      continue;
    }
    const f = foldNonAscii(c);
    if (f === Fold.Drop) continue;
    if (f === Fold.Space) {
      if (!inSpace) { origin[n] = i; out[n++] = 0x20; inSpace = true; }
      continue;
    }
    inSpace = false;
    if (f === Fold.Ellipsis) {
      for (let k = 0; k < 3; k++) { origin[n] = i; out[n++] = 0x2e; }
    } else if (f >= 0) {
      origin[n] = i; out[n++] = f;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      const lower = lo >= 0xdc00 && lo <= 0xdfff ? lowerCodePoint(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) : null;
      origin[n] = i; out[n++] = lower ? lower.charCodeAt(0) : c;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        i++;
        origin[n] = i; out[n++] = lower ? lower.charCodeAt(1) : lo;
      }
    } else {
      const lower = c >= 0xd800 && c <= 0xdfff ? null : lowerCodePoint(c);
      origin[n] = i; out[n++] = lower ? lower.charCodeAt(0) : c;
    }
  }
  origin[n] = text.length;
  return { text: stringFromUnits(out.subarray(0, n)), origin: n + 1 === origin.length ? origin : origin.slice(0, n + 1) };
}

const INDEX_THRESHOLD = 1 << 16;

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

  /**
   * A 5-gram index of the folded text for the fuzzy step, built on first use.
   * Below ~64K units a few indexOf passes cost less than building it.
   */
  get gramIndex(): GramIndex | undefined {
    if (this.folded.text.length < INDEX_THRESHOLD) return undefined;
    return (this.foldedIndex ??= new GramIndex(this.folded.text));
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
