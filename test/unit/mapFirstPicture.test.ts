// Where the claim map puts its nodes before anything is measured (rows for a
// small map, rings for a large one: no two boxes overlap, the focus first),
// how a view is kept from showing empty space beside a map larger than the
// window, what the analyst's own view keeps when the window is resized, and the first picture the extension draws into the page: every
// node and link, labels escaped, the focus marked, a large map cut to what
// is around its focus, and none where the page would draw elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstPicture } from '../../client/src/map/firstPicture';
import { type Box, clampPan, nodeBox, openingView, resizedView, ringPositions, rowPositions } from '../../client/src/map/mapLayout';
import { DEFAULT_VIEW_STATE } from '../../client/src/map/mapMessages';
import type { ClaimMapResult, MapEdge, MapNode } from '../../shared/protocol';
import { PIVOT, sampleGraph } from '../fixtures/map/sampleGraph';

const claim = (i: number, label = `Claim number ${i} says something about the world`): MapNode => ({ id: `c${i}`, type: 'claim', label, rating: (i % 5) + 1 });

/** A hub entity every claim mentions, and a chain of supports: the shape that made maps of the large corpus. */
function hubGraph(claims: number): ClaimMapResult {
  const nodes: MapNode[] = [...Array.from({ length: claims }, (_, i) => claim(i)), { id: 'hub', type: 'entity', label: 'Hub' }];
  const edges: MapEdge[] = [
    ...nodes.slice(0, claims).map((n) => ({ id: `${n.id}|mentions|hub`, source: n.id, target: 'hub', relation: 'mentions' as const })),
    ...Array.from({ length: 20 }, (_, i) => ({ id: `c${i + 1}|supports|c${i}`, source: `c${i + 1}`, target: `c${i}`, relation: 'supports' as const })),
  ];
  return { nodes, edges, focus: ['c0'], scope: 'neighbourhood', total: nodes.length + edges.length, shown: nodes.length + edges.length, statuses: [], rating: { best: 5, worst: 1 }, kinds: [] };
}

function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2) found.push(`${i}~${j}`);
    }
  }
  return found;
}

const boxesOf = (nodes: MapNode[], positions: Map<string, { x: number; y: number }>): Box[] =>
  nodes.map((n) => ({ ...positions.get(n.id)!, w: nodeBox(n).w, h: nodeBox(n).h }));

test('rings: the focus in the middle, every node placed, no two boxes overlapping, nearer nodes on inner rings', () => {
  const g = hubGraph(600);
  const positions = ringPositions(g.nodes.map((n) => n.id), g.edges, g.focus);
  assert.equal(positions.size, g.nodes.length);
  assert.deepEqual(positions.get('c0'), { x: 0, y: 0 });
  assert.deepEqual(overlaps(boxesOf(g.nodes, positions)), []);
  // One hop out (the hub, c1) is nearer the focus than two hops out (the other claims, through the hub).
  const r = (id: string) => Math.hypot(positions.get(id)!.x / 1.8, positions.get(id)!.y);
  assert.ok(r('hub') < r('c300') && r('c1') < r('c300'), `${r('hub')} ${r('c1')} ${r('c300')}`);
});

test('rows: the focus on top, a row per hop, rows wrapped, no two boxes overlapping; what no path reaches comes last', () => {
  const g = hubGraph(40);
  const lone: MapNode = { id: 'lone', type: 'claim', label: 'Nothing links here' };
  const nodes = [...g.nodes, lone];
  const positions = rowPositions(nodes.map((n) => ({ id: n.id, w: nodeBox(n).w })), g.edges, g.focus);
  assert.equal(positions.size, nodes.length);
  assert.equal(positions.get('c0')!.y, 0);
  assert.ok(positions.get('hub')!.y > 0 && positions.get('c1')!.y === positions.get('hub')!.y, 'one hop out: the row below');
  assert.ok(positions.get('c30')!.y > positions.get('hub')!.y);
  assert.equal(Math.max(...[...positions.values()].map((p) => p.y)), positions.get('lone')!.y);
  assert.ok(Math.max(...[...positions.values()].map((p) => Math.abs(p.x))) < 1000, 'wide rows wrap');
  assert.deepEqual(overlaps(boxesOf(nodes, positions)), []);
});

test('a view of a map larger than the window shows no empty space beside it; a smaller one is centred', () => {
  const box = { x1: 0, y1: 0, x2: 1000, y2: 300 };
  // Centred on a focus at the top-left corner of a map wider than a 500 by 700 window: moved so the map starts at the edge.
  const pan = clampPan({ x: 250, y: 350 }, 1, box, 500, 700, 30);
  assert.equal(pan.x, 30, 'the map starts at the left edge, not half-way across');
  assert.equal(pan.y, (700 - 300) / 2, 'a map shorter than the window is centred');
  // A pan already inside the map is kept.
  assert.equal(clampPan({ x: -200, y: 0 }, 1, box, 500, 700, 30).x, -200);
});

test('a map opens whole when it fits readably; else at the readable zoom around its focus, or its middle', () => {
  const limits = { min: 0.02, max: 4 };
  // 400 by 200 in an 860 by 660 window: whole, at 2× capped to 1.4, centred.
  const small = openingView({ x1: 0, y1: 0, x2: 400, y2: 200 }, undefined, 860, 660, 30, limits)!;
  assert.equal(small.zoom, 1.4);
  assert.deepEqual(small.pan, { x: (860 - 1.4 * 400) / 2, y: (660 - 1.4 * 200) / 2 });
  // 4,000 wide: at 0.8 around the focus at the top left, the map starting at the window's edge, not beyond it.
  const wide = { x1: 0, y1: 0, x2: 4000, y2: 600 };
  const atFocus = openingView(wide, { x: 100, y: 50 }, 500, 700, 30, limits)!;
  assert.equal(atFocus.zoom, 0.8);
  assert.equal(atFocus.pan.x, 30, 'no empty space left of the map');
  // Around a focus in the middle of the map, the focus is in the middle of the window.
  const middle = openingView(wide, { x: 2000, y: 300 }, 500, 700, 30, limits)!;
  assert.equal(middle.pan.x, 250 - 0.8 * 2000);
  // No focus: the map's middle.
  assert.deepEqual(openingView(wide, undefined, 500, 700, 30, limits)!.pan, { x: 250 - 0.8 * 2000, y: 350 - 0.8 * 300 });
  assert.equal(openingView({ x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }, undefined, 500, 700, 30, limits), undefined);
});

