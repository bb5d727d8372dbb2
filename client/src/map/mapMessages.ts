// The messages between the claim map's webview and the extension, and the
// checks every message from the webview passes before anything acts on it.
// The webview is treated as untrusted input: a message of the wrong shape,
// an unknown node or an oversized image is dropped (and logged), never
// forwarded. No vscode import, so the unit tests and the webview bundle
// take it as it is.
import {
  type ClaimMapParams, type ClaimMapResult, MAP_RELATIONS, type MapFilter, type MapFocus, type MapRelation,
} from '../../../server/src/core/features/claimMapTypes';

/** What the map keeps per workspace: its filter and how it draws. */
export interface MapViewState {
  filter: MapFilter;
  hops: number;
  groupByNote: boolean;
  layout: 'layered' | 'force';
  textView: boolean;
}

export const DEFAULT_VIEW_STATE: MapViewState = { filter: {}, hops: 2, groupByNote: false, layout: 'layered', textView: false };

export type ImageFormat = 'png' | 'svg';
export type GraphFormat = 'graphml' | 'mermaid';

/** Webview → extension. */
export type FromWebview =
  /** The page listens; `page`: its size in pixels, what the next page's first picture is cut to. */
  | { type: 'ready'; page?: { width: number; height: number } }
  | { type: 'query'; seq: number; params: ClaimMapParams }
  | { type: 'reveal'; node: string }
  | { type: 'saveImage'; format: ImageFormat; data: string }
  | { type: 'exportGraph'; format: GraphFormat; filter: MapFilter }
  | { type: 'state'; state: MapViewState }
  /** The map has drawn, `ms` after the command; `picture`: when the page's first picture was on screen, when it had one. */
  | { type: 'painted'; ms: number; nodes: number; edges: number; picture?: number };

/** Extension → webview. */
export type ToWebview =
  /**
   * Start (or start again) on this focus; `startedAt` is when the analyst
   * asked, for the first-paint figure. `result` answers `firstParams(state,
   * focus)`, asked for while the page loaded; without it the page asks.
   */
  | { type: 'show'; state: MapViewState; focus?: MapFocus; startedAt: number; result?: ClaimMapResult }
  | { type: 'graph'; seq: number; result: ClaimMapResult }
  /** The notes changed: ask again with the same view, keeping zoom and position. */
  | { type: 'refresh' }
  | { type: 'error'; seq?: number; message: string };

/** The question a map starts with: its focus, its view, nothing expanded. The page asks the same way after. */
export function firstParams(state: MapViewState, focus: MapFocus | undefined, expand: string[] = []): ClaimMapParams {
  return { ...(focus ? { focus } : {}), hops: state.hops, expand, filter: state.filter, groupByNote: state.groupByNote };
}

/** Limits on what the webview may send. */
export const LIMITS = {
  id: 2_000,
  list: 500,
  hops: 6,
  limit: 5_000,
  /** An exported image as a data URL or SVG text: 60 MB. */
  image: 60 * 1024 * 1024,
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = LIMITS.id): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const optional = <T>(v: unknown, check: (v: unknown) => v is T): boolean => v === undefined || check(v);
const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= LIMITS.list && v.every((s) => isString(s));
const hasOnly = (o: Json, keys: string[]): boolean => Object.keys(o).every((k) => keys.includes(k));

function isRelation(v: unknown): v is MapRelation {
  return typeof v === 'string' && (MAP_RELATIONS as readonly string[]).includes(v);
}

export function isMapFilter(v: unknown): v is MapFilter {
  if (!isObject(v) || !hasOnly(v, ['status', 'entity', 'note', 'relation', 'kind'])) return false;
  return optional(v.status, stringList) && optional(v.entity, stringList) && optional(v.note, stringList)
    && optional(v.kind, stringList)
    && optional(v.relation, (r): r is MapRelation[] => Array.isArray(r) && r.length <= MAP_RELATIONS.length && r.every(isRelation));
}

