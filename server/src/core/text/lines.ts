// Splitting text into lines the way editors count them: `\n`, `\r\n` and `\r`
// each end a line, and a line's characters are UTF-16 code units.
import { type Position } from '../base/position';

export function splitLines(text: string): string[] {
  if (text.indexOf('\r') < 0) return text.split('\n');
  return text.split(/\r\n|\r|\n/);
}

/**
 * Offset ↔ position for one text, built once per text, binary-searched: the
 * one line index of the project (notes, sources, edits). A text without '\r'
 * (most) finds its line starts with native indexOf, several times faster than
 * reading every unit, which matters over the thousands of sources of a
 * workspace; a text with '\r' is read unit by unit. Positions are the same.
 */
export class LineIndex {
  private readonly starts: Uint32Array;
  constructor(readonly text: string) {
    this.starts = text.indexOf('\r') < 0 ? newlineStarts(text) : breakStarts(text);
  }
  get lineCount(): number { return this.starts.length; }
  positionAt(offset: number): Position {
    const starts = this.starts;
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - (starts[lo] as number) };
  }
  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min((this.starts[Math.max(0, pos.line)] as number) + pos.character, this.text.length);
  }
}

function newlineStarts(text: string): Uint32Array {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  const starts = new Uint32Array(lines);
  for (let at = text.indexOf('\n'), line = 1; at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
  return starts;
}

function breakStarts(text: string): Uint32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
}
