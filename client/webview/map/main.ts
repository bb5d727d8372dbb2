// The claim map's webview: draws what the server computed (claims, entities,
// their relations) with Cytoscape.js, laid out by ELK's layered algorithm (a
// supported thesis above what supports it) or a force layout (entity
// networks). It holds the view (focus, hops, expanded nodes, filter) and
// asks the extension for the graph; everything it sends is checked there.
// Colours come from the theme's CSS variables, so the map follows light,
// dark and high-contrast themes. No network: the page's CSP allows none.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import svgExport from 'cytoscape-svg';
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk.bundled.js';
import {
  ARGUMENT_RELATIONS, type ClaimMapParams, type ClaimMapResult, MAP_RELATIONS, type MapEdge, type MapFilter, type MapFocus,
  type MapNode, type MapRelation,
} from '../../../server/src/core/features/claimMapTypes';
import { DEFAULT_VIEW_STATE, firstParams, type FromWebview, type MapViewState, type ToWebview } from '../../src/map/mapMessages';
import {
  type Box, centreOf, type Extent, extentOf, LARGE, nodeBox, openingView, resizedView, ringPositions, rowPositions, shorten,
} from '../../src/map/mapLayout';
import { statusColorName, themeColorVariable } from '../../src/statusColors';

cytoscape.use(svgExport);

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };
const vscode = acquireVsCodeApi();
const send = (message: FromWebview) => vscode.postMessage(message);

// ---- state ------------------------------------------------------------------

let view: MapViewState = DEFAULT_VIEW_STATE;
let focus: MapFocus | undefined;
let expand: string[] = [];
let seq = 0;
/** How the next graph is drawn: laid out afresh and fitted, or merged into the current drawing. */
let nextMode: 'new' | 'update' = 'new';
let last: ClaimMapResult | undefined;
/** When the analyst asked for the map, until its first paint is reported. */
let paintClock: number | undefined;
/** When this page's script began, and when the current question was sent: where the time to a first paint goes. */
const scriptStart = Date.now();
let askedAt = 0;
const byId = new Map<string, MapNode>();
/** Whether the map drawn is large (over LARGE nodes): its labels give way when zoomed out. */
let largeMap = false;


// ---- the page ---------------------------------------------------------------

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

const app = document.getElementById('app')!;
const search = h('input', { type: 'search', id: 'search', placeholder: 'Find on the map…', 'aria-label': 'Find a claim or entity on the map' });
const hops = h('select', { id: 'hops', 'aria-label': 'Hops from the focus' });
for (let i = 1; i <= 4; i++) hops.append(h('option', { value: String(i), text: `${i} hop${i > 1 ? 's' : ''}` }));
const layoutSelect = h('select', { id: 'layout', 'aria-label': 'Layout' },
  h('option', { value: 'layered', text: 'Argument layout' }), h('option', { value: 'force', text: 'Network layout' }));
const filtersMenu = h('details', { class: 'menu', id: 'filters' }, h('summary', { text: 'Filters' }));
const filtersBody = h('div', { class: 'menu-body', role: 'group', 'aria-label': 'Filters' });
filtersMenu.append(filtersBody);
const exportMenu = h('details', { class: 'menu', id: 'export' }, h('summary', { text: 'Export' }),
  h('div', { class: 'menu-body', role: 'group', 'aria-label': 'Export' },
    h('button', { 'data-export': 'png', text: 'PNG image of this view' }),
    h('button', { 'data-export': 'svg', text: 'SVG image of this view' }),
    h('button', { 'data-export': 'graphml', text: 'GraphML of the filter (Gephi, yEd, draw.io)' }),
    h('button', { 'data-export': 'mermaid', text: 'Mermaid flowchart of the filter' })));
const keyMenu = h('details', { class: 'menu', id: 'key' }, h('summary', { text: 'Key' }));
const keyBody = h('div', { class: 'menu-body key-body', role: 'group', 'aria-label': 'What the shapes, colours and lines mean' });
keyMenu.append(keyBody);
const fitButton = h('button', { id: 'fit', title: 'Fit the map in the window (0)', text: 'Fit' });
const wholeButton = h('button', { id: 'whole', title: 'The whole workspace, or its most connected claim when it is large', text: 'Whole workspace' });
const textToggle = h('button', { id: 'text-toggle', 'aria-pressed': 'false', title: 'The map as a list of its nodes and links (T)', text: 'Text view' });
const toolbar = h('header', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Claim map' },
  search, hops, layoutSelect, filtersMenu, keyMenu, fitButton, wholeButton, textToggle, exportMenu);
const banner = h('div', { class: 'banner', id: 'banner', role: 'status', hidden: '' });
const graph = h('div', { id: 'graph', tabindex: '0', role: 'application', 'aria-roledescription': 'claim map',
  'aria-label': 'Claim map. Arrow keys move between nodes, Enter opens one, E expands it, F centres the map on it, plus and minus zoom, 0 fits.' });
const empty = h('div', { class: 'empty', id: 'empty', hidden: '' });
const textView = h('section', { id: 'text-view', 'aria-label': 'The map as text', hidden: '' });
const card = h('div', { id: 'card', role: 'tooltip', hidden: '' });
const status = h('footer', { class: 'status' }, h('span', { id: 'summary', 'aria-live': 'polite' }), h('span', { id: 'legend', class: 'legend' }));
// The extension's first picture of the graph (firstPicture.ts), when the page came with one: it stays over the
// graph until the map has drawn, and when it was first on screen is the map's first paint.
const firstPicture = document.querySelector('svg.first-picture');
app.replaceChildren(toolbar, banner, h('main', {}, graph, empty, textView, card, ...(firstPicture ? [firstPicture] : [])), status);
/** When the page's first paint (its first picture) was on screen; the browser reports it a few frames late. */
const pictureShown = new Promise<number | undefined>((resolve) => {
  if (!firstPicture) { resolve(undefined); return; }
  new PerformanceObserver((list) => {
    const first = list.getEntries().find((e) => e.name === 'first-contentful-paint');
    if (first) resolve(performance.timeOrigin + first.startTime);
  }).observe({ type: 'paint', buffered: true });
  setTimeout(() => resolve(undefined), 3000);
});
app.dataset.state = 'waiting';

// ---- colours and shapes -------------------------------------------------------

/** A theme colour's value now (the theme can change while the map is open), in a form the canvas reads. */
function themeColor(name: string, fallback: string): string {
  return canvasColour(getComputedStyle(document.body).getPropertyValue(themeColorVariable(name)).trim()) ?? fallback;
}

