// Folding a text for the normalized and fuzzy steps of anchoring (SPEC §4),
// with a map from each folded unit back to where it came from.
//
// Whitespace runs → one space, curly/straight quotes, dashes → '-', '…' →
// '...', lower case, zero-width characters dropped. The folded units tile
// the original, so folded [s, e) maps back to [origin(s), origin(e)), and
// origin(folded length) is the original's length.
//
// Folding runs once per source (tens of megabytes over a workspace) and once
// per quote, so it is built for speed: an all-ASCII text (most sources and
// quotes) is read as bytes by a tight loop, any other unit by unit, and both
// write into reused buffers. Most units keep their offset, so the map stores
// only where the offset changes (after a whitespace run, a dropped unit, an
// ellipsis): a few numbers per paragraph instead of four bytes per unit.

import { stringFromUnits } from './utf16';

/**
 * Where the units of a folded text start in the original: `starts` are the
 * folded indices where the shift (original offset − folded index) changes,
 * from 0 on, and `shifts` the shift from each on.
 */
export class OriginMap {
  constructor(private readonly starts: Int32Array, private readonly shifts: Int32Array,
    /** The folded text's length. */
    readonly length: number) {}

  /** Where folded unit `i` starts in the original (0 ≤ i ≤ length). */
  at(i: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return i + (this.shifts[lo] as number);
  }

