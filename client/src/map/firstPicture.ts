// The claim map's first picture: the graph the server answered, drawn by the
// extension as SVG markup inside the page it creates, so the analyst sees the
// map as soon as the editor shows the page, while the page's script (the
// interactive map, half a megabyte) is still loading. It draws what the
// script will draw first, at the same places (mapLayout.ts): rows from the
// focus on a small map, rings on a large one, centred on the focus at the
// readable zoom. The script takes its place once it has drawn.
// Plain strings: no vscode, no DOM, so the unit tests read what it writes.
import type { ClaimMapResult, MapNode } from '../../../server/src/core/features/claimMapTypes';
import { statusColorName, themeColorVariable } from '../statusColors';
import { type Box, centreOf, extentOf, LARGE, MAX_FIT_ZOOM, MIN_READABLE_ZOOM, nodeBox, type Point, ringPositions, rowPositions } from './mapLayout';
import type { MapViewState } from './mapMessages';

/** A page's size in pixels. */
export interface PageSize { width: number; height: number }
/** The page a large map's picture is cut to when none has been seen yet: 1,600 pixels across and down. */
const LARGEST_PAGE: PageSize = { width: 1600, height: 1600 };
/** Half the largest node's box (a claim of four lines), in the map's units: a node this far past the page's edge still shows. */
const HALF_NODE = { x: 90, y: 40 };
/** A usual map panel, in pixels: a small map's picture is not drawn larger than the map would draw it there. */
const SMALLEST = { w: 1000, h: 700 };
/** A claim's label is drawn in lines of about this many characters, as the map wraps it. */
const LINE = 24;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words into lines of about `width` characters, at most `max` lines. */
function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    lines.length = max;
    lines[max - 1] = `${lines[max - 1].replace(/…$/, '')}…`;
  }
  return lines;
}

/** The theme colour a claim is drawn in, as a CSS class name (the style rules below give each its colour). */
function colourClass(n: MapNode, result: ClaimMapResult): string {
  return n.type === 'claim' ? `c-${statusColorName(n.rating, result.rating).replace(/\./g, '-')}` : 'entity';
}

/** The page's style rules for the picture, every colour a theme variable, so it follows the theme as the map does. */
export function firstPictureStyle(): string {
  const colours = ['charts.green', 'charts.blue', 'charts.yellow', 'charts.orange', 'charts.red', 'disabledForeground']
    .map((name) => {
      const v = `var(${themeColorVariable(name)})`;
      return `.first-picture .c-${name.replace(/\./g, '-')} { stroke: ${v}; fill: color-mix(in srgb, ${v} 16%, var(--vscode-editor-background)); }`;
    });
  const relations: [string, string][] = [['supports', 'charts.green'], ['contradicts', 'charts.red'], ['refines', 'charts.blue'], ['same-as', 'charts.purple']];
  return [
    '.first-picture { position: absolute; inset: 0; width: 100%; height: 100%; background: var(--vscode-editor-background); pointer-events: none; }',
    '.first-picture text { font-family: var(--vscode-font-family); font-size: 11px; fill: var(--vscode-editor-foreground); text-anchor: middle; }',
    '.first-picture rect, .first-picture ellipse { stroke-width: 2.5; }',
    '.first-picture .entity { stroke: var(--vscode-descriptionForeground); stroke-width: 3; fill: color-mix(in srgb, var(--vscode-descriptionForeground) 8%, var(--vscode-editor-background)); }',
    '.first-picture .entity-label { font-style: italic; }',
    '.first-picture .focus { stroke-width: 4; }',
    '.first-picture .focus-label { font-weight: bold; }',
    '.first-picture line { stroke: var(--vscode-descriptionForeground); stroke-width: 1; opacity: 0.55; stroke-dasharray: 2 3; }',
    '.first-picture line.arg { stroke-width: 2.2; opacity: 1; stroke-dasharray: none; }',
    ...relations.map(([r, c]) => `.first-picture line.${r} { stroke: var(${themeColorVariable(c)}); }`),
    ...colours,
  ].join('\n');
}

/**
 * The picture of a graph as SVG markup, or undefined where the page's first
 * drawing would not match it (the force layout, which places nodes at random,
 * or nothing to draw). A large map's picture holds only what a page of
 * `page`'s size shows around the focus (the last page's size is the best
 * guess of the next one's): the markup is parsed, laid out and painted before
 * the page is shown, and at 10,000 notes the nodes out of view made it five
 * times larger.
 */
