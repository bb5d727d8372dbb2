// The shapes of the custom requests whose parameters come from a webview or a
// filter form (the claim map, the export's filter), checked before the
// service sees them: any client may send anything, and a wrong shape is
// answered with what is wrong, never with a crash or a guess. Each reader
// returns the parameters as their type, or the first problem in words.
import { MAP_MAX_HOPS, MAP_MAX_LIMIT, MAP_RELATIONS, type ClaimMapParams, type MapFilter, type MapFocus, type MapRelation } from '../core/features/claimMapTypes';

/** Ids, globs and names longer than this are no ids, globs or names. */
const MAX_STRING = 2000;
/** Lists (filter values, expanded nodes) longer than this are refused. */
const MAX_LIST = 500;

export type Read<T> = { value: T } | { error: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

class Problem extends Error {}

function only(o: Json, keys: readonly string[], where: string): void {
  const extra = Object.keys(o).find((k) => !keys.includes(k));
  if (extra !== undefined) throw new Problem(`${where} has no parameter "${extra}" (it takes ${keys.join(', ')})`);
}

function strings(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || v.length > MAX_LIST || !v.every((s) => typeof s === 'string' && s.length <= MAX_STRING)) {
    throw new Problem(`"${name}" must be a list of at most ${MAX_LIST} strings`);
  }
  return v as string[];
}

function filterOf(v: unknown, withText: boolean): MapFilter & { text?: string } {
  if (!isObject(v)) throw new Problem('"filter" must be an object');
  only(v, withText ? ['status', 'entity', 'note', 'relation', 'kind', 'text'] : ['status', 'entity', 'note', 'relation', 'kind'], '"filter"');
  const out: MapFilter & { text?: string } = {};
  for (const k of ['status', 'entity', 'note', 'kind'] as const) if (v[k] !== undefined) out[k] = strings(v[k], `filter.${k}`);
  if (v.relation !== undefined) {
    const relations = strings(v.relation, 'filter.relation');
    const unknown = relations.find((r) => !(MAP_RELATIONS as readonly string[]).includes(r));
    if (unknown !== undefined) throw new Problem(`"filter.relation" holds "${unknown}", which is not one of ${MAP_RELATIONS.join(', ')}`);
    out.relation = relations as MapRelation[];
  }
  if (v.text !== undefined) {
    if (typeof v.text !== 'string' || v.text.length > MAX_STRING) throw new Problem('"filter.text" must be a string');
    out.text = v.text;
  }
  return out;
}

function focusOf(v: unknown): MapFocus {
  if (!isObject(v)) throw new Problem('"focus" must be an object: { node } or { uri, position }');
  if ('node' in v) {
    only(v, ['node'], '"focus"');
    if (typeof v.node !== 'string' || v.node.length === 0 || v.node.length > MAX_STRING) throw new Problem('"focus.node" must be a node id');
    return { node: v.node };
  }
  only(v, ['uri', 'position'], '"focus"');
  const p = v.position;
  if (typeof v.uri !== 'string' || v.uri.length === 0 || v.uri.length > MAX_STRING) throw new Problem('"focus.uri" must be a document URI');
  if (!isObject(p) || !isWhole(p.line, 0, Number.MAX_SAFE_INTEGER) || !isWhole(p.character, 0, Number.MAX_SAFE_INTEGER)) {
    throw new Problem('"focus.position" must be { line, character }, whole numbers from 0');
  }
  return { uri: v.uri, position: { line: p.line, character: p.character } };
}

function read<T>(what: string, run: () => T): Read<T> {
  try {
    return { value: run() };
  } catch (e) {
    if (e instanceof Problem) return { error: `${what}: ${e.message}.` };
    throw e;
  }
}

/** The claim map request's parameters; absent ones are the defaults. */
export function readClaimMapParams(raw: unknown): Read<ClaimMapParams> {
  return read('The claim map request', () => {
    if (raw === null || raw === undefined) return {};
    if (!isObject(raw)) throw new Problem('its parameters must be an object');
    only(raw, ['focus', 'hops', 'expand', 'filter', 'groupByNote', 'limit'], 'it');
    const out: ClaimMapParams = {};
    if (raw.focus !== undefined) out.focus = focusOf(raw.focus);
    if (raw.hops !== undefined) {
      if (!isWhole(raw.hops, 0, MAP_MAX_HOPS)) throw new Problem(`"hops" must be a whole number from 0 to ${MAP_MAX_HOPS}`);
      out.hops = raw.hops;
    }
    if (raw.expand !== undefined) out.expand = strings(raw.expand, 'expand');
    if (raw.filter !== undefined) out.filter = filterOf(raw.filter, false);
    if (raw.groupByNote !== undefined) {
      if (typeof raw.groupByNote !== 'boolean') throw new Problem('"groupByNote" must be true or false');
      out.groupByNote = raw.groupByNote;
    }
    if (raw.limit !== undefined) {
      if (!isWhole(raw.limit, 1, MAP_MAX_LIMIT)) throw new Problem(`"limit" must be a whole number from 1 to ${MAP_MAX_LIMIT}`);
      out.limit = raw.limit;
    }
    return out;
  });
}

/** The export request's filter: the claims panel's (status, entity, note, text) and the claim map's (relation, kind). */
export function readExportFilter(raw: unknown): Read<(MapFilter & { text?: string }) | undefined> {
  return read('The export\'s filter', () => (raw === undefined || raw === null ? undefined : filterOf(raw, true)));
}
