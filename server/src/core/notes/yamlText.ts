// YAML parsing with positions kept (the `yaml` package): front matter,
// registries and the workspace config all go through here, so every YAML
// error is reported at its own line and column, and the same guards apply to
// all three: nesting is bounded before the package parses, an exception is a
// problem rather than a crash, aliases are expanded within a budget (a
// "billion laughs" file is one problem, not an exhausted heap), and scalars
// keep the text the analyst typed (`9007199254740993`, `1e400`, a 30-digit
// id) wherever a JavaScript number would change it.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { LineIndex } from '../text/lines';
import { type Problem, type Range } from './model';
import { MAX_YAML_DEPTH, tooDeepAt } from './yamlBounds';

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Converts an offset in the YAML text to a position in the file. */
  pos(offset: number): { line: number; character: number };
  rangeOf(node: Node | null | undefined): Range | undefined;
  /** A node as plain data, scalars as written; aliases expand within the document's budget. */
  toJS(node: unknown): unknown;
  problems: Problem[];
}

/** YAML errors beyond this many are summed up in one problem: one broken line must not give hundreds. */
const MAX_ERRORS = 10;

/** Parses YAML that starts at `firstLine` of its file. */
export function parseYaml(text: string, firstLine = 0, fileCode = 'yaml'): ParsedYaml {
  const lines = new LineIndex(text);
  const pos = (offset: number) => {
    let at = Math.max(0, Math.min(offset, text.length));
    // Between the CR and the LF of a CRLF is still the end of the line, not a column past it.
    if (at > 0 && text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) at--;
    const p = lines.positionAt(at);
    return { line: p.line + firstLine, character: p.character };
  };
  const at = (from: number, to = from + 1): Range => ({ start: pos(from), end: pos(Math.max(to, from + 1)) });
  const problems: Problem[] = [];
  const deep = tooDeepAt(text);
  let doc: Document.Parsed;
  if (deep !== undefined) {
    problems.push({
      code: fileCode, severity: 'error', range: at(deep),
      message: `YAML nested more than ${MAX_YAML_DEPTH} levels deep: not read (a limit that keeps a crafted file from exhausting the editor).`,
    });
    doc = parseDocument('');
  } else {
    try {
      // A lone CR ends a line for the editor; `yaml` would read it as a space. Same length, same offsets.
      const src = text.indexOf('\r') >= 0 ? text.replace(/\r(?!\n)/g, '\n') : text;
      doc = parseDocument(src, { prettyErrors: false, uniqueKeys: true });
    } catch (e) {
      problems.push({ code: fileCode, severity: 'error', range: at(0), message: `YAML could not be read: ${errorText(e)}` });
      doc = parseDocument('');
    }
  }
  const all = [...doc.errors.map((e) => [e, 'error'] as const), ...doc.warnings.map((w) => [w, 'warning'] as const)];
  for (const [err, severity] of all.slice(0, MAX_ERRORS)) {
    problems.push({ code: fileCode, severity, message: `YAML: ${errorText(err)}`, range: at(err.pos[0], err.pos[1]) });
  }
  if (all.length > MAX_ERRORS) {
    const [err, severity] = all[MAX_ERRORS];
    problems.push({ code: fileCode, severity, range: at(err.pos[0], err.pos[1]), message: `YAML: ${all.length - MAX_ERRORS} more errors from here on, not listed.` });
  }
  const rangeOf = (node: Node | null | undefined): Range | undefined =>
    node && node.range ? { start: pos(node.range[0]), end: pos(node.range[1]) } : undefined;
  const budget = new AliasBudget(doc, 1000 + 2 * text.length, (node, why) => {
    problems.push({ code: fileCode, severity: 'error', range: rangeOf(node) ?? at(0), message: why });
  });
  return { doc, pos, rangeOf, toJS: (node) => budget.toJS(node), problems };
}

/** An exception's message, first line only and bounded: it ends up in a diagnostic. */
export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].slice(0, 300);
}