export function firstPicture(result: ClaimMapResult, view: MapViewState, page: PageSize = LARGEST_PAGE): string | undefined {
  const nodes = result.nodes.filter((n) => n.type !== 'note');
  if (nodes.length === 0) return undefined;
  const large = result.nodes.filter((n) => n.type !== 'note' || view.groupByNote).length > LARGE;
  if (!large && view.layout === 'force') return undefined;
  const boxes = new Map(nodes.map((n) => [n.id, nodeBox(n)]));
  const positions = large
    ? ringPositions(nodes.map((n) => n.id), result.edges, result.focus)
    : rowPositions(nodes.map((n) => ({ id: n.id, w: boxes.get(n.id)!.w })), result.edges, result.focus);
  const placed = (id: string): Box | undefined => {
    const p = positions.get(id);
    const b = boxes.get(id);
    return p && b ? { ...p, w: b.w, h: b.h } : undefined;
  };
  const focused = result.focus.map(placed).filter((b): b is Box => b !== undefined);
  const centre: Point = focused.length ? centreOf(focused) : centreOf([...positions.values()]);
  const reach = { x: page.width / 2 / MIN_READABLE_ZOOM + HALF_NODE.x, y: page.height / 2 / MIN_READABLE_ZOOM + HALF_NODE.y };
  const near = (p: Point) => !large || (Math.abs(p.x - centre.x) <= reach.x && Math.abs(p.y - centre.y) <= reach.y);
  const focus = new Set(result.focus);
  const lines: string[] = [];
  for (const e of result.edges) {
    const a = positions.get(e.source);
    const b = positions.get(e.target);
    if (!a || !b || !near(a) || !near(b)) continue;
    const arg = e.relation !== 'by' && e.relation !== 'mentions';
    lines.push(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" class="${arg ? `arg ${e.relation}` : e.relation}"/>`);
  }
  const shapes: string[] = [];
  for (const n of nodes) {
    const box = placed(n.id);
    if (!box || !near(box)) continue;
    const { short } = boxes.get(n.id)!;
    const cls = `${colourClass(n, result)}${focus.has(n.id) ? ' focus' : ''}`;
    shapes.push(n.type === 'entity'
      ? `<ellipse cx="${box.x.toFixed(1)}" cy="${box.y.toFixed(1)}" rx="${box.w / 2}" ry="${box.h / 2}" class="${cls}"/>`
      : `<rect x="${(box.x - box.w / 2).toFixed(1)}" y="${(box.y - box.h / 2).toFixed(1)}" width="${box.w}" height="${box.h}" rx="6" class="${cls}"/>`);
    const text = n.type === 'claim' ? wrap(short, LINE, 4) : [short];
    const top = box.y - ((text.length - 1) * 14) / 2 + 4;
    const labelClass = `${n.type === 'entity' ? 'entity-label' : ''}${focus.has(n.id) ? ' focus-label' : ''}`.trim();
    shapes.push(`<text${labelClass ? ` class="${labelClass}"` : ''}>${text.map((t, i) =>
      `<tspan x="${box.x.toFixed(1)}" y="${(top + i * 14).toFixed(1)}">${escapeXml(t)}</tspan>`).join('')}</text>`);
  }
  const body = `${lines.join('')}${shapes.join('')}`;
  const open = `<svg class="first-picture" aria-hidden="true" data-nodes="${shapes.length / 2}"`;
  if (!large) {
    // A small map whole, as large as the page allows up to the zoom the map opens at, from the top: its rows
    // start at the focus.
    // A few nodes are not blown up: the picture is at least a usual panel's size at the largest zoom the map fits to.
    const e = extentOf([...nodes.map((n) => placed(n.id)!)]);
    const pad = 30 / MIN_READABLE_ZOOM;
    const w = Math.max(e.x2 - e.x1 + 2 * pad, SMALLEST.w / MAX_FIT_ZOOM);
    const h = Math.max(e.y2 - e.y1 + 2 * pad, SMALLEST.h / MAX_FIT_ZOOM);
    const [x, y] = [(e.x1 + e.x2) / 2 - w / 2, e.y1 - pad];
    return `${open} viewBox="${[x, y, w, h].map((v) => v.toFixed(1)).join(' ')}" preserveAspectRatio="xMidYMin meet">${body}</svg>`;
  }
  // A large map's focus in the middle of the page at the zoom the map opens at: an inner <svg> placed at 50% / 50% is the page's middle.
  const move = `scale(${MIN_READABLE_ZOOM}) translate(${(-centre.x).toFixed(1)} ${(-centre.y).toFixed(1)})`;
  return `${open}><svg x="50%" y="50%" overflow="visible"><g transform="${move}">${body}</g></svg></svg>`;
}
