// Front matter of a note: the YAML block between `---` lines at the top.
// Extracts the sources, tags and entity declaration with their positions;
// every other key is kept untouched for the exports.
import { type Node } from 'yaml';
import { type Problem, type Range, type SourceRef } from './model';
import { child, isMap, isScalar, isSeq, parseYaml, scalarString, stringList } from './yamlText';

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

/** `lines[0]` must be `---`; returns undefined when there is no closing fence. */
export function parseFrontMatter(lines: string[]): FrontMatterResult | undefined {
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trimEnd();
    if (l === '---' || l === '...') { end = i; break; }
  }
  if (end < 0) return undefined;
  const yamlText = lines.slice(1, end).join('\n');
  const y = parseYaml(yamlText, 1, 'front-matter-yaml');
  const range: Range = { start: { line: 0, character: 0 }, end: { line: end, character: lines[end].length } };
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
