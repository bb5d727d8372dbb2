// Where the claim map puts its nodes before anything is measured: each
// node's box from its text, rows by distance from the focus for a small map
// (moved to ELK's layered layout once that has started), rings by distance
// for a large one. Shared by the page, which draws with it, and the
// extension, which draws the same positions as the page's first picture
// (firstPicture.ts) while the page's script is still loading. Plain data in,
// plain data out: no vscode, no DOM.
import type { MapEdge, MapNode } from '../../../server/src/core/features/claimMapTypes';

/** Above this many nodes a map is drawn in rings rather than by the layered or the force layout. */
export const LARGE = 300;
/** Below this zoom labels are too small to read: a fitted map is shown at this size around its focus, and the rest is a pan away. */
export const MIN_READABLE_ZOOM = 0.8;
/** A small map is not fitted larger than this. */
export const MAX_FIT_ZOOM = 1.4;

export interface Point { x: number; y: number }
/** A node's centre and size. */
export interface Box extends Point { w: number; h: number }
/** A rectangle by its corners. */
export interface Extent { x1: number; y1: number; x2: number; y2: number }

/** At most `n` characters, cut at a word when one ends near the limit. */
export function shorten(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A node's label as drawn and the size of its box: claims are boxes of up to four lines, entities fit their name. */
export function nodeBox(n: MapNode): { short: string; w: number; h: number } {
  const short = n.type === 'claim' ? shorten(n.label, 72) : shorten(n.label, 40);
  const lines = n.type === 'claim' ? Math.min(4, Math.ceil(short.length / 20)) : 1;
  const w = n.type === 'claim' ? 176 : n.type === 'entity' ? Math.max(70, short.length * 7 + 28) : 60;
  const h = n.type === 'claim' ? 18 + lines * 14 : 34;
  return { short, w, h };
}

/** Each node's neighbours among `ids`, and the nodes to start from: the focus, or the most connected node. */
function graphOf(ids: string[], edges: MapEdge[], focus: string[]): { neighbours: Map<string, string[]>; roots: string[] } {
  const drawn = new Set(ids);
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!drawn.has(e.source) || !drawn.has(e.target)) continue;
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const focused = focus.filter((id) => drawn.has(id));
  const roots = focused.length ? focused : ids.slice().sort((a, b) => neighbours.get(b)!.length - neighbours.get(a)!.length).slice(0, 1);
  return { neighbours, roots };
}

/**
 * Visits the nodes level by level from the roots. `order` sorts each new
 * level (given the node each was reached from) before `place` puts it down;
 * nodes no path reaches (kept by a filter) come last, as one more level.
 */
function byDistance(ids: string[], edges: MapEdge[], focus: string[], order: (next: { id: string; from: string }[]) => string[], place: (level: string[]) => void): void {
  const { neighbours, roots } = graphOf(ids, edges, focus);
  const seen = new Set(roots);
  place(roots);
  let frontier = roots;
  while (frontier.length) {
    const next: { id: string; from: string }[] = [];
    for (const id of frontier) {
      for (const m of neighbours.get(id)!) {
        if (seen.has(m)) continue;
        seen.add(m);
        next.push({ id: m, from: id });
      }
    }
    frontier = order(next);
    if (frontier.length) place(frontier);
  }
  const rest = ids.filter((id) => !seen.has(id));
  if (rest.length) place(rest);
}

/**
 * Rings around the focus (or the most connected node): the nodes one hop out
 * on the first rings, two hops out beyond them, each ring as full as its
 * length allows, and each node near the node it was reached from. A large
 * map's layout: worked out in one pass, where a layout that measured every
 * label took most of a large map's first paint.
 */
export function ringPositions(ids: string[], edges: MapEdge[], focus: string[]): Map<string, Point> {
  const angle = new Map<string, number>();
  const positions = new Map<string, Point>();
  // Claims are boxes up to 176 by 74: the rings are ellipses 1.8 times wider than tall, like the boxes. Two
  // boxes clear each other when they are a box's width apart across or its height apart down; along a ring
  // and from one ring to the next that holds at every angle for these spacings (the worst case is near 50°).
  const SLOT = 230;
  const RING_GAP = 130;
  const WIDE = 1.8;
  // A single focus sits at the centre; several go on the first ring.
  let radius = -1;
  const place = (level: string[]) => {
    for (let i = 0; i < level.length;) {
      radius = radius < 0 && level.length === 1 ? 0 : radius <= 0 ? 160 : radius + RING_GAP;
      const capacity = radius === 0 ? 1 : Math.max(6, Math.floor((2 * Math.PI * WIDE * radius) / SLOT));
      const ring = level.slice(i, i + capacity);
      ring.forEach((id, k) => {
        const a = (2 * Math.PI * k) / ring.length - Math.PI / 2;
        angle.set(id, a);
        // (+ 0: the centre is 0, not -0.)
        positions.set(id, { x: WIDE * radius * Math.cos(a) + 0, y: radius * Math.sin(a) + 0 });
      });
      i += capacity;
    }
  };
  // A branch stays together: each new node takes the angle of the node it was reached from.
  const order = (next: { id: string; from: string }[]) =>
    next.map((n) => ({ id: n.id, a: angle.get(n.from) ?? 0 })).sort((p, q) => p.a - q.a).map((n) => n.id);
  byDistance(ids, edges, focus, order, place);
  return positions;
}

/**
 * Rows by distance from the focus: the focus on top, what is one hop away in
 * the row below, and so on; a row wider than a screen wraps. A small map's
 * first drawing, until ELK's layered layout is ready to take over.
 */
