// Linear-time readers for the pieces of a note line that used to be regular
// expressions. Each of those regexes backtracked on a long line (a heading or
// a field with a long run of spaces, `[key::` followed by spaces, a run of
// backticks, many `[[` without `]]`) and took seconds to hours on a 100,000-
// character line. These scanners give exactly what the regexes gave (a
// property test compares them on short random lines) but look at each
// character a bounded number of times.

/** `indexOf(needle, from)` for calls whose `from` never decreases: remembers its last answer. */
export class ForwardIndex {
  private from = -1;
  private at = -1;
  constructor(private readonly text: string, private readonly needle: string) {}
  next(from: number): number {
    if (this.from >= 0 && from >= this.from && (this.at < 0 || this.at >= from)) return this.at;
    this.from = from;
    this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
}

const KEY = /[A-Za-z][\w-]*::/y;

const SPACE = /\s/;
const LINE_END = /[\n\r\u2028\u2029]/;

/** What `\s` matches: ASCII spaces answered without a regex, since this runs for every field line. */
function isRegexSpace(c: string): boolean {
  if (c.length === 0) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(c);
}

/** End of the run of `\s` starting at `i`. */
function skipSpaces(s: string, i: number): number {
  while (i < s.length && isRegexSpace(s[i])) i++;
  return i;
}

// The field regex up to the value: anchored and without a lazy part, so linear.
// The value's `(.*?)\s*$` was the part that backtracked; trimEnd does it.
const FIELD_HEAD = /^(\s*)(?:[-*+]\s+)?([A-Za-z][\w-]*)::(\s*)/;

/** `/^(\s*)(?:[-*+]\s+)?([A-Za-z][\w-]*)::(\s*)(.*?)\s*$/`: a `key:: value` line. */
export function fieldLine(line: string): { indent: string; key: string; gap: string; value: string } | undefined {
  const m = FIELD_HEAD.exec(line);
  if (!m) return undefined;
  const value = line.slice(m[0].length).trimEnd();
  // `.` stops at line terminators; a value holding one would not have matched.
  if (LINE_END.test(value)) return undefined;
  return { indent: m[1], key: m[2], gap: m[3], value };
}

/** `/^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/`: an ATX heading, its hashes and its text. */
export function headingLine(line: string): { hashes: string; text?: string; textStart: number } | undefined {
  let k = 0;
  while (k < 3 && line[k] === ' ') k++;
  const h0 = k;
  while (k < line.length && k - h0 < 7 && line[k] === '#') k++;
  const hashes = k - h0;
  if (hashes < 1 || hashes > 6) return undefined;
  if (k === line.length) return { hashes: line.slice(h0, k), textStart: k };
  if (line[k] !== ' ' && line[k] !== '\t') return undefined;
  const start = skipTabs(line, k);
  let end = line.length;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  // A closing run of `#` preceded by spaces is not part of the text.
  let close = end;
  while (close > start && line[close - 1] === '#') close--;
  if (close < end && close > start && (line[close - 1] === ' ' || line[close - 1] === '\t')) {
    end = close;
    while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  }
  const text = line.slice(start, end);
  if (LINE_END.test(text)) return undefined;
  return { hashes: line.slice(h0, h0 + hashes), text, textStart: start };
}

function skipTabs(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

export interface InlineField { index: number; end: number; key: string; value: string }

/**
 * Every `[key:: value]` or `(key:: value)` of a line, as the global regex
 * `/[[(]([A-Za-z][\w-]*)::\s*((?:\[\[[^\]]*\]\]|[^\])[])*?)\s*[\])]/g` finds
 * them. The walk over a value from a given position always ends the same way,
 * so its outcome is remembered for every position it passed.
 */
export function inlineFields(s: string): InlineField[] {
  const out: InlineField[] = [];
  if (s.indexOf('::') < 0) return out;
  const memo = new Int32Array(s.length + 1);
  const nextClose = s.indexOf('[[') >= 0 ? nextIndexTable(s, ']') : undefined;
  const walk = (from: number): number => {
    const trail: number[] = [];
    let k = from;
    let result: number;
    for (;;) {
      if (memo[k] !== 0) { result = memo[k] - 2; break; }
      if (k >= s.length) { result = -1; break; }
      trail.push(k);
      const c = s[k];
      if (c === ']' || c === ')') { result = k; break; }
      if (c === '[') {
        const q = nextClose && s[k + 1] === '[' ? nextClose[k + 2] : -1;
        if (q >= 0 && s[q + 1] === ']') { k = q + 2; continue; }
        result = -1;
        break;
      }
      k++;
    }
    for (const t of trail) memo[t] = result + 2;
    return result;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '[' && c !== '(') continue;
    KEY.lastIndex = i + 1;
    const m = KEY.exec(s);
    if (!m) continue;
    const v0 = skipSpaces(s, i + 1 + m[0].length);
    const close = walk(v0);
    if (close < 0) continue;
    out.push({ index: i, end: close + 1, key: m[0].slice(0, -2), value: s.slice(v0, close).trimEnd() });
    i = close;
  }
  return out;
}

/** For every position, the index of the next `ch` at or after it (-1: none); one backward pass. */
function nextIndexTable(s: string, ch: string): Int32Array {
  const t = new Int32Array(s.length + 2);
  let next = -1;
  t[s.length] = t[s.length + 1] = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ch) next = i;
    t[i] = next;
  }
  return t;
}

