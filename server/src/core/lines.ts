// Splitting text into lines the way editors count them: `\n`, `\r\n` and `\r`
// each end a line, and a line's characters are UTF-16 code units.

export function splitLines(text: string): string[] {
  if (text.indexOf('\r') < 0) return text.split('\n');
  return text.split(/\r\n|\r|\n/);
}

/** Offset ↔ position for one text; built once per text, binary-searched. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }
  get lineCount(): number { return this.starts.length; }
  positionAt(offset: number): { line: number; character: number } {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  offsetAt(pos: { line: number; character: number }): number {
    if (pos.line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[Math.max(0, pos.line)] + pos.character, this.text.length);
  }
}