export function rowPositions(nodes: { id: string; w: number }[], edges: MapEdge[], focus: string[]): Map<string, Point> {
  const width = new Map(nodes.map((n) => [n.id, n.w]));
  const positions = new Map<string, Point>();
  const GAP = 28;
  const ROW = 120;
  const MAX_ROW = 1500;
  let y = 0;
  const place = (level: string[]) => {
    for (let i = 0; i < level.length;) {
      let used = 0;
      let j = i;
      while (j < level.length && (j === i || used + width.get(level[j])! + GAP <= MAX_ROW)) used += width.get(level[j++])! + GAP;
      let x = -(used - GAP) / 2;
      for (const id of level.slice(i, j)) {
        const w = width.get(id)!;
        positions.set(id, { x: x + w / 2, y });
        x += w + GAP;
      }
      y += ROW;
      i = j;
    }
  };
  // Fewer crossings: a row is ordered by where the nodes it was reached from stand.
  const order = (next: { id: string; from: string }[]) =>
    next.map((n) => ({ id: n.id, x: positions.get(n.from)?.x ?? 0 })).sort((p, q) => p.x - q.x).map((n) => n.id);
  byDistance(nodes.map((n) => n.id), edges, focus, order, place);
  return positions;
}

/** The zoom and pan that show every box in a view `width` by `height`, `padding` pixels from its edges. */
export function fitted(boxes: Box[], width: number, height: number, padding: number, zoomLimits: { min: number; max: number }): { zoom: number; pan: Point } | undefined {
  const { x1, y1, x2, y2 } = extentOf(boxes);
  if (!Number.isFinite(x1)) return undefined;
  const w = width - 2 * padding;
  const h = height - 2 * padding;
  const zoom = Math.max(zoomLimits.min, Math.min(zoomLimits.max, w / (x2 - x1), h / (y2 - y1)));
  return { zoom, pan: { x: padding + (w - zoom * (x2 - x1)) / 2 - zoom * x1, y: padding + (h - zoom * (y2 - y1)) / 2 - zoom * y1 } };
}

/** What some boxes cover (infinite when there are none). */
export function extentOf(boxes: Box[]): Extent {
  const e = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (const b of boxes) {
    e.x1 = Math.min(e.x1, b.x - b.w / 2); e.x2 = Math.max(e.x2, b.x + b.w / 2);
    e.y1 = Math.min(e.y1, b.y - b.h / 2); e.y2 = Math.max(e.y2, b.y + b.h / 2);
  }
  return e;
}

/** The middle of some boxes. */
export function centreOf(boxes: Point[]): Point {
  return { x: boxes.reduce((sum, b) => sum + b.x, 0) / boxes.length, y: boxes.reduce((sum, b) => sum + b.y, 0) / boxes.length };
}

/**
 * The view a map opens at, and returns to with "Fit": the whole map, not
 * larger than MAX_FIT_ZOOM. Where that would make labels too small to read
 * (or the map larger than that), the readable zoom (or MAX_FIT_ZOOM) around
 * the focus, kept from showing empty space beside the map, or around the
 * map's middle when there is no focus.
 */
export function openingView(extent: Extent, focus: Point | undefined, width: number, height: number, padding: number,
  zoomLimits: { min: number; max: number }): { zoom: number; pan: Point } | undefined {
  const middle = { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  const fit = fitted([{ ...middle, w: extent.x2 - extent.x1, h: extent.y2 - extent.y1 }], width, height, padding, zoomLimits);
  if (!fit || (fit.zoom >= MIN_READABLE_ZOOM && fit.zoom <= MAX_FIT_ZOOM)) return fit;
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(fit.zoom, MIN_READABLE_ZOOM));
  const centre = focus ?? middle;
  const pan = { x: width / 2 - zoom * centre.x, y: height / 2 - zoom * centre.y };
  return { zoom, pan: focus ? clampPan(pan, zoom, extent, width, height, padding) : pan };
}

/**
 * A pan kept from showing empty space beside a map larger than its view:
 * along each axis the map (x1..x2, y1..y2) fills the view when it is larger,
 * and is centred when it is not. Centred on a focus at the top of a tall map,
 * the map then starts at the top of the view rather than half-way down it.
 */
export function clampPan(pan: Point, zoom: number, box: Extent, width: number, height: number, padding: number): Point {
  const axis = (p: number, lo: number, hi: number, size: number) =>
    zoom * (hi - lo) <= size - 2 * padding ? (size - zoom * (lo + hi)) / 2 : Math.min(padding - zoom * lo, Math.max(size - padding - zoom * hi, p));
  return { x: axis(pan.x, box.x1, box.x2, width), y: axis(pan.y, box.y1, box.y2, height) };
}

/**
 * The view kept when the window changes size from `before` to `after` after
 * the analyst has chosen their own zoom and position: the zoom kept, what
 * was in the middle of the view kept in the middle, then moved just enough
 * to bring `keep` (the focus, or the node selected) inside the view,
 * `padding` pixels from its edges, or centred on it when it is larger.
 */
export function resizedView(view: { zoom: number; pan: Point }, before: { w: number; h: number }, after: { w: number; h: number },
  keep: Extent | undefined, padding: number): { zoom: number; pan: Point } {
  const { zoom } = view;
  const axis = (pan: number, from: number, to: number, lo: number | undefined, hi: number | undefined) => {
    const kept = pan + (to - from) / 2;
    if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) return kept;
    if (zoom * (hi - lo) > to - 2 * padding) return to / 2 - (zoom * (lo + hi)) / 2;
    const start = zoom * lo + kept;
    const end = zoom * hi + kept;
    if (start < padding) return kept + padding - start;
    if (end > to - padding) return kept - (end - (to - padding));
    return kept;
  };
  return {
    zoom,
    pan: { x: axis(view.pan.x, before.w, after.w, keep?.x1, keep?.x2), y: axis(view.pan.y, before.h, after.h, keep?.y1, keep?.y2) },
  };
}