/**
 * The index of the next `ch` at or after `from` (-1: none), for `from` that
 * only grows: each character is looked at once over all the calls, with no
 * table allocated (most lines have one or two links).
 */
function forward(s: string, ch: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1) return -1;
    if (found < from) found = s.indexOf(ch, from);
    return found;
  };
}

/**
 * Wikilinks shown by their text: what
 * `s.replace(/!?\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]/g, (m, target, display) => display ?? target-before-#)`
 * gives. `[[target|display]]` shows its display, `[[note#heading]]` its note.
 */
export function showWikilinks(s: string): string {
  let at = s.indexOf('[[');
  if (at < 0) return s;
  const close = forward(s, ']');
  const bar = forward(s, '|');
  let out = '';
  let copied = 0;
  for (; at >= 0; at = s.indexOf('[[', at + 1)) {
    const j = at + 2;
    const b = bar(j), c = close(j);
    let end = -1, target = '', display: string | undefined;
    if (b >= 0 && (c < 0 || b < c)) {
      if (c >= 0 && s[c + 1] === ']') { end = c + 2; target = s.slice(j, b); display = s.slice(b + 1, c); }
    } else if (c >= 0 && s[c + 1] === ']') {
      end = c + 2; target = s.slice(j, c);
    }
    if (end < 0) continue;
    const start = at > copied && s[at - 1] === '!' ? at - 1 : at;
    // `#.*$`: the first `#` with no line terminator after it (a note line may hold U+2028).
    const hash = target.indexOf('#', lastTerminator(target) + 1);
    out += s.slice(copied, start) + (display ?? (hash >= 0 ? target.slice(0, hash) : target));
    copied = end;
    at = end - 1;
  }
  return out + s.slice(copied);
}

function lastTerminator(s: string): number {
  return Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'), s.lastIndexOf('\u2028'), s.lastIndexOf('\u2029'));
}

/** `s.replace(/\[\[[^\]]*\]\]/g, spaces)`: every `[[…]]` blanked out, same length. */
export function maskWikilinks(s: string): string {
  let at = s.indexOf('[[');
  if (at < 0) return s;
  const close = forward(s, ']');
  let out = '';
  let copied = 0;
  for (; at >= 0; at = s.indexOf('[[', at + 1)) {
    const c = close(at + 2);
    if (c < 0 || s[c + 1] !== ']') continue;
    out += s.slice(copied, at) + ' '.repeat(c + 2 - at);
    copied = c + 2;
    at = c + 1;
  }
  return out + s.slice(copied);
}

/** `line.replace(/(`+)[^`]*?\1/g, spaces)`: inline code spans blanked out, same length. */
export function maskCode(line: string): string {
  let i = line.indexOf('`');
  if (i < 0) return line;
  let out = '';
  let copied = 0;
  const blank = (from: number, to: number) => { out += line.slice(copied, from) + ' '.repeat(to - from); copied = to; };
  while (i >= 0) {
    const r = runOf(line, i);
    const e = line.indexOf('`', i + r);
    if (e >= 0 && runOf(line, e) >= r) { blank(i, e + r); i = line.indexOf('`', e + r); continue; }
    if (r >= 2) { const half = r >> 1; blank(i, i + 2 * half); i = line.indexOf('`', i + 2 * half); continue; }
    i = e;
  }
  return out + line.slice(copied);
}

function runOf(s: string, i: number): number {
  let k = i;
  while (s[k] === '`') k++;
  return k - i;
}
