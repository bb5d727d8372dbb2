// YAML parsing with positions kept (the `yaml` package with a LineCounter):
// front matter, registries and the workspace config all go through here, so
// every YAML error is reported at its own line and column.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, type Document } from 'yaml';
import { type Problem, type Range } from './model';

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Converts an offset in the YAML text to a Range start/end in the file. */
  pos(offset: number): { line: number; character: number };
  rangeOf(node: Node | null | undefined): Range | undefined;
  problems: Problem[];
}

/** Parses YAML that starts at `firstLine` of its file. */
export function parseYaml(text: string, firstLine = 0, fileCode = 'yaml'): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number) => {
    const lp = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: lp.line - 1 + firstLine, character: lp.col - 1 };
  };
  const rangeOf = (node: Node | null | undefined): Range | undefined => {
    if (!node || !node.range) return undefined;
    return { start: pos(node.range[0]), end: pos(node.range[1]) };
  };
  const problems: Problem[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    const [from, to] = err.pos;
    problems.push({
      code: fileCode,
      severity: doc.errors.includes(err as never) ? 'error' : 'warning',
      message: `YAML: ${err.message.split('\n')[0]}`,
      range: { start: pos(from), end: pos(Math.max(to, from + 1)) },
    });
  }
  return { doc, pos, rangeOf, problems };
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
  return String(node.value);
}

export function stringList(node: unknown): { values: string[]; nodes: Node[] } {
  if (isSeq(node)) {
    const nodes = node.items.filter((n): n is Node => isScalar(n) && n.value !== null);
    return { values: nodes.map((n) => String((n as { value: unknown }).value)), nodes };
  }
  const one = scalarString(node);
  return one === undefined ? { values: [], nodes: [] } : { values: [one], nodes: [node as Node] };
}

export { isMap, isSeq, isScalar };