/** Themes write many colours as `#rrggbbaa`, which Cytoscape.js does not read: those become `rgba()`. */
function canvasColour(value: string): string | undefined {
  if (!value) return undefined;
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value) ?? /^#([0-9a-f])([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (!m) return value;
  const [r, g, b, a] = m.slice(1).map((x) => parseInt(x.length === 1 ? x + x : x, 16));
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`;
}

interface Palette { fg: string; bg: string; muted: string; focus: string; green: string; red: string; blue: string; purple: string; contrast: boolean }
let palette: Palette;
function readPalette(): Palette {
  return {
    fg: themeColor('editor.foreground', '#333'),
    bg: themeColor('editor.background', '#fff'),
    muted: themeColor('descriptionForeground', '#777'),
    focus: themeColor('focusBorder', '#0078d4'),
    green: themeColor('charts.green', '#388a34'),
    red: themeColor('charts.red', '#e51400'),
    blue: themeColor('charts.blue', '#1a85ff'),
    purple: themeColor('charts.purple', '#652d90'),
    contrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
}

/** Theme colours by name, read once per palette: reading a CSS variable per node made a large map's first paint slow. */
let themeColours = new Map<string, string>();

function statusColour(node: MapNode): string {
  const name = statusColorName(node.rating, last?.rating ?? { best: 0, worst: 0 });
  let colour = themeColours.get(name);
  if (colour === undefined) themeColours.set(name, colour = themeColor(name, palette.muted));
  return colour;
}

/** Claims are shaped by kind; entities are ellipses; notes are the boxes around their claims. */
const KIND_SHAPES: Record<string, cytoscape.Css.NodeShape> = {
  fact: 'round-rectangle', statistic: 'cut-rectangle', prediction: 'hexagon', opinion: 'round-octagon', quote: 'barrel',
};
const shapeOf = (n: MapNode): cytoscape.Css.NodeShape =>
  n.type === 'entity' ? 'ellipse' : n.type === 'note' ? 'round-rectangle' : KIND_SHAPES[n.kind ?? ''] ?? 'round-rectangle';

const RELATION_WORDS: Record<MapRelation, string> = {
  supports: 'supports', contradicts: 'contradicts', refines: 'refines', 'same-as': 'same claim as', by: 'said by', mentions: 'mentions',
};

function edgeColour(relation: MapRelation): string {
  switch (relation) {
    case 'supports': return palette.green;
    case 'contradicts': return palette.red;
    case 'refines': return palette.blue;
    case 'same-as': return palette.purple;
    default: return palette.muted;
  }
}

function styles(): cytoscape.StylesheetJson {
  return [
    { selector: 'node', style: {
      // On a large map a label too small to read is not drawn, so zooming out stays quick; a small map keeps its labels.
      // On a large map only the nodes in view are labelled (class "labelled", below): measuring a thousand labels
      // took most of its first paint, and a label too small to read is not drawn, so zooming out stays quick.
      label: largeMap ? '' : 'data(short)', 'font-size': 11, 'min-zoomed-font-size': largeMap ? 6 : 0, 'font-family': getComputedStyle(document.body).fontFamily || 'sans-serif',
      color: palette.fg, 'text-wrap': 'wrap', 'text-max-width': '136px', 'text-valign': 'center', 'text-halign': 'center',
      width: 'data(w)', height: 'data(h)', shape: 'data(shape)' as unknown as cytoscape.Css.NodeShape,
      'background-color': palette.bg, 'border-width': 2, 'border-color': palette.muted,
    } },
    { selector: 'node[type = "claim"]', style: {
      'background-color': 'data(colour)', 'background-opacity': palette.contrast ? 0 : 0.16,
      'border-color': 'data(colour)', 'border-width': 2.5,
    } },
    { selector: 'node[type = "entity"]', style: {
      'background-color': palette.muted, 'background-opacity': 0.08, 'border-style': 'double', 'border-width': 3,
      'border-color': palette.muted, 'font-style': 'italic',
    } },
    { selector: 'node[type = "note"]', style: {
      'background-opacity': 0.03, 'border-style': 'dashed', 'border-width': 1, 'border-color': palette.muted,
      'text-valign': 'top', 'text-halign': 'center', 'font-weight': 'bold', color: palette.muted, padding: '18px',
    } },
    { selector: 'node.labelled', style: { label: 'data(short)' } },
    { selector: 'node.focus', style: { 'border-width': 4, 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'border-color': palette.focus, 'border-width': 4, 'overlay-opacity': 0 } },
    { selector: 'edge', style: {
      // Straight lines on a large map: curving apart the lines between the same two nodes costs most of its drawing.
      width: 1, 'curve-style': largeMap ? 'straight' : 'bezier', 'line-color': palette.muted, 'target-arrow-color': palette.muted,
      'source-arrow-color': palette.muted, 'arrow-scale': 1.1, opacity: 0.55, 'line-style': 'dotted',
    } },
    { selector: 'edge[arg = "yes"]', style: {
      width: 2.2, opacity: 1, 'line-style': 'solid',
      'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'source-arrow-color': 'data(colour)',
      label: 'data(word)', 'font-size': 9, color: palette.fg, 'text-rotation': 'autorotate',
      'text-background-color': palette.bg, 'text-background-opacity': 1, 'text-background-padding': '1px',
    } },
    { selector: 'edge[relation = "supports"]', style: { 'target-arrow-shape': 'triangle' } },
    { selector: 'edge[relation = "contradicts"]', style: { 'target-arrow-shape': 'tee', 'source-arrow-shape': 'tee' } },
    { selector: 'edge[relation = "refines"]', style: { 'target-arrow-shape': 'vee', 'line-style': 'dashed' } },
    { selector: 'edge[relation = "same-as"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'circle', 'source-arrow-shape': 'circle' } },
    { selector: 'edge[relation = "by"]', style: { 'target-arrow-shape': 'triangle', 'line-style': 'dashed' } },
    { selector: 'edge:selected', style: { 'line-color': palette.focus, width: 3 } },
  ];
}

// ---- drawing ------------------------------------------------------------------

const cy: Core = cytoscape({
  container: graph, elements: [], wheelSensitivity: 0.3, minZoom: 0.02, maxZoom: 4,
  boxSelectionEnabled: false, selectionType: 'single',
  // While the analyst pans or zooms a large map, a snapshot moves instead of every label being drawn again.
  textureOnViewport: true, hideEdgesOnViewport: true,
});
palette = readPalette();
cy.style(styles());
// A handle for the in-editor tests, which read positions and colours off the graph.
(window as unknown as { claimMap: { cy: Core } }).claimMap = { cy };

function nodeElement(n: MapNode): ElementDefinition {
  const { short, w, h: hgt } = nodeBox(n);
  return {
    group: 'nodes',
    data: { id: n.id, short, w, h: hgt, type: n.type, shape: shapeOf(n), colour: nodeColour(n), ...(n.parent && view.groupByNote ? { parent: n.parent } : {}) },
  };
}

function edgeElement(e: MapEdge): ElementDefinition {
  const arg = (ARGUMENT_RELATIONS as readonly string[]).includes(e.relation);
  return {
    group: 'edges',
    data: { id: e.id, source: e.source, target: e.target, relation: e.relation, arg: arg ? 'yes' : 'no', word: RELATION_WORDS[e.relation], colour: edgeColour(e.relation) },
  };
}

/**
 * Colours and shapes travel as each element's data, worked out once when it
 * is added (and again when the theme changes): a style function per element
 * would run again on every restyle, which on a large map is most of its
 * first paint.
 */
function nodeColour(n: MapNode): string {
  return n.type === 'claim' ? statusColour(n) : palette.muted;
}

function recolour(): void {
  cy.batch(() => {
    cy.nodes().forEach((ele) => { const n = byId.get(ele.id()); if (n) ele.data('colour', nodeColour(n)); });
    cy.edges().forEach((ele) => { ele.data('colour', edgeColour(ele.data('relation'))); });
  });
}

/** This page's nonce, which ELK's script needs too. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

/**
 * ELK, made ready once. Its code is most of the map's and only needed for a
 * layered layout, so it is a script of its own (from the extension, with the
 * page's nonce), loaded when first asked for: after the first map is drawn.
 */
let elkReady: Promise<ElkApi> | undefined;
let elkWarm = false;
function elk(): Promise<ElkApi> {
  elkReady ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = nonce;
    script.src = app.dataset.elk ?? '';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('the layout engine could not be loaded'));
    document.head.append(script);
  }).then(async () => {
    const Elk = (window as unknown as { ELK: new () => ElkApi }).ELK;
    const engine = new Elk();
    // One tiny layout: the first run of the algorithm is the slow one.
    await engine.layout({ id: 'warm', children: [{ id: 'a', width: 10, height: 10 }, { id: 'b', width: 10, height: 10 }],
      edges: [{ id: 'e', sources: ['a'], targets: ['b'] }], layoutOptions: { 'elk.algorithm': 'layered' } });
    elkWarm = true;
    return engine;
  });
  return elkReady;
}

/** Positions from ELK's layered layout: argument edges point up, so what is supported sits above its support; entities sit below the claims that name them. */
async function layered(nodes: MapNode[], edges: MapEdge[]): Promise<Map<string, { x: number; y: number }>> {
  const size = new Map(nodes.map((n) => [n.id, nodeElement(n).data as { w: number; h: number }]));
  const groups = view.groupByNote;
  const boxes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root', children: [], edges: [],
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'UP', 'elk.spacing.nodeNode': '28', 'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP', 'elk.padding': '[top=20,left=20,bottom=20,right=20]',
      // At most as many nodes to a row as the window has room for: a flat workspace becomes several rows, not one long strip.
      'elk.layered.layering.strategy': 'COFFMAN_GRAHAM',
      'elk.layered.layering.coffmanGraham.layerBound': String(Math.max(3, Math.floor((graph.clientWidth || 800) / 210))),
    },
  };
  for (const n of nodes) {
    if (n.type === 'note') {
      if (!groups) continue;
      const box: ElkNode = { id: n.id, children: [], layoutOptions: { 'elk.padding': '[top=34,left=16,bottom=16,right=16]' } };
      boxes.set(n.id, box);
      root.children!.push(box);
    }
  }
  for (const n of nodes) {
    if (n.type === 'note') continue;
    const s = size.get(n.id)!;
    const elkNode: ElkNode = { id: n.id, width: s.w, height: s.h };
    const box = groups && n.parent ? boxes.get(n.parent) : undefined;
    (box ? box.children! : root.children!).push(elkNode);
  }
  for (const e of edges) {
    // Entities are read as the ground the claims stand on: their edges point from the entity up to the claim.
    const light = e.relation === 'by' || e.relation === 'mentions';
    root.edges!.push({ id: e.id, sources: [light ? e.target : e.source], targets: [light ? e.source : e.target] });
  }
  const out = await (await elk()).layout(root);
  const positions = new Map<string, { x: number; y: number }>();
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      if (child.children?.length) walk(child, x, y);
      else positions.set(child.id, { x: x + (child.width ?? 0) / 2, y: y + (child.height ?? 0) / 2 });
    }
  };
  walk(out, 0, 0);
  return positions;
}

async function layout(): Promise<void> {
  const nodes = [...byId.values()];
  const edges = last?.edges ?? [];
  if (nodes.length > LARGE) {
    // Both the layered and the force layout take seconds past a few hundred nodes: a large map is drawn in
    // rings by distance from its focus (a neighbourhood's own shape), which takes milliseconds.
    ringsByDistance();
    app.dataset.layout = 'final';
    return;
  }
  if (view.layout === 'force') {
    app.dataset.layout = 'final';
    await cy.layout({ name: 'cose', animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, numIter: 1000 } as cytoscape.LayoutOptions).run();
    return;
  }
  const generation = ++layouts;
  if (!elkWarm) {
    // The page's first map, with ELK still starting: drawn at once in rows by distance from the focus, then
    // moved to ELK's layout when it is ready, unless the analyst has begun to move the map meanwhile.
    // The same rows the extension drew as the page's first picture.
    const rows = rowPositions(nodes.filter((n) => n.type !== 'note' && cy.getElementById(n.id).nonempty()).map((n) => ({ id: n.id, w: nodeBox(n).w })), edges, last?.focus ?? []);
    cy.batch(() => cy.nodes().forEach((n) => { const p = rows.get(n.id()); if (p) n.position(p); }));
    moved = false;
    app.dataset.layout = 'interim';
    // After the first paint is on screen: starting ELK takes the page's thread for a while.
    afterPaint(() => void layered(nodes, edges).then((positions) => {
      if (generation !== layouts || moved) { app.dataset.layout = 'final'; return; }
      cy.nodes().forEach((n) => { const p = positions.get(n.id()); if (p) n.animate({ position: p }, { duration: 250 }); });
      setTimeout(() => {
        if (generation === layouts && !moved) fitView(true);
        // Once the view has stopped moving: the in-editor tests wait for it.
        setTimeout(() => { app.dataset.layout = 'final'; }, 220);
      }, 260);
    }));
    return;
  }
  const positions = await layered(nodes, edges);
  cy.batch(() => {
    for (const [id, p] of positions) cy.getElementById(id).position(p);
  });
  app.dataset.layout = 'final';
}


/** A large map laid out again (the layout chosen anew): rings by distance from its focus. */
function ringsByDistance(): void {
  const positions = ringPositions(cy.nodes().map((n) => n.id()), last?.edges ?? [], last?.focus ?? []);
  cy.batch(() => {
    cy.nodes().forEach((n) => { const p = positions.get(n.id()); if (p) n.position(p); });
  });
}

/** Runs `then` once the current frame has been drawn and shown. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(then, 0)));
}

/** Counts fresh layouts, so a late one gives way to a newer one. */
let layouts = 0;
/** Whether the analyst has dragged, panned or zoomed since the last fresh layout. */
let moved = false;
/**
 * Who chose the view: the map ("opening": the view a map opens at; "whole":
 * the Fit button's), which a resize chooses again for the new size, or the
 * analyst, by panning, zooming or going to a node (undefined), whose zoom a
 * resize keeps.
 */
let fitted: 'opening' | 'whole' | undefined;

/** The whole map in view; when that would make labels too small to read, the focus at a readable size instead. */
function fitView(animate = false): void {
  const focused = cy.nodes('.focus');
  const focus = focused.nonempty() ? centreOf(focused.map((n) => n.position())) : undefined;
  const view = openingView(drawnBox(), focus, cy.width(), cy.height(), 30, zoomLimits());
  if (!view) return;
  fitted = 'opening';
  cy.stop();
  if (animate) cy.animate(view, { duration: 200 });
  else cy.viewport(view);
}

/** Every node in view, however small ("Fit", or the 0 key). */
function fitWhole(): void {
  fitted = 'whole';
  cy.stop();
  cy.fit(undefined, 30);
}

/** The size the map was last drawn at, while it was shown. */
let drawnSize = { w: 0, h: 0 };

/**
 * The panel was resized (the editor split, the sidebar widened, the window
 * made smaller): a view the map chose is chosen again for the new size; the
 * analyst's own keeps its zoom and what was in the middle, and the node
 * selected (or else the focus) stays in view.
 */
function resized(): void {
  cy.resize();
  const size = { w: cy.width(), h: cy.height() };
  if (size.w === 0 || size.h === 0) return; // hidden (the text view is shown): the size before is what counts
  const before = drawnSize;
  drawnSize = size;
  if (cy.nodes().empty() || (before.w === size.w && before.h === size.h)) return;
  if (fitted === 'opening') fitView();
  else if (fitted === 'whole') fitWhole();
  else if (before.w > 0 && before.h > 0) {
    const selected = cy.nodes(':selected');
    const keep = selected.nonempty() ? selected : cy.nodes('.focus');
    cy.viewport(resizedView({ zoom: cy.zoom(), pan: cy.pan() }, before, size, keep.nonempty() ? keep.boundingBox() : undefined, 30));
  }
  if (largeMap) labelInView();
}

/** What the map covers: on a large map, from its nodes alone (as fitNodes measures it). */
function drawnBox(): Extent {
  return largeMap ? extentOf(nodeBoxes()) : cy.elements().boundingBox();
}

/** Where the nodes are drawn, and their sizes (compound groups aside: they are the boxes around these). */
function nodeBoxes(): Box[] {
  const boxes: Box[] = [];
  cy.nodes().forEach((n) => { if (!n.isParent()) boxes.push({ ...n.position(), w: n.data('w') as number, h: n.data('h') as number }); });
  return boxes;
}

const zoomLimits = () => ({ min: cy.minZoom(), max: cy.maxZoom() });

/**
 * A large map, new: its rings are worked out from the graph's lists, the
 * view chosen from them (as fitView would choose it), and the nodes in view
 * drawn first, so the first paint waits only for what the analyst can see.
 * The rest is added once that is on screen.
 */
function drawLargeInView(result: ClaimMapResult, visible: MapNode[]): void {
  const positions = ringPositions(visible.map((n) => n.id), result.edges, result.focus);
  const nodes = visible.map((n) => ({ ...nodeElement(n), position: positions.get(n.id) ?? { x: 0, y: 0 } }));
  const boxes = nodes.map((e) => ({ ...e.position, w: e.data.w as number, h: e.data.h as number }));
  const focused = boxes.filter((_, i) => result.focus.includes(nodes[i].data.id!));
  const viewport = openingView(extentOf(boxes), focused.length ? centreOf(focused) : undefined, cy.width(), cy.height(), 30, zoomLimits())
    ?? { zoom: 1, pan: { x: 0, y: 0 } };
  // What the view shows, and a margin around it.
  const x1 = -viewport.pan.x / viewport.zoom; const y1 = -viewport.pan.y / viewport.zoom;
  const w = cy.width() / viewport.zoom; const hgt = cy.height() / viewport.zoom;
  const inView = (p: { x: number; y: number }) => p.x >= x1 - w / 4 && p.x <= x1 + w * 1.25 && p.y >= y1 - hgt / 4 && p.y <= y1 + hgt * 1.25;
  const first = new Set(nodes.filter((e) => inView(e.position)).map((e) => e.data.id!));
  const edges = result.edges.map(edgeElement);
  const firstEdge = (e: ElementDefinition) => first.has(e.data.source!) && first.has(e.data.target!);
  cy.batch(() => {
    cy.elements().remove();
    cy.add([...nodes.filter((e) => first.has(e.data.id!)), ...edges.filter(firstEdge)]);
    for (const id of result.focus) cy.getElementById(id).addClass('focus');
  });
  cy.viewport(viewport);
  fitted = 'opening';
  app.dataset.layout = 'final';
  const drawn = last;
  afterPaint(() => {
    if (last !== drawn) return; // a newer graph has replaced this one
    cy.batch(() => cy.add([...nodes.filter((e) => !first.has(e.data.id!)), ...edges.filter((e) => !firstEdge(e))]));
    labelInView();
    app.dataset.state = 'drawn';
  });
}


/** Draws a new graph: afresh (laid out and fitted), or merged into what is drawn so the analyst keeps zoom, position and layout. */
async function draw(result: ClaimMapResult, mode: 'new' | 'update'): Promise<void> {
  last = result;
  const previous = new Map(byId);
  byId.clear();
  for (const n of result.nodes) byId.set(n.id, n);
  const visible = result.nodes.filter((n) => n.type !== 'note' || view.groupByNote);
  const fresh = mode === 'new' || cy.nodes().length === 0;
  // Chosen before anything is added, so the drawing is styled once.
  if ((visible.length > LARGE) !== largeMap) {
    largeMap = !largeMap;
    cy.style(styles());
  }
  if (fresh && largeMap) {
    const t0 = Date.now();
    drawLargeInView(result, visible);
    app.dataset.layoutMs = String(Date.now() - t0);
    labelInView();
    describeMap(result, false);
    reportPaint();
    return;
  }
  const added: string[] = [];
  cy.batch(() => {
    if (fresh) {
      cy.elements().remove();
      cy.add([...visible.map(nodeElement), ...result.edges.map(edgeElement)]);
      return;
    }
    const keep = new Set([...visible.map((n) => n.id), ...result.edges.map((e) => e.id)]);
    cy.elements().filter((ele) => !keep.has(ele.id())).remove();
    for (const n of visible) {
      const existing = cy.getElementById(n.id);
      if (existing.nonempty()) existing.data(nodeElement(n).data);
      else { cy.add(nodeElement(n)); added.push(n.id); }
    }
    for (const e of result.edges) if (cy.getElementById(e.id).empty()) cy.add(edgeElement(e));
  });
  cy.nodes().removeClass('focus');
  for (const id of result.focus) cy.getElementById(id).addClass('focus');
  if (fresh) {
    const t0 = Date.now();
    await layout();
    app.dataset.layoutMs = String(Date.now() - t0);
    fitView();
  } else {
    placeNear(added, previous);
  }
  labelInView();
  describeMap(result);
  reportPaint();
}

/** Below this zoom a large map's labels would be too small to read: none are set. */
const LABEL_ZOOM = 0.45;
let labelTimer: ReturnType<typeof setTimeout> | undefined;

/** On a large map, labels for the nodes in view (and a margin around it), so a pan or zoom shows them as it settles. */
function labelInView(): void {
  clearTimeout(labelTimer);
  labelTimer = undefined;
  if (!largeMap) return;
  const zoom = cy.zoom();
  const e = cy.extent();
  const mx = e.w * 0.25;
  const my = e.h * 0.25;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const p = n.position();
      const show = zoom >= LABEL_ZOOM && p.x >= e.x1 - mx && p.x <= e.x2 + mx && p.y >= e.y1 - my && p.y <= e.y2 + my;
      if (show !== n.hasClass('labelled')) n.toggleClass('labelled', show);
    });
  });
}

/** New nodes of an edit or an expansion go round a neighbour already drawn, so nothing else moves. */
function placeNear(added: string[], previous: Map<string, MapNode>): void {
  const counts = new Map<string, number>();
  for (const id of added) {
    const node = cy.getElementById(id);
    const anchor = node.neighborhood('node').filter((n) => !added.includes(n.id()) && previous.has(n.id())).first() as NodeSingular;
    const centre = anchor.nonempty() ? anchor.position() : { x: (-cy.pan().x + graph.clientWidth / 2) / cy.zoom(), y: (-cy.pan().y + graph.clientHeight / 2) / cy.zoom() };
    const k = counts.get(anchor.id()) ?? 0;
    counts.set(anchor.id(), k + 1);
    const angle = (k * 2 * Math.PI) / 8 + Math.PI / 8;
    const radius = 150 + 60 * Math.floor(k / 8);
    node.position({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
  }
}

function reportPaint(): void {
  if (paintClock === undefined) return;
  const startedAt = paintClock;
  paintClock = undefined;
  // Two frames: the first is when the canvas is drawn, the second when it is on screen.
  const withPicture = firstPicture?.isConnected === true;
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const ms = Date.now() - startedAt;
    firstPicture?.remove();
    const nodes = cy.nodes().length;
    const edges = cy.edges().length;
    // The first picture's figure goes with the map's, once the browser has said when it was shown.
    void (withPicture ? pictureShown : Promise.resolve(undefined)).then((shownAt) => {
      const picture = shownAt === undefined ? undefined : Math.round(shownAt - startedAt);
      if (picture !== undefined) app.dataset.pictureMs = String(picture);
      app.dataset.paintMs = String(ms);
      send({ type: 'painted', ms, nodes, edges, ...(picture !== undefined ? { picture } : {}) });
    });
  }));
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The summary, banner, key and filters of a graph; `complete` says whether all of it is drawn yet. */
function describeMap(result: ClaimMapResult, complete = true): void {
  const claims = result.nodes.filter((n) => n.type === 'claim').length;
  const entities = result.nodes.filter((n) => n.type === 'entity').length;
  const centre = result.focus.length === 1 ? byId.get(result.focus[0]) : undefined;
  const where = result.scope === 'workspace' ? 'Whole workspace'
    : centre ? `Around “${shorten(centre.label, 48)}”, ${count(view.hops, 'hop')}`
      : `Around ${count(result.focus.length, 'claim')}, ${count(view.hops, 'hop')}`;
  document.getElementById('summary')!.textContent =
    `${where} · ${count(claims, 'claim')} · ${count(entities, 'entity', 'entities')} · ${count(result.edges.length, 'link')}${result.message ? ` · ${result.message}` : ''}`;
  if (result.shown < result.total) {
    banner.textContent = `Showing ${result.shown.toLocaleString('en')} of ${result.total.toLocaleString('en')}: narrow the filter to see the rest.`;
    banner.hidden = false;
  } else banner.hidden = true;
  const nothing = result.nodes.length === 0;
  empty.hidden = !nothing;
  graph.hidden = nothing || view.textView;
  if (nothing) {
    const filtered = Object.values(view.filter).some((v) => Array.isArray(v) && v.length > 0);
    empty.replaceChildren(
      h('p', { text: filtered ? 'No claim passes the filter.' : 'No claims to draw yet. A claim is a list item in a Markdown note that starts with #claim; its supports::, contradicts:: and by:: fields draw the links.' }),
      ...(filtered ? [h('button', { 'data-action': 'clear-filter', text: 'Clear the filter' })] : []),
    );
  }
  if (complete) app.dataset.state = 'drawn';
  legend(result);
  renderFilters(result);
  if (view.textView) renderTextView();
}

function legend(result: ClaimMapResult): void {
  const el = document.getElementById('legend')!;
  const used = new Set(result.nodes.map((n) => n.status).filter(Boolean));
  el.replaceChildren(...result.statuses.filter((s) => used.has(s.id.toLowerCase())).map((s) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.borderColor = themeColor(statusColorName(s.rating, result.rating), palette.muted);
    return h('span', { class: 'key' }, swatch, s.label ?? s.id);
  }));
}

// ---- the key ------------------------------------------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A small picture of a node shape or a line style, in the map's colours. */
function sample(kind: 'shape' | 'line', what: string, colour: string): SVGElement {
  const box = svg('svg', { width: 34, height: 16, viewBox: '0 0 34 16', 'aria-hidden': 'true' });
  if (kind === 'line') {
    const dash = what === 'refines' || what === 'same-as' || what === 'by' ? '4 3' : what === 'mentions' ? '1 3' : '';
    box.append(svg('line', { x1: 2, y1: 8, x2: 28, y2: 8, stroke: colour, 'stroke-width': 2, ...(dash ? { 'stroke-dasharray': dash } : {}) }));
    if (what === 'supports' || what === 'by') box.append(svg('path', { d: 'M26 4 L32 8 L26 12 Z', fill: colour }));
    if (what === 'refines') box.append(svg('path', { d: 'M26 4 L32 8 L26 12', fill: 'none', stroke: colour, 'stroke-width': 2 }));
    if (what === 'contradicts') box.append(svg('line', { x1: 30, y1: 3, x2: 30, y2: 13, stroke: colour, 'stroke-width': 2 }));
    if (what === 'same-as') box.append(svg('circle', { cx: 30, cy: 8, r: 3, fill: colour }));
    return box;
  }
  const stroke = { fill: 'none', stroke: colour, 'stroke-width': 1.6 };
  const shapes: Record<string, SVGElement> = {
    fact: svg('rect', { x: 3, y: 2, width: 28, height: 12, rx: 3, ...stroke }),
    statistic: svg('path', { d: 'M6 2 H28 L31 5 V11 L28 14 H6 L3 11 V5 Z', ...stroke }),
    prediction: svg('path', { d: 'M8 2 H26 L31 8 L26 14 H8 L3 8 Z', ...stroke }),
    opinion: svg('path', { d: 'M7 2 H27 L31 6 V10 L27 14 H7 L3 10 V6 Z', ...stroke }),
    quote: svg('path', { d: 'M3 4 Q17 0 31 4 V12 Q17 16 3 12 Z', ...stroke }),
    entity: svg('ellipse', { cx: 17, cy: 8, rx: 14, ry: 6, ...stroke }),
  };
  box.append(shapes[what] ?? shapes.fact);
  return box;
}

function renderKey(): void {
  const row = (picture: SVGElement, text: string) => h('div', { class: 'key-row' }, picture as unknown as Node, text);
  keyBody.replaceChildren(
    h('strong', { text: 'Shapes' }),
    row(sample('shape', 'fact', palette.fg), 'claim (a fact, or no kind)'),
    ...['statistic', 'prediction', 'opinion', 'quote'].map((k) => row(sample('shape', k, palette.fg), `claim: ${k}`)),
    row(sample('shape', 'entity', palette.fg), 'entity (a person, an organisation…)'),
    h('strong', { text: 'Lines' }),
    ...MAP_RELATIONS.map((r) => row(sample('line', r, edgeColour(r)), RELATION_WORDS[r])),
    h('strong', { text: 'Colours' }),
    h('div', { class: 'muted', text: "A claim's outline is its status's colour, as in the Claims panel; a thick outline marks the map's focus." }),
  );
}

// ---- the text alternative -------------------------------------------------------

function nodeText(n: MapNode): string {
  if (n.type === 'claim') return `Claim${n.claimId ? ` ^${n.claimId}` : ''} (${n.status ?? 'no status'}${n.kind ? `, ${n.kind}` : ''}): ${n.label}`;
  if (n.type === 'entity') return `Entity${n.entityType ? ` (${n.entityType})` : ''}: ${n.label}`;
  return `Note: ${n.label}`;
}

function renderTextView(): void {
  if (!last) return;
  const nodes = last.nodes.filter((n) => n.type !== 'note' || view.groupByNote);
  const label = (id: string) => shorten(byId.get(id)?.label ?? id, 60);
  textView.replaceChildren(
    h('h2', { text: `Nodes (${nodes.length})` }),
    h('ul', { class: 'nodes' }, ...nodes.map((n) => h('li', {}, h('button', { 'data-node': n.id, text: nodeText(n) })))),
    h('h2', { text: `Links (${last.edges.length})` }),
    h('ul', { class: 'edges' }, ...last.edges.map((e) => h('li', { text: `“${label(e.source)}” ${RELATION_WORDS[e.relation]} “${label(e.target)}”` }))),
  );
}

function setTextView(on: boolean): void {
  view = { ...view, textView: on };
  textToggle.setAttribute('aria-pressed', String(on));
  textView.hidden = !on;
  graph.hidden = on || (last?.nodes.length ?? 0) === 0;
  if (on) renderTextView();
  else cy.resize();
  saveState();
}

// ---- the card ---------------------------------------------------------------------

function showCard(node: NodeSingular): void {
  const n = byId.get(node.id());
  if (!n) return;
  const rows: HTMLElement[] = [];
  if (n.type === 'claim') {
    const pill = h('span', { class: 'pill', text: n.status ?? 'no status' });
    pill.style.borderColor = statusColour(n);
    rows.push(h('div', { class: 'card-head' }, pill, ...(n.kind ? [h('span', { class: 'muted', text: n.kind })] : []),
      ...(n.claimId ? [h('code', { text: `^${n.claimId}` })] : [])));
    rows.push(h('p', { text: n.label }));
    const note = n.parent ? byId.get(n.parent)?.label ?? n.parent.replace(/^note:.*\//, '') : undefined;
    if (note) rows.push(h('div', { class: 'muted', text: `in ${note}` }));
    rows.push(h('div', { class: 'hint', text: 'Click: open in the note · double-click: expand · F: centre here' }));
  } else {
    rows.push(h('div', { class: 'card-head' }, h('strong', { text: n.label }), ...(n.entityType ? [h('span', { class: 'muted', text: n.entityType })] : [])));
    const claims = node.neighborhood('node[type = "claim"]').length;
    rows.push(h('div', { class: 'muted', text: `${count(claims, 'claim')} on the map` }));
    rows.push(h('div', { class: 'hint', text: n.type === 'entity' ? 'Click: open its definition · double-click: expand' : 'Click: open the note' }));
  }
  card.replaceChildren(...rows);
  const p = node.renderedPosition();
  const box = graph.getBoundingClientRect();
  card.style.left = `${Math.min(Math.max(8, p.x + 20), box.width - 300)}px`;
  card.style.top = `${Math.min(Math.max(8, p.y + 20), box.height - 120) + box.top}px`;
  card.hidden = false;
}
const hideCard = () => { card.hidden = true; };

// ---- asking for the graph ------------------------------------------------------------

function params(): ClaimMapParams {
  return firstParams(view, focus, expand);
}

function query(mode: 'new' | 'update'): void {
  nextMode = mode;
  seq += 1;
  askedAt = Date.now();
  send({ type: 'query', seq, params: params() });
}

function saveState(): void {
  send({ type: 'state', state: view });
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  switch (m.type) {
    case 'show':
      view = { ...DEFAULT_VIEW_STATE, ...m.state };
      focus = m.focus;
      expand = [];
      paintClock = m.startedAt;
      // On the page's first "show", how long the page took to load.
      if (!app.dataset.pageMs) app.dataset.pageMs = String(scriptStart - m.startedAt);
      syncControls();
      if (m.result) {
        // Asked for while the page loaded: drawn at once.
        seq += 1;
        nextMode = 'new';
        app.dataset.answerMs = '0';
        void draw(m.result, 'new');
      } else query('new');
      return;
    case 'graph':
      if (m.seq !== seq) return; // an answer to a question since replaced
      app.dataset.answerMs = String(Date.now() - askedAt);
      void draw(m.result, nextMode);
      return;
    case 'refresh':
      query('update');
      return;
    case 'error':
      if (m.seq !== undefined && m.seq !== seq) return;
      firstPicture?.remove();
      document.getElementById('summary')!.textContent = `The map could not be drawn: ${m.message}`;
      app.dataset.state = 'error';
      return;
  }
});

// ---- controls -------------------------------------------------------------------------

function syncControls(): void {
  hops.value = String(Math.min(4, Math.max(1, view.hops)));
  layoutSelect.value = view.layout;
  textToggle.setAttribute('aria-pressed', String(view.textView));
  textView.hidden = !view.textView;
}

function setView(change: Partial<MapViewState>, mode: 'new' | 'update' = 'new'): void {
  view = { ...view, ...change };
  saveState();
  query(mode);
}

function checkboxes(name: keyof MapFilter, title: string, values: { id: string; label: string; colour?: string }[]): HTMLElement {
  const chosen = new Set((view.filter[name] as string[] | undefined) ?? []);
  const all = chosen.size === 0;
  const boxes = values.map((v) => {
    const box = h('input', { type: 'checkbox', 'data-filter': name, value: v.id });
    box.checked = all || chosen.has(v.id);
    const label = h('label', {}, box, ...(v.colour ? [h('span', { class: 'swatch' })] : []), v.label);
    if (v.colour) (label.querySelector('.swatch') as HTMLElement).style.borderColor = v.colour;
    return label;
  });
  return h('fieldset', {}, h('legend', { text: title }), ...boxes);
}

function renderFilters(result: ClaimMapResult): void {
  if (filtersMenu.open && filtersBody.contains(document.activeElement)) return; // not under the analyst's hands
  const f = view.filter;
  const entity = h('input', { type: 'text', 'data-filter-text': 'entity', placeholder: 'names, comma-separated', 'aria-label': 'Entities' });
  entity.value = (f.entity ?? []).join(', ');
  const note = h('input', { type: 'text', 'data-filter-text': 'note', placeholder: 'e.g. notes/**', 'aria-label': 'Note paths' });
  note.value = (f.note ?? []).join(', ');
  const group = h('input', { type: 'checkbox', id: 'group-notes' });
  group.checked = view.groupByNote;
  filtersBody.replaceChildren(
    checkboxes('status', 'Status', result.statuses.map((s) => ({ id: s.id.toLowerCase(), label: s.label ?? s.id, colour: themeColor(statusColorName(s.rating, result.rating), palette.muted) }))),
    checkboxes('relation', 'Links', MAP_RELATIONS.map((r) => ({ id: r, label: RELATION_WORDS[r] }))),
    ...(result.kinds.length ? [checkboxes('kind', 'Kind', result.kinds.map((k) => ({ id: k, label: k })))] : []),
    h('label', { class: 'field' }, 'Entity ', entity),
    h('label', { class: 'field' }, 'Note ', note),
    h('label', {}, group, 'Group claims by note'),
    h('button', { 'data-action': 'clear-filter', text: 'Clear the filter' }),
  );
}

/** The ticked values of a group of boxes; undefined when all are ticked (no restriction). Unticking the last box ticks them all again: a filter that shows nothing is never what was meant. */
function readCheckboxes(name: keyof MapFilter): string[] | undefined {
  const boxes = [...filtersBody.querySelectorAll<HTMLInputElement>(`input[data-filter="${name}"]`)];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  if (on.length === 0) boxes.forEach((b) => { b.checked = true; });
  return on.length === 0 || on.length === boxes.length ? undefined : on;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function readFilter(): MapFilter {
  const out: MapFilter = {};
  const status = readCheckboxes('status');
  const kind = readCheckboxes('kind');
  const relation = readCheckboxes('relation') as MapRelation[] | undefined;
  if (status) out.status = status;
  if (kind) out.kind = kind;
  if (relation) out.relation = relation;
  for (const name of ['entity', 'note'] as const) {
    const input = filtersBody.querySelector<HTMLInputElement>(`input[data-filter-text="${name}"]`);
    const values = input ? list(input.value) : [];
    if (values.length) out[name] = values;
  }
  return out;
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;
filtersBody.addEventListener('change', (e) => {
  const target = e.target as HTMLElement;
  if (target.id === 'group-notes') { setView({ groupByNote: (target as HTMLInputElement).checked }); return; }
  if (target.dataset.filterText) return; // text fields apply as typed, below
  setView({ filter: readFilter() });
});
filtersBody.addEventListener('input', (e) => {
  if (!(e.target as HTMLElement).dataset.filterText) return;
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => setView({ filter: readFilter() }), 350);
});

document.addEventListener('click', (e) => {
  const target = (e.target as HTMLElement).closest('button');
  if (!target) return;
  if (target.dataset.action === 'clear-filter') { setView({ filter: {} }); return; }
  if (target.dataset.node) { send({ type: 'reveal', node: target.dataset.node }); return; }
  const format = target.dataset.export;
  if (format) {
    exportMenu.open = false;
    if (format === 'png' || format === 'svg') picture(format);
    else if (format === 'graphml' || format === 'mermaid') send({ type: 'exportGraph', format, filter: view.filter });
  }
});

// One menu open at a time; a click elsewhere or Escape closes it.
const menus = [filtersMenu, keyMenu, exportMenu];
for (const menu of menus) menu.addEventListener('toggle', () => { if (menu.open) menus.filter((m) => m !== menu).forEach((m) => { m.open = false; }); });
document.addEventListener('pointerdown', (e) => {
  if (!(e.target as HTMLElement).closest('details.menu')) menus.forEach((m) => { m.open = false; });
});
document.addEventListener('keydown', (e) => {
  const open = menus.find((m) => m.open);
  if (e.key === 'Escape' && open) { open.open = false; open.querySelector('summary')?.focus(); }
});

/**
 * A picture of the view: what the map shows, or with the text view on (the
 * drawing hidden), the whole drawing, briefly shown again to be drawn.
 */
function picture(format: 'png' | 'svg'): void {
  const hidden = graph.hidden;
  if (hidden) { graph.hidden = false; cy.resize(); }
  try {
    const full = hidden;
    const data = format === 'png'
      ? cy.png({ output: 'base64uri', bg: palette.bg, full, scale: 2 })
      : (cy as unknown as { svg(o: object): string }).svg({ full, bg: palette.bg });
    send({ type: 'saveImage', format, data });
  } finally {
    if (hidden) graph.hidden = true;
  }
}

hops.addEventListener('change', () => setView({ hops: Number(hops.value) }));
layoutSelect.addEventListener('change', () => {
  view = { ...view, layout: layoutSelect.value === 'force' ? 'force' : 'layered' };
  saveState();
  void layout().then(() => fitView());
});
fitButton.addEventListener('click', fitWhole);
wholeButton.addEventListener('click', () => { focus = undefined; expand = []; query('new'); });
textToggle.addEventListener('click', () => setTextView(!view.textView));

search.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  const words = search.value.trim().toLowerCase();
  if (!words) return;
  const matches = cy.nodes().filter((n) => {
    const m = byId.get(n.id());
    return !!m && (m.label.toLowerCase().includes(words) || (m.claimId ?? '').toLowerCase() === words.replace(/^\^/, ''));
  });
  if (matches.empty()) {
    document.getElementById('summary')!.textContent = `Nothing on the map matches “${search.value.trim()}”. The filter or the hops may hide it.`;
    return;
  }
  // Enter again goes to the next match.
  const selected = cy.nodes(':selected').first();
  const i = selected.nonempty() ? matches.toArray().findIndex((m) => m.id() === selected.id()) : -1;
  select(matches[(i + 1) % matches.length] as NodeSingular);
});

// ---- the graph's own interaction ----------------------------------------------------------

function select(node: NodeSingular): void {
  cy.nodes().unselect();
  node.select();
  fitted = undefined;
  // The card once the map has moved: moving hides it.
  cy.animate({ center: { eles: node } }, { duration: 150, complete: () => showCard(node) });
  graph.setAttribute('aria-activedescendant', '');
  document.getElementById('summary')!.textContent = nodeText(byId.get(node.id())!);
}

cy.on('tap', 'node', (e) => {
  const id = (e.target as NodeSingular).id();
  if (byId.get(id)?.uri) send({ type: 'reveal', node: id });
});
cy.on('dbltap', 'node', (e) => {
  const id = (e.target as NodeSingular).id();
  if (!expand.includes(id)) expand = [...expand, id];
  query('update');
});
cy.on('mouseover', 'node', (e) => showCard(e.target as NodeSingular));
cy.on('mouseout', 'node', hideCard);
cy.on('pan zoom', hideCard);
cy.on('viewport', () => { if (largeMap && labelTimer === undefined) labelTimer = setTimeout(labelInView, 120); });
cy.on('grab dragpan scrollzoom pinchzoom', () => { moved = true; });
cy.on('dragpan scrollzoom pinchzoom', () => { fitted = undefined; });

/** Nodes in reading order: top to bottom, left to right. */
function readingOrder(): NodeSingular[] {
  return (cy.nodes('[type != "note"]').toArray() as NodeSingular[]).sort((a, b) => a.position('y') - b.position('y') || a.position('x') - b.position('x'));
}

graph.addEventListener('keydown', (e) => {
  const order = readingOrder();
  if (order.length === 0) return;
  const current = cy.nodes(':selected').first() as NodeSingular;
  const i = current.nonempty() ? order.findIndex((n) => n.id() === current.id()) : -1;
  const zoomBy = (f: number) => {
    fitted = undefined;
    cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: graph.clientWidth / 2, y: graph.clientHeight / 2 } });
  };
  switch (e.key) {
    case 'ArrowRight': case 'ArrowDown': select(order[(i + 1) % order.length]); break;
    case 'ArrowLeft': case 'ArrowUp': select(order[(i - 1 + order.length) % order.length]); break;
    case 'Home': select(order[0]); break;
    case 'End': select(order[order.length - 1]); break;
    case 'Enter': if (current.nonempty()) send({ type: 'reveal', node: current.id() }); break;
    case 'e': case 'E': if (current.nonempty() && !expand.includes(current.id())) { expand = [...expand, current.id()]; query('update'); } break;
    case 'f': case 'F': if (current.nonempty()) { focus = { node: current.id() }; expand = []; query('new'); } break;
    case '+': case '=': zoomBy(1.25); break;
    case '-': zoomBy(0.8); break;
    case '0': fitWhole(); break;
    case 't': case 'T': setTextView(!view.textView); break;
    case 'Escape': cy.nodes().unselect(); hideCard(); break;
    default: return;
  }
  e.preventDefault();
});

// ---- the theme ------------------------------------------------------------------------------

// VS Code sets the theme's kind as a class on <body> and its colours as CSS variables: redraw with them when it changes.
new MutationObserver(() => {
  palette = readPalette();
  themeColours = new Map();
  recolour();
  cy.style(styles());
  renderKey();
  if (last) legend(last);
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
new ResizeObserver(resized).observe(graph);

renderKey();
send({ type: 'ready', page: { width: Math.round(window.innerWidth), height: Math.round(window.innerHeight) } });
