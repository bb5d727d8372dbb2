// A fast reader for the plain shape an entity registry almost always has: a
// list of flat mappings whose values are scalars, flow lists `[a, b]`, flow
// maps `{ k: v }`, or block lists/maps of scalars one level down. A registry
// of 20,000 five-field entities takes the `yaml` package 1.7–2.0 s on a 2-core
// machine; this reads it in about 140 ms. Anything outside that shape returns undefined and the
// caller parses with `yaml` instead, so the result is always what `yaml`
// gives (a property test checks that they agree).

export interface Span { line: number; start: number; end: number }
export interface FastValue {
  value: unknown;
  span: Span;
  items?: FastValue[];
  /** A block mapping's entries, each with its own span. */
  entries?: Map<string, FastValue>;
  /** A block list or mapping one level down: from its first entry to the end of its last one's text. */
  block?: { line: number; start: number; endLine: number; end: number };
  /** A scalar as written (without its quotes). */
  text?: string;
}
export type FastRecord = Map<string, FastValue>;

const ITEM = /^-(?: +|$)/;
const PAIR = /^([A-Za-z_][\w-]*) *:(?: +|$)/;
const NUMBER = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Thrown internally when the text leaves the supported shape. */
class Unsupported extends Error {}

export function fastParseList(text: string): FastRecord[] | undefined {
  try {
    return parseList(text, 'list');
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/**
 * A note's front matter in its plain shape: one mapping of `key: value`
 * lines, values as a registry's (scalars, flow lists and maps, block lists or
 * mappings of scalars one level down), with no blank line, comment or
 * trailing space, where the positions of what the yaml path reports are
 * simplest to give alike. Undefined outside that shape.
 */
export function fastParseMapping(text: string): FastRecord | undefined {
  try {
    return parseList(text, 'map')[0];
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function parseList(text: string, shape: 'list' | 'map'): FastRecord[] {
  if (text.charCodeAt(0) === 0xfeff || text.indexOf('\r') >= 0 || text.indexOf('\t') >= 0) throw new Unsupported();
  const lines = text.split('\n');
  const out: FastRecord[] = [];
  let current: FastRecord | undefined;
  let pairIndent = -1;
  if (shape === 'map') { current = new Map(); out.push(current); pairIndent = 0; }
  let pendingKey: { key: string; line: number; start: number } | undefined;
  let nested: { kind: 'seq' | 'map'; indent: number; items: FastValue[]; map: Map<string, unknown>; entries: Map<string, FastValue>; first: number } | undefined;

  const finishPending = () => {
    if (!pendingKey || !current) return;
    const span = { line: pendingKey.line, start: pendingKey.start, end: pendingKey.start };
    if (!nested) { current.set(pendingKey.key, { value: null, span }); pendingKey = undefined; return; }
    const last = nested.kind === 'seq' ? nested.items[nested.items.length - 1]! : [...nested.entries.values()].pop()!;
    const block = { line: nested.first, start: nested.indent, endLine: last.span.line, end: last.span.end };
    if (nested.kind === 'seq') current.set(pendingKey.key, { value: nested.items.map((i) => i.value), span, items: nested.items, block });
    else current.set(pendingKey.key, { value: Object.fromEntries(nested.map), span, entries: nested.entries, block });
    pendingKey = undefined;
    nested = undefined;
  };
  const setPair = (rec: FastRecord, key: string, rest: string, line: number, at: number) => {
    if (rec.has(key)) throw new Unsupported();
    if (rest.length === 0) { pendingKey = { key, line, start: at }; rec.set(key, { value: null, span: { line, start: at, end: at } }); return; }
    rec.set(key, value(rest, line, at));
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const body = raw.trimEnd();
    const indent = body.length - body.trimStart().length;
    if (shape === 'map' && (body.length !== raw.length || body.length === 0 || body.charCodeAt(indent) === 35)) throw new Unsupported();
    if (body.length === 0 || body.charCodeAt(indent) === 35 /* # */) continue;
    if (pendingKey && indent > pairIndent) {
      const t = body.slice(indent);
      if (!nested) nested = { kind: ITEM.test(t) ? 'seq' : 'map', indent, items: [], map: new Map(), entries: new Map(), first: i };
      if (indent !== nested.indent) throw new Unsupported();
      if (nested.kind === 'seq') {
        const m = ITEM.exec(t);
        if (!m) throw new Unsupported();
        nested.items.push(value(t.slice(m[0].length), i, indent + m[0].length));
      } else {
        const m = PAIR.exec(t);
        if (!m || nested.map.has(m[1])) throw new Unsupported();
        const v = value(t.slice(m[0].length), i, indent + m[0].length);
        nested.map.set(m[1], v.value);
        nested.entries.set(m[1], v);
      }
      continue;
    }
    finishPending();
    if (indent === 0 && shape === 'map') {
      const p = PAIR.exec(body);
      if (!p) throw new Unsupported();
      setPair(current!, p[1], body.slice(p[0].length), i, p[0].length);
      continue;
    }
    if (indent === 0) {
      const m = ITEM.exec(body);
      if (!m) throw new Unsupported();
      current = new Map();
      out.push(current);
      pairIndent = m[0].length;
      const rest = body.slice(pairIndent);
      if (rest.length === 0) { pairIndent = -2; continue; }
      const p = PAIR.exec(rest);
      if (!p) throw new Unsupported();
      setPair(current, p[1], rest.slice(p[0].length), i, pairIndent + p[0].length);
      continue;
    }
    if (!current) throw new Unsupported();
    if (pairIndent === -2) pairIndent = indent;
    if (indent !== pairIndent) throw new Unsupported();
    const p = PAIR.exec(body.slice(indent));
    if (!p) throw new Unsupported();
    setPair(current, p[1], body.slice(indent + p[0].length), i, indent + p[0].length);
  }
  finishPending();
  if (out.length === 0 || (shape === 'map' && current!.size === 0)) throw new Unsupported();
  return out;
}

function value(text: string, line: number, at: number): FastValue {
  const c = text.charCodeAt(0);
  if (c === 91 /* [ */) return flow(text, line, at, ']');
  if (c === 123 /* { */) return flow(text, line, at, '}');
  return scalar(text, line, at, false);
}

function flow(text: string, line: number, at: number, close: string): FastValue {
  if (!text.endsWith(close)) throw new Unsupported();
  const inner = text.slice(1, -1);
  const items: FastValue[] = [];
  const map: Record<string, unknown> = {};
  let pos = 0;
  while (pos <= inner.length) {
    let comma = inner.indexOf(',', pos);
    if (comma < 0) comma = inner.length;
    const part = inner.slice(pos, comma);
    const lead = part.length - part.trimStart().length;
    const item = part.trim();
    const itemAt = at + 1 + pos + lead;
    if (item.length === 0) {
      if (comma < inner.length || items.length > 0 || Object.keys(map).length > 0) throw new Unsupported();
    } else if (close === ']') {
      items.push(scalar(item, line, itemAt, true));
    } else {
      const p = /^([A-Za-z_][\w-]*) *: +/.exec(item);
      if (!p || p[1] in map) throw new Unsupported();
      map[p[1]] = scalar(item.slice(p[0].length), line, itemAt + p[0].length, true).value;
    }
    pos = comma + 1;
  }
  const span = { line, start: at, end: at + text.length };
  return close === ']' ? { value: items.map((i) => i.value), span, items } : { value: map, span };
}

function scalar(text: string, line: number, at: number, inFlow: boolean): FastValue {
  const span = { line, start: at, end: at + text.length };
  const q = text.charCodeAt(0);
  if (q === 34 /* " */) {
    if (text.length < 2 || !text.endsWith('"') || text.indexOf('\\') >= 0 || text.slice(1, -1).indexOf('"') >= 0) throw new Unsupported();
    const inner = text.slice(1, -1);
    return { value: inner, span, text: inner };
  }
  if (q === 39 /* ' */) {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith("'") || inner.replace(/''/g, '').indexOf("'") >= 0) throw new Unsupported();
    const unquoted = inner.replace(/''/g, "'");
    return { value: unquoted, span, text: unquoted };
  }
  if (/^[-?:,[\]{}#&*!|>%@`]/.test(text) || text.indexOf(': ') >= 0 || text.indexOf(' #') >= 0 || text.endsWith(':')) throw new Unsupported();
  if (inFlow && /[[\]{},]/.test(text)) throw new Unsupported();
  return { value: plainValue(text), span, text };
}

function plainValue(t: string): unknown {
  switch (t) {
    case '': case '~': case 'null': case 'Null': case 'NULL': return null;
    case 'true': case 'True': case 'TRUE': return true;
    case 'false': case 'False': case 'FALSE': return false;
  }
  if (/^[-+]?(?:0[xo]|\.(?:inf|nan))/i.test(t)) throw new Unsupported();
  if (NUMBER.test(t)) {
    // A number that would not print back as written (`9007199254740993`, `1e400`, `1.50`)
    // is kept as text by the yaml path; leave it to that path rather than repeat the rule.
    const n = Number(t);
    if (!Number.isFinite(n) || String(n) !== t) throw new Unsupported();
    return n;
  }
  return t;
}