test("a resize keeps the analyst's zoom and what was in the middle, and brings the focus into view", () => {
  const view = { zoom: 2, pan: { x: -100, y: -50 } };
  // 800 by 600 to 500 by 600: the middle (model x 250) stays in the middle; the zoom is kept.
  const kept = resizedView(view, { w: 800, h: 600 }, { w: 500, h: 600 }, undefined, 30);
  assert.equal(kept.zoom, 2);
  assert.deepEqual(kept.pan, { x: -250, y: -50 });
  assert.equal((250 - kept.pan.x) / kept.zoom, (400 - view.pan.x) / view.zoom);
  // A focus in view after the resize is left where it is.
  assert.deepEqual(resizedView(view, { w: 800, h: 600 }, { w: 500, h: 600 }, { x1: 200, y1: 100, x2: 300, y2: 150 }, 30), kept);
  // A focus the narrower view would cut at its right edge (x 300..370 is drawn at 350..490 of 500): moved in, 30 pixels from it.
  const right = resizedView(view, { w: 800, h: 600 }, { w: 500, h: 600 }, { x1: 300, y1: 100, x2: 370, y2: 150 }, 30);
  assert.equal(right.pan.x, 500 - 30 - 2 * 370);
  assert.equal(right.pan.y, -50, 'only the axis that needs it moves');
  // A focus wider than the view: centred on it.
  const wide = resizedView(view, { w: 800, h: 600 }, { w: 500, h: 600 }, { x1: 0, y1: 100, x2: 400, y2: 150 }, 30);
  assert.equal(wide.pan.x, 250 - 2 * 200);
});

test('the first picture draws every claim and entity with its text, every link, the focus marked, and escapes labels', () => {
  const g: ClaimMapResult = {
    ...sampleGraph,
    focus: [PIVOT],
    nodes: sampleGraph.nodes.map((n) => (n.id === PIVOT ? { ...n, label: 'Profits <script>alert(1)</script> & "losses"' } : n)),
  };
  const svg = firstPicture(g, DEFAULT_VIEW_STATE)!;
  assert.equal((svg.match(/<rect /g) ?? []).length, 7, 'seven claims (notes are not drawn)');
  assert.equal((svg.match(/<ellipse /g) ?? []).length, 3, 'three entities');
  assert.equal((svg.match(/<line /g) ?? []).length, 9);
  assert.ok(!svg.includes('<script'), 'a label is text, never markup');
  assert.match(svg, />&lt;script&gt;alert\(1\)&lt;\/script&gt;</);
  assert.match(svg, />&amp; &quot;losses&quot;</);
  assert.match(svg, /class="c-charts-green focus"/, 'the focus, in its status colour');
  assert.match(svg, /class="arg supports"/);
  assert.match(svg, /class="mentions"/);
});

test('a large map\'s picture is what is around its focus; the force layout gets none, as it places nodes at random', () => {
  const g = hubGraph(1500);
  const svg = firstPicture(g, DEFAULT_VIEW_STATE)!;
  const drawn = Number(/data-nodes="(\d+)"/.exec(svg)![1]);
  assert.ok(drawn > 20 && drawn < 1501, `${drawn} of 1501 nodes`);
  assert.match(svg, /scale\(0\.8\) translate\(-?0\.0 -?0\.0\)/, 'the focus in the middle, at the zoom the map opens at');
  // Cut to the page it is drawn for: a page 520 by 670 pixels shows 325 by 419 of the map's units either side of the focus at 0.8.
  const small = firstPicture(g, DEFAULT_VIEW_STATE, { width: 520, height: 670 })!;
  const smallCount = Number(/data-nodes="(\d+)"/.exec(small)![1]);
  assert.ok(smallCount > 5 && smallCount < drawn / 2, `${smallCount} nodes for the small page, ${drawn} for the largest`);
  const positions = ringPositions(g.nodes.map((n) => n.id), g.edges, g.focus);
  const inPage = g.nodes.filter((n) => Math.abs(positions.get(n.id)!.x) <= 325 && Math.abs(positions.get(n.id)!.y) <= 419);
  const centres = [
    ...[...small.matchAll(/<rect x="([-\d.]+)" y="([-\d.]+)" width="(\d+)" height="(\d+)"/g)].map((m) => ({ x: Number(m[1]) + Number(m[3]) / 2, y: Number(m[2]) + Number(m[4]) / 2 })),
    ...[...small.matchAll(/<ellipse cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
  ];
  const missing = inPage.filter((n) => !centres.some((c) => Math.abs(c.x - positions.get(n.id)!.x) < 0.2 && Math.abs(c.y - positions.get(n.id)!.y) < 0.2));
  assert.deepEqual(missing.map((n) => n.id), [], 'every node whose centre is on the page is drawn');
  assert.equal(firstPicture(sampleGraph, { ...DEFAULT_VIEW_STATE, layout: 'force' }), undefined);
  assert.equal(firstPicture({ ...sampleGraph, nodes: [], edges: [] }, DEFAULT_VIEW_STATE), undefined);
});
