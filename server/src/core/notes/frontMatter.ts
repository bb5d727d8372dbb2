// Front matter of a note: the YAML block between `---` lines at the top.
// Extracts the sources, tags and entity declaration with their positions;
// every other key is kept untouched for the exports.
import { type Node } from 'yaml';
import { type Problem, type Range, type SourceRef } from './model';
import { child, isMap, isScalar, isSeq, parseYaml, scalarString, stringList } from './yamlText';
import { fastParseMapping, type FastValue } from './fastYaml';

export interface FrontMatterResult {
  data: Record<string, unknown>;
  range: Range;
  sources: SourceRef[];
  tags: string[];
  entity?: EntityDecl;
  problems: Problem[];
  /** Line after the closing fence: where the body starts. */
  bodyStart: number;
}

/** `entity:` in front matter: the note is an entity page. */
export interface EntityDecl { id?: string; type: string; aliases: string[]; aliasRanges: Range[] }

const SOURCE_KEYS = ['id', 'title', 'url', 'path', 'author', 'published', 'retrieved', 'sha256'] as const;

/**
 * `lines[0]` must be `---`; returns undefined when there is no closing fence.
 * `fast: false` reads with the `yaml` package whatever the shape (what the
 * fast reader is tested against).
 */
export function parseFrontMatter(lines: string[], { fast = true } = {}): FrontMatterResult | undefined {
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trimEnd();
    if (l === '---' || l === '...') { end = i; break; }
  }
  if (end < 0) return undefined;
  const yamlText = lines.slice(1, end).join('\n');
  const range: Range = { start: { line: 0, character: 0 }, end: { line: end, character: lines[end].length } };
  const quick = fast ? fastFrontMatter(yamlText, end, range) : undefined;
  if (quick) return quick;
  const y = parseYaml(yamlText, 1, 'front-matter-yaml');
  const problems = y.problems;
  const root = y.doc.contents;
  let data: Record<string, unknown> = {};
  if (root && !isMap(root)) {
    problems.push({ code: 'front-matter-yaml', severity: 'warning', message: 'Front matter should be a YAML mapping (key: value).', range: y.rangeOf(root) ?? range });
  } else if (root) {
    const js = y.toJS(root);
    if (js && typeof js === 'object') data = js as Record<string, unknown>;
  }

  const sources: SourceRef[] = [];
  const readSource = (node: Node, fallbackId?: string) => {
    if (!isMap(node)) {
      problems.push({ code: 'front-matter-source', severity: 'warning', message: 'A source should be a mapping with title, url, path…', range: y.rangeOf(node) ?? range });
      return;
    }
    const ref: SourceRef = { range: y.rangeOf(node) ?? range };
    for (const key of SOURCE_KEYS) {
      const valueNode = child(node, key);
      const wrong = valueNode !== undefined && !isScalar(valueNode) ? 'text, not a list or mapping'
        // A digest of digits reads as a YAML number; its text is kept as written. A boolean is no digest.
        : key === 'sha256' && isScalar(valueNode) && typeof valueNode.value === 'boolean' ? 'the digest as text, not true or false' : undefined;
      if (wrong) {
        problems.push({ code: 'front-matter-source', severity: 'warning', message: `source.${key} should be ${wrong}.`, range: y.rangeOf(valueNode) ?? range });
        continue;
      }
      const v = scalarString(valueNode);
      if (v !== undefined) ref[key] = v;
    }
    if (ref.id === undefined && fallbackId !== undefined) ref.id = fallbackId;
    const pathNode = child(node, 'path');
    if (ref.path !== undefined) ref.pathRange = y.rangeOf(pathNode);
    // Earlier saved copies of the same article (relative paths, like `path`), for the review of a changed source.
    const versionsNode = child(node, 'versions');
    if (versionsNode !== undefined) {
      if (isMap(versionsNode)) {
        problems.push({ code: 'front-matter-source', severity: 'warning', message: 'source.versions should be a list of paths to earlier saved copies.', range: y.rangeOf(versionsNode) ?? range });
      } else {
        const list = stringList(versionsNode);
        if (list.values.length) ref.versions = list.values;
      }
    }
    sources.push(ref);
  };
  const one = child(root, 'source');
  if (one) readSource(one);
  const many = child(root, 'sources');
  if (isSeq(many)) many.items.forEach((n, i) => readSource(n as Node, `source-${i + 1}`));

  const tags = stringList(child(root, 'tags')).values.map((t) => t.replace(/^#/, ''));

  let entity: EntityDecl | undefined;
  const ent = child(root, 'entity');
  if (ent !== undefined) {
    const aliases = stringList(child(ent, 'aliases'));
    entity = {
      id: scalarString(child(ent, 'id')),
      type: scalarString(child(ent, 'type')) ?? (isMap(ent) ? 'other' : scalarString(ent) ?? 'other'),
      aliases: aliases.values,
      aliasRanges: aliases.nodes.map((n) => y.rangeOf(n) ?? range),
    };
  }
  return { data, range, sources, tags, entity, problems, bodyStart: end + 1 };
}

/**
 * The front matter most notes have — `source:` with its title, url, path
 * and dates, `tags:`, other plain keys — read without the `yaml` package,
 * which took ~45 µs a note, and a few hundred milliseconds more while it was
 * first compiled, on a cold start of thousands of notes. Gives exactly what
 * the yaml path gives (a property test checks), or undefined whenever it
 * could differ: several sources, an entity declaration, a source's list of
 * versions, anything the yaml path would report a problem on.
 */
export function fastFrontMatter(text: string, end: number, range: Range): FrontMatterResult | undefined {
  const rec = fastParseMapping(text);
  const byKey = rec && byLowerKey(rec);
  if (!rec || !byKey || byKey.has('sources') || byKey.has('entity')) return undefined;
  // The text is lines 1 … end − 1 of the note: its last line is end − 2.
  const lastLine = end - 2;
  const sources: SourceRef[] = [];
  const one = byKey.get('source');
  if (one) {
    const ref = fastSource(one, lastLine);
    if (!ref) return undefined;
    sources.push(ref);
  }
  // A list's scalars, or one scalar: what stringList() takes of a node.
  const tagsValue = byKey.get('tags');
  const tags = (tagsValue?.items ?? (tagsValue ? [tagsValue] : [])).map(textOf)
    .filter((t): t is string => t !== undefined).map((t) => t.replace(/^#/, ''));
  return { data: Object.fromEntries([...rec].map(([k, v]) => [k, v.value])), range, sources, tags, entity: undefined, problems: [], bodyStart: end + 1 };
}

/** A mapping's entries by their keys in lower case, as child() finds them; undefined when two keys differ only in case. */
function byLowerKey(entries: Map<string, FastValue>): Map<string, FastValue> | undefined {
  const out = new Map<string, FastValue>();
  for (const [k, v] of entries) {
    const key = k.toLowerCase();
    if (out.has(key)) return undefined;
    out.set(key, v);
  }
  return out;
}

/** A scalar's text as the yaml path reads it: a string as is, a number or `true` as written; undefined for null or a collection. */
function textOf(v: FastValue): string | undefined {
  if (v.value === null || v.items || v.entries || (typeof v.value === 'object')) return undefined;
  return typeof v.value === 'string' ? v.value : v.text;
}

/** `source:` as a block mapping of scalars; undefined for any other shape (the yaml path says what is wrong with it). */
function fastSource(v: FastValue, lastLine: number): SourceRef | undefined {
  const entries = v.entries && byLowerKey(v.entries);
  if (!entries || !v.block || entries.has('versions')) return undefined;
  // A mapping ending in an empty value ends elsewhere for `yaml`: left to it.
  const last = [...entries.values()].pop()!;
  if (last.span.end === last.span.start) return undefined;
  // The mapping from its first key to the end of its last value, or to the start of the line after it (as `yaml` has it).
  const b = v.block;
  const ref: SourceRef = {
    range: { start: { line: b.line + 1, character: b.start }, end: b.endLine === lastLine ? { line: b.endLine + 1, character: b.end } : { line: b.endLine + 2, character: 0 } },
  };
  for (const key of SOURCE_KEYS) {
    const e = entries.get(key);
    if (!e) continue;
    if (e.items || e.entries || (e.value !== null && typeof e.value === 'object') || (key === 'sha256' && typeof e.value === 'boolean')) return undefined;
    const text = textOf(e);
    if (text !== undefined) ref[key] = text;
  }
  const path = entries.get('path');
  if (ref.path !== undefined && path) ref.pathRange = { start: { line: path.span.line + 1, character: path.span.start }, end: { line: path.span.line + 1, character: path.span.end } };
  return ref;
}