/**
 * Turns nodes into plain data. Every value produced counts against one budget
 * per document, linear in its text, so aliases that multiply (`b: [*a, *a, …]`
 * over `a: [*x, *x, …]`) stop at a bounded size; an alias inside its own
 * anchor, or a chain deeper than the nesting limit, stops too. Each kind of
 * stop is reported once, at the alias where it happened, and gives null.
 */
class AliasBudget {
  private left: number;
  private readonly reported = new Set<string>();
  private readonly expanding = new Set<unknown>();
  /** The outermost alias being expanded: where a stop is reported, since that is what the analyst wrote. */
  private via: Node | undefined;
  constructor(private readonly doc: Document.Parsed, limit: number, private readonly report: (node: Node, why: string) => void) {
    this.left = limit;
  }
  toJS(node: unknown, depth = 0): unknown {
    if (node === null || node === undefined) return null;
    if (--this.left < 0) return this.stop(node as Node, 'size', 'YAML aliases here expand to more data than the file holds many times over: the rest is left out (a limit against "billion laughs" files).');
    if (depth > 2 * MAX_YAML_DEPTH) return this.stop(node as Node, 'depth', `YAML aliases here nest more than ${2 * MAX_YAML_DEPTH} levels deep: the rest is left out.`);
    if (isScalar(node)) return exactValue(node);
    if (isAlias(node)) {
      const target = safeResolve(node, this.doc);
      if (target === undefined) return null;
      if (this.expanding.has(target)) return this.stop(node, 'cycle', `The alias *${node.source} refers to a value that contains it: it is left out.`);
      const outermost = this.via === undefined;
      if (outermost) this.via = node;
      this.expanding.add(target);
      try {
        return this.toJS(target, depth + 1);
      } finally {
        this.expanding.delete(target);
        if (outermost) this.via = undefined;
      }
    }
    if (isSeq(node)) return node.items.map((n) => this.toJS(n, depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? exactText(pair.key) : JSON.stringify(this.toJS(pair.key, depth + 1));
        const v = this.toJS(pair.value, depth + 1);
        // A key named `__proto__` is data, not the object's prototype.
        if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
      }
      return out;
    }
    return null;
  }
  private stop(node: Node, kind: string, why: string): null {
    if (!this.reported.has(kind)) {
      this.reported.add(kind);
      this.report(this.via ?? node, why);
    }
    return null;
  }
}

function safeResolve(alias: Node, doc: Document.Parsed): unknown {
  try {
    return (alias as unknown as { resolve(d: Document): unknown }).resolve(doc);
  } catch {
    return undefined;
  }
}

interface ScalarLike { value: unknown; source?: string }

/**
 * A scalar's value, as written when a JavaScript number would not give back
 * the same text: `42` and `1.5` stay numbers, `9007199254740993`, `1e400`,
 * `1.50` and `0x1F` stay the strings the analyst typed.
 */
export function exactValue(node: ScalarLike): unknown {
  const v = node.value;
  if (typeof v === 'number' || typeof v === 'bigint') {
    const src = node.source;
    return src === undefined || (typeof v === 'number' && Number.isFinite(v) && String(v) === src) ? v : src;
  }
  return v;
}

/** A scalar's text as written (a number's digits, `true`, …). */
function exactText(node: ScalarLike): string {
  const v = node.value;
  return typeof v === 'string' ? v : node.source ?? String(v);
}

/** The node under `key` in a map node, if any. */
export function child(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof k === 'string' && k.toLowerCase() === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return exactText(node);
}

export function stringList(node: unknown): { values: string[]; nodes: Node[] } {
  if (isSeq(node)) {
    const nodes = node.items.filter((n): n is Node => isScalar(n) && n.value !== null);
    return { values: nodes.map((n) => exactText(n as ScalarLike)), nodes };
  }
  const one = scalarString(node);
  return one === undefined ? { values: [], nodes: [] } : { values: [one], nodes: [node as Node] };
}

export { isMap, isSeq, isScalar };