export function isMapFocus(v: unknown): v is MapFocus {
  if (!isObject(v)) return false;
  if ('node' in v) return hasOnly(v, ['node']) && isString(v.node);
  const p = v.position;
  return hasOnly(v, ['uri', 'position']) && isString(v.uri) && isObject(p) && hasOnly(p, ['line', 'character'])
    && isInt(p.line, 0, 10_000_000) && isInt(p.character, 0, 10_000_000);
}

export function isMapParams(v: unknown): v is ClaimMapParams {
  if (!isObject(v) || !hasOnly(v, ['focus', 'hops', 'expand', 'filter', 'groupByNote', 'limit'])) return false;
  return optional(v.focus, isMapFocus) && optional(v.hops, (h): h is number => isInt(h, 0, LIMITS.hops))
    && optional(v.expand, stringList) && optional(v.filter, isMapFilter)
    && optional(v.groupByNote, (b): b is boolean => typeof b === 'boolean')
    && optional(v.limit, (n): n is number => isInt(n, 1, LIMITS.limit));
}

function isPageSize(v: unknown): v is { width: number; height: number } {
  return isObject(v) && hasOnly(v, ['width', 'height']) && isInt(v.width, 1, 100_000) && isInt(v.height, 1, 100_000);
}

export function isViewState(v: unknown): v is MapViewState {
  return isObject(v) && hasOnly(v, ['filter', 'hops', 'groupByNote', 'layout', 'textView'])
    && isMapFilter(v.filter) && isInt(v.hops, 0, LIMITS.hops) && typeof v.groupByNote === 'boolean'
    && (v.layout === 'layered' || v.layout === 'force') && typeof v.textView === 'boolean';
}

export const PNG_PREFIX = 'data:image/png;base64,';

function isImage(format: unknown, data: unknown): boolean {
  if (typeof data !== 'string' || data.length > LIMITS.image) return false;
  if (format === 'png') return data.startsWith(PNG_PREFIX) && /^[A-Za-z0-9+/]+={0,2}$/.test(data.slice(PNG_PREFIX.length));
  if (format === 'svg') return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data);
  return false;
}

/** The message if it is one the webview may send, exactly; otherwise undefined. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (!isObject(message)) return undefined;
  const m = message;
  switch (m.type) {
    case 'ready':
      if (!hasOnly(m, ['type', 'page'])) return undefined;
      // A page measured while hidden is 0 wide: it is still ready, and the picture keeps the usual size.
      return isPageSize(m.page) ? { type: 'ready', page: { width: m.page.width, height: m.page.height } } : { type: 'ready' };
    case 'query':
      return hasOnly(m, ['type', 'seq', 'params']) && isInt(m.seq, 0, Number.MAX_SAFE_INTEGER) && isMapParams(m.params)
        ? { type: 'query', seq: m.seq, params: m.params } : undefined;
    case 'reveal':
      return hasOnly(m, ['type', 'node']) && isString(m.node) ? { type: 'reveal', node: m.node } : undefined;
    case 'saveImage':
      return hasOnly(m, ['type', 'format', 'data']) && isImage(m.format, m.data)
        ? { type: 'saveImage', format: m.format as ImageFormat, data: m.data as string } : undefined;
    case 'exportGraph':
      return hasOnly(m, ['type', 'format', 'filter']) && (m.format === 'graphml' || m.format === 'mermaid') && isMapFilter(m.filter)
        ? { type: 'exportGraph', format: m.format, filter: m.filter } : undefined;
    case 'state':
      return hasOnly(m, ['type', 'state']) && isViewState(m.state) ? { type: 'state', state: m.state } : undefined;
    case 'painted':
      return hasOnly(m, ['type', 'ms', 'nodes', 'edges', 'picture']) && typeof m.ms === 'number' && Number.isFinite(m.ms)
        && isInt(m.nodes, 0, 1_000_000) && isInt(m.edges, 0, 1_000_000)
        && (m.picture === undefined || (typeof m.picture === 'number' && Number.isFinite(m.picture)))
        ? { type: 'painted', ms: m.ms, nodes: m.nodes, edges: m.edges, ...(m.picture !== undefined ? { picture: m.picture as number } : {}) } : undefined;
    default:
      return undefined;
  }
}
