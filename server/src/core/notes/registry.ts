// Entity registries (`entities.yaml`, `*.entities.yaml`): a YAML list of
// entities with id, name, type, aliases, description and links. The fast
// reader handles the usual flat shape; anything else goes through `yaml`.
import { type Node } from 'yaml';
import { fastParseList, type FastValue } from './fastYaml';
import { lineRange, range, type EntityDef, type Problem, type Range } from './model';
import { slugify } from '../text/names';
import { errorText, exactValue, isMap, isScalar, isSeq, parseYaml } from './yamlText';

export interface Registry {
  uri: string;
  entities: EntityDef[];
  problems: Problem[];
  /** The end of the file's text, where a new entity is appended. */
  end: { line: number; character: number };
}

export const ENTITY_TYPES = ['person', 'organization', 'product', 'place', 'event', 'other'];

interface Field { value: unknown; range: Range; items?: Range[] }

export function isRegistryPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return base === 'entities.yaml' || base === 'entities.yml' || base.endsWith('.entities.yaml') || base.endsWith('.entities.yml');
}

export function parseRegistry(uri: string, text: string): Registry {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const problems: Problem[] = [];
  const entities: EntityDef[] = [];
  try {
    const records = readFast(text) ?? readWithYaml(text, problems);
    for (const rec of records) {
      const e = toEntity(uri, rec, problems);
      if (e) entities.push(e);
    }
  } catch (e) {
    // The entities read so far stay; the file says why the rest is missing.
    problems.push({ code: 'registry-yaml', severity: 'error', range: lineRange(0, 0, 0), message: `This registry could not be read: ${errorText(e)}` });
  }
  const lastBreak = text.lastIndexOf('\n');
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return { uri, entities, problems, end: { line: lines, character: text.length - lastBreak - 1 } };
}

function readFast(text: string): Array<Map<string, Field>> | undefined {
  if (text.trim().length === 0) return [];
  const list = fastParseList(text);
  if (!list) return undefined;
  const span = (v: FastValue) => lineRange(v.span.line, v.span.start, v.span.end);
  return list.map((rec) => {
    const m = new Map<string, Field>();
    for (const [k, v] of rec) m.set(k.toLowerCase(), { value: v.value, range: span(v), items: v.items?.map(span) });
    return m;
  });
}

function readWithYaml(text: string, problems: Problem[]): Array<Map<string, Field>> {
  const y = parseYaml(text, 0, 'registry-yaml');
  problems.push(...y.problems);
  const root = y.doc.contents;
  const whole = lineRange(0, 0, 0);
  if (root === null || root === undefined) return [];
  if (!isSeq(root)) {
    problems.push({ code: 'registry-shape', severity: 'error', range: y.rangeOf(root) ?? whole, message: 'An entity registry is a YAML list: each entry starts with "- id: …".' });
    return [];
  }
  const out: Array<Map<string, Field>> = [];
  for (const item of root.items) {
    if (!isMap(item)) {
      problems.push({ code: 'registry-shape', severity: 'error', range: y.rangeOf(item as Node) ?? whole, message: 'Each entity is a mapping with at least a name (id, name, type, aliases…).' });
      continue;
    }
    const m = new Map<string, Field>();
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(exactValue(pair.key)).toLowerCase() : undefined;
      if (key === undefined) continue;
      const node = pair.value as Node | null;
      const range = y.rangeOf(node) ?? y.rangeOf(pair.key as Node) ?? whole;
      const value = y.toJS(node);
      const items = isSeq(node) ? node.items.map((n) => y.rangeOf(n as Node) ?? range) : undefined;
      m.set(key, { value, range, items });
    }
    out.push(m);
  }
  return out;
}

function toEntity(uri: string, rec: Map<string, Field>, problems: Problem[]): EntityDef | undefined {
  const name = rec.get('name');
  const id = rec.get('id');
  const anyRange = (name ?? id ?? rec.values().next().value)?.range ?? lineRange(0, 0, 0);
  const nameText = typeof name?.value === 'string' || typeof name?.value === 'number' ? String(name.value).trim() : '';
  const idText = typeof id?.value === 'string' || typeof id?.value === 'number' ? String(id.value).trim() : '';
  if (!nameText && !idText) {
    problems.push({ code: 'entity-no-name', severity: 'error', range: anyRange, message: 'This entity has neither a name nor an id.' });
    return undefined;
  }
  const type = typeof rec.get('type')?.value === 'string' ? String(rec.get('type')!.value) : 'other';
  if (!ENTITY_TYPES.includes(type)) {
    problems.push({ code: 'entity-type', severity: 'information', range: rec.get('type')!.range, message: `"${type}" is not one of the usual types (${ENTITY_TYPES.join(', ')}); it is kept as written.` });
  }
  const aliasField = rec.get('aliases');
  let aliases: string[] = NONE;
  let aliasRanges: Range[] = NONE;
  const alias = (a: string, r: Range) => {
    if (aliases === NONE) { aliases = []; aliasRanges = []; }
    aliases.push(a);
    aliasRanges.push(r);
  };
  if (Array.isArray(aliasField?.value)) {
    aliasField.value.forEach((a, i) => {
      if (a === null || a === undefined || typeof a === 'object') return;
      alias(String(a), aliasField.items?.[i] ?? aliasField.range);
    });
  } else if (typeof aliasField?.value === 'string') {
    alias(aliasField.value, aliasField.range);
  }
  const description = rec.get('description')?.value;
  const links = rec.get('links')?.value;
  const nameRange = name?.range ?? id!.range;
  const e = new RegistryEntity(idText || slugify(nameText, 8), nameText || idText, type, aliases, uri, (id ?? name)!.range.start, nameRange, aliasRanges);
  if (typeof description === 'string') e.description = description;
  if (links && typeof links === 'object' && !Array.isArray(links)) e.links = links as Record<string, unknown>;
  return e;
}

/** One empty list for every entity without aliases. */
const NONE: never[] = [];

/**
 * An entity as a registry declares it. A registry may declare tens of
 * thousands (23,698 in the 10,000-note benchmark's): each keeps the numbers
 * of its places and makes its ranges when asked, where two ranges kept were
 * five objects an entity.
 */
class RegistryEntity implements EntityDef {
  description?: string;
  links?: Record<string, unknown>;
  private readonly startLine: number;
  private readonly startChar: number;
  private readonly nameStartLine: number;
  private readonly nameStartChar: number;
  private readonly nameEndLine: number;
  private readonly nameEndChar: number;
  constructor(public id: string, public name: string, public type: string, public aliases: string[], public uri: string,
    start: { line: number; character: number }, nameRange: Range, public aliasRanges: Range[]) {
    this.startLine = start.line;
    this.startChar = start.character;
    this.nameStartLine = nameRange.start.line;
    this.nameStartChar = nameRange.start.character;
    this.nameEndLine = nameRange.end.line;
    this.nameEndChar = nameRange.end.character;
  }
  /** From the entity's id (or name) to the end of its name. */
  get range(): Range { return range(this.startLine, this.startChar, this.nameEndLine, this.nameEndChar); }
  get nameRange(): Range { return range(this.nameStartLine, this.nameStartChar, this.nameEndLine, this.nameEndChar); }
  toJSON(): object {
    return { id: this.id, name: this.name, type: this.type, aliases: this.aliases, description: this.description, links: this.links, uri: this.uri,
      range: this.range, nameRange: this.nameRange, aliasRanges: this.aliasRanges };
  }
}