  /** The first folded index whose unit starts at or after `offset` in the original (length if none). */
  indexAt(offset: number): number {
    if (offset <= (this.shifts[0] as number)) return 0; // from the start: the common case
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A folded text and where its units came from. */
export interface Folded {
  readonly text: string;
  readonly origin: OriginMap;
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

/** Whether a unit folds to a unit of its own: one not dropped and not (part of) a space. */
export function keepsUnit(c: number): boolean {
  if (c < 0x80) return !(c === 0x20 || (c >= 0x09 && c <= 0x0d));
  const f = foldNonAscii(c);
  return f !== Fold.Drop && f !== Fold.Space;
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

// The shift changes of an OriginMap as they are found.
class ShiftLog {
  readonly starts: number[] = [0];
  readonly shifts: number[] = [0];
  private shift = 0;

  // Folded unit `n` starts at `i` in the original.
  note(n: number, i: number): void {
    if (i - n === this.shift) return;
    this.shift = i - n;
    if (this.starts[this.starts.length - 1] === n) {
      this.shifts[this.shifts.length - 1] = this.shift;
    } else {
      this.starts.push(n);
      this.shifts.push(this.shift);
    }
  }

  map(length: number): OriginMap {
    return new OriginMap(Int32Array.from(this.starts), Int32Array.from(this.shifts), length);
  }
}

// Reusable buffers, so folding a quote allocates only its result; a text
// longer than SCRATCH gets buffers of its own, which are not kept.
const SCRATCH = 1 << 16;
const bytesIn = new Uint8Array(SCRATCH);
const bytesOut = new Uint8Array(SCRATCH);
const unitsOut = new Uint16Array(SCRATCH);
const byteBuffer = (kept: Uint8Array, size: number) => (size <= SCRATCH ? kept : new Uint8Array(size));

const encoder = new TextEncoder();
// ASCII bytes are valid UTF-8; decoding them makes a one-byte string, which
// is built ~5x faster than from UTF-16 units and searched faster too.
const asciiDecoder = new TextDecoder('utf-8');

// What each ASCII unit folds to; SPACE for whitespace.
const SPACE = 0xff;
const ASCII_FOLD = Uint8Array.from({ length: 128 }, (_, c) =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) ? SPACE : c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

// An all-ASCII text (most sources) as bytes, read by a tight loop: several
// times faster than reading units with charCodeAt. Undefined if the text is
// not ASCII: UTF-8 takes one byte per ASCII unit and more for any other, so
// the encoder reads the whole text and writes as many bytes exactly when it is.
function foldAscii(text: string, log: ShiftLog | undefined): string | undefined {
  const length = text.length;
  const input = byteBuffer(bytesIn, length);
  const { read, written } = encoder.encodeInto(text, input);
  if (read !== length || written !== length) return undefined;
  const out = byteBuffer(bytesOut, length);
  let n = 0;
  let inSpace = false;
  // Whether units were left out since the last one written: the shift changed.
  let skipped = false;
  for (let i = 0; i < length; i++) {
    let c = ASCII_FOLD[input[i] as number] as number;
    if (c === SPACE) {
      if (inSpace) {
        skipped = true;
        continue;
      }
      inSpace = true;
      c = 0x20;
    } else {
      inSpace = false;
    }
    if (skipped) {
      log?.note(n, i);
      skipped = false;
    }
    out[n++] = c;
  }
  if (skipped) log?.note(n, length);
  return asciiDecoder.decode(out.subarray(0, n));
}

// Any text, unit by unit.
function foldUnits(text: string, log: ShiftLog | undefined): string {
  const length = text.length;
  // Folding never lengthens the text except '…' → '...'.
  let size = length;
  for (let at = text.indexOf('\u2026'); at >= 0; at = text.indexOf('\u2026', at + 1)) size += 2;
  const out = size <= SCRATCH ? unitsOut : new Uint16Array(size);
  let n = 0;
  let all = 0; // every unit written, or-ed: below 0x80 if all are ASCII
  let inSpace = false;
  for (let i = 0; i < length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        if (inSpace) continue;
        inSpace = true;
        c = 0x20;
      } else {
        inSpace = false;
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
      }
      log?.note(n, i);
      out[n++] = c;
      continue;
    }
    const f = foldNonAscii(c);
    if (f === Fold.Drop) continue;
    if (f === Fold.Space) {
      if (inSpace) continue;
      inSpace = true;
      log?.note(n, i);
      out[n++] = 0x20;
      continue;
    }
    inSpace = false;
    if (f === Fold.Ellipsis) {
      for (let k = 0; k < 3; k++) { log?.note(n, i); out[n++] = 0x2e; }
      continue;
    }
    if (f >= 0) {
      log?.note(n, i);
      out[n++] = f;
      continue;
    }
    // Kept, lower-cased where that keeps the length; a surrogate pair as one code point.
    const lo = c >= 0xd800 && c <= 0xdbff && i + 1 < length ? text.charCodeAt(i + 1) : -1;
    const paired = lo >= 0xdc00 && lo <= 0xdfff;
    const lower = paired ? lowerCodePoint(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000)
      : c >= 0xd800 && c <= 0xdfff ? null : lowerCodePoint(c);
    log?.note(n, i);
    const first = lower ? lower.charCodeAt(0) : c;
    out[n++] = first;
    all |= first;
    if (paired) {
      i++;
      log?.note(n, i);
      out[n++] = lower ? lower.charCodeAt(1) : lo;
      all |= lo;
    }
  }
  log?.note(n, length);
  if (all >= 0x80) return stringFromUnits(out.subarray(0, n));
  // Curly quotes, dashes and no-break spaces fold to ASCII: often the whole text does.
  const bytes = byteBuffer(bytesOut, n);
  bytes.set(out.subarray(0, n));
  return asciiDecoder.decode(bytes.subarray(0, n));
}

function foldString(text: string, log: ShiftLog | undefined): string {
  return foldAscii(text, log) ?? foldUnits(text, log);
}

export function fold(text: string): Folded {
  const log = new ShiftLog();
  const folded = foldString(text, log);
  return { text: folded, origin: log.map(folded.length) };
}

/** fold(text).text, without the map: for quotes, which map to nothing. */
export function foldText(text: string): string {
  return foldString(text, undefined);
}

/**
 * The folds of the normalized step except case: quotation marks and dashes
 * as one kind each, runs of spacing as one space. Telling a match that needs
 * only these from one that needs case folded too ranks candidates, and a word
 * diff compares with it.
 */
export function foldMarks(text: string): string {
  return text.replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim();
}
