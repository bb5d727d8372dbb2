// The claim map's questions (SPEC §5), over the adjacency index of
// claimGraph.ts: the neighbourhood of a focus (a claim, an entity, a note's
// claims) n hops out in both directions, plus one hop around each node the
// analyst expanded; the whole workspace when it is small; always through a
// filter (status, entity, note, kind: which claims are nodes; relation: which
// edges are drawn — an entity is drawn when a drawn edge from a shown claim
// reaches it). A large scope is cut at the limit nearest first, saying how
// much there was. The exports (GraphML, Mermaid) take the whole filtered graph.
import { type Position } from '../base/position';
import { grownTo } from '../base/typedArrays';
import { type ClaimFilter, claimFilter, type CompiledFilter, ExportError } from '../export/filter';
import { type NoteModel } from '../notes/model';
import { passingText } from '../notes/parser';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type ClaimGraph, type GraphEdge, type GraphNode, NONE } from './claimGraph';
import {
  type ClaimMapParams, type ClaimMapResult, MAP_DEFAULT_HOPS, MAP_DEFAULT_LIMIT, MAP_MAX_HOPS, MAP_MAX_LIMIT,
  MAP_RELATIONS, MAP_WHOLE_WORKSPACE_MAX, type MapEdge, type MapFocus, type MapNode, type MapRelation,
} from './claimMapTypes';
import { locate } from './locate';
import { stanceOf } from './stances';

const NO_ENTITIES: ReadonlyArray<{ id: string }> = [];

const SAME_AS = MAP_RELATIONS.indexOf('same-as');

/** What a filter keeps: the claims that pass it (each asked once), every entity a kept edge reaches, the relations it draws. */
class View {
  private readonly claims = new Map<GraphNode, boolean>();
  private readonly notes = new Map<NoteModel, boolean>();
  /** Whether each relation (by its code) is drawn. */
  private readonly drawn: boolean[];
  /** No filter on claims: every claim is kept. */
  readonly all: boolean;

  constructor(private readonly index: WorkspaceIndex, readonly graph: ClaimGraph, private readonly filter: CompiledFilter, spec: ClaimFilter) {
    this.all = !spec.status?.length && !spec.entity?.length && !spec.note?.length && !spec.kind?.length && !spec.text?.trim();
    this.drawn = MAP_RELATIONS.map((r) => !filter.relations || filter.relations.has(r));
  }

  /** Whether the edge's relation is drawn. */
  draws(e: GraphEdge): boolean {
    return this.drawn[this.graph.codeOf(e)]!;
  }

  drawsEvery(): boolean {
    return this.drawn.every((d) => d);
  }

  keeps(node: GraphNode): boolean {
    if (this.all || this.graph.isEntity(node)) return true;
    let kept = this.claims.get(node);
    if (kept === undefined) {
      const note = this.graph.noteOf(node)!.model;
      let inNote = this.notes.get(note);
      if (inNote === undefined) this.notes.set(note, inNote = this.filter.note(note));
      const c = this.graph.claimOf(node);
      kept = inNote && this.filter.claim({
        status: this.index.statusOf(c), get text() { return passingText(c); }, kind: c.kind,
        entities: this.filter.byEntity ? entitiesOf(this.graph, node) : NO_ENTITIES, ...(c.id !== undefined ? { localId: c.id } : {}),
      });
      this.claims.set(node, kept);
    }
    return kept;
  }

  /** How many nodes one drawn edge away, either way, the filter keeps. */
  degree(node: GraphNode): number {
    const g = this.graph;
    let n = 0;
    for (let e = g.outFrom(node); e < g.outTo(node); e++) if (this.draws(e) && this.keeps(g.targetOf(e))) n++;
    for (let e = g.firstIn(node); e !== NONE; e = g.nextIn(e)) if (this.draws(e) && this.keeps(g.sourceOf(e))) n++;
    return n;
  }
}

/** The entities a claim mentions or is said by: what the entity filter matches. */
function entitiesOf(g: ClaimGraph, node: GraphNode): Array<{ id: string }> {
  const out: Array<{ id: string }> = [];
  for (let e = g.outFrom(node); e < g.outTo(node); e++) if (g.isEntity(g.targetOf(e))) out.push(g.entityOf(g.targetOf(e)));
  return out;
}

/** `same-as` is symmetric: written on both claims it is one edge, kept from the claim whose id sorts first. */
function secondOfPair(g: ClaimGraph, e: GraphEdge): boolean {
  if (g.codeOf(e) !== SAME_AS) return false;
  const s = g.sourceOf(e), t = g.targetOf(e);
  if (g.idOf(s) <= g.idOf(t)) return false;
  for (let b = g.outFrom(t); b < g.outTo(t); b++) if (g.codeOf(b) === SAME_AS && g.targetOf(b) === s) return true;
  return false;
}

function wholeInt(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

/** The map around the focus (or of the whole workspace when it is small), filtered and cut at the limit. */
export function claimMap(index: WorkspaceIndex, graph: ClaimGraph, params: ClaimMapParams): ClaimMapResult {
  const context = { statuses: index.config.statuses, rating: index.config.rating, kinds: graph.kinds() };
  const spec = params.filter ?? {};
  let view: View;
  try {
    view = new View(index, graph, claimFilter(index, spec), spec);
  } catch (e) {
    // A filter naming an unknown status or entity shows nothing and says why (an edit may have removed it).
    if (!(e instanceof ExportError)) throw e;
    return { ...context, nodes: [], edges: [], focus: [], scope: 'workspace', total: 0, shown: 0, message: e.message };
  }
  const hops = wholeInt(params.hops, 0, MAP_MAX_HOPS, MAP_DEFAULT_HOPS);
  const limit = wholeInt(params.limit, 1, MAP_MAX_LIMIT, MAP_DEFAULT_LIMIT);
  const groupByNote = params.groupByNote === true;
  const expand = new Set<GraphNode>();
  for (const id of params.expand ?? []) for (const n of nodesNamed(graph, id)) if (view.keeps(n)) expand.add(n);
  const messages: string[] = [];
  let seeds: GraphNode[] = [];
  if (params.focus) {
    const found = focusNodes(index, graph, view, params.focus);
    if ('message' in found) messages.push(found.message); else seeds = found.nodes;
  }
  if (seeds.length === 0) {
    if (workspaceSize(graph, view, MAP_WHOLE_WORKSPACE_MAX) <= MAP_WHOLE_WORKSPACE_MAX) {
      const result = cut(index, view, wholeGraph(graph, view), limit, groupByNote);
      if (result.total === 0) messages.push(isEmptyFilter(spec) ? 'This workspace has no claims yet.' : 'No claim passes the filter.');
      return { ...context, ...result, focus: [], scope: 'workspace', ...said(messages) };
    }
    const hub = mostConnected(graph, view)!;
    seeds = [hub];
    messages.push(`The workspace has more than ${MAP_WHOLE_WORKSPACE_MAX} nodes and edges: showing the neighbourhood of its most connected claim, "${label(graph, hub)}".`);
  }
  const result = cut(index, view, neighbourhood(graph, view, seeds, hops, expand), limit, groupByNote);
  return { ...context, ...result, focus: seeds.map((n) => graph.idOf(n)), scope: 'neighbourhood', ...said(messages) };
}

function said(messages: string[]): { message?: string } {
  return messages.length ? { message: messages.join(' ') } : {};
}

function isEmptyFilter(f: ClaimFilter): boolean {
  return !f.status?.length && !f.entity?.length && !f.note?.length && !f.kind?.length && !f.relation?.length && !f.text?.trim();
}

/** Every node and edge the filter keeps, for the exports. Throws ExportError when the filter names what does not exist. */
export function filteredGraph(index: WorkspaceIndex, graph: ClaimGraph, filter: ClaimFilter): { nodes: MapNode[]; edges: MapEdge[] } {
  const view = new View(index, graph, claimFilter(index, filter), filter);
  const { nodes, edges } = cut(index, view, wholeGraph(graph, view), Infinity, false);
  return { nodes, edges };
}

// ---- the focus -----------------------------------------------------------------

/** The nodes a map id names: a claim or an entity, or a note's claims (a note group on the map). */
function nodesNamed(graph: ClaimGraph, id: string): GraphNode[] {
  if (id.startsWith('note:')) return graph.claimsOf(id.slice('note:'.length));
  const node = graph.node(id);
  return node !== undefined ? [node] : [];
}

/** The nodes a focus names, or why none. */
function focusNodes(index: WorkspaceIndex, graph: ClaimGraph, view: View, focus: MapFocus): { nodes: GraphNode[] } | { message: string } {
  let found: GraphNode[];
  if ('node' in focus) {
    found = nodesNamed(graph, focus.node);
    if (found.length === 0) return { message: 'That node is no longer in the workspace.' };
  } else {
    const at = nodesAt(index, graph, focus.uri, focus.position);
    if ('message' in at) return at;
    found = at.nodes;
  }
  const kept = found.filter((n) => view.keeps(n));
  if (kept.length === 0) return { message: found.length === 1 ? `The filter hides "${label(graph, found[0]!)}".` : 'The filter hides every claim of this note.' };
  return { nodes: kept };
}

/**
 * What the cursor is on: an entity mention or definition, else the claim whose
 * lines hold it (its first line or a field), else — anywhere else in a note —
 * the note's entity (an entity note) or its claims.
 */
function nodesAt(index: WorkspaceIndex, graph: ClaimGraph, uri: string, pos: Position): { nodes: GraphNode[] } | { message: string } {
  const note = index.notes.get(uri);
  if (!note && !index.registries.has(uri)) return { message: 'The map opens on a note or an entity registry of this workspace.' };
  const t = locate(index, uri, pos);
  const claimAt = (n: NoteModel, i: number) => graph.claimNode(n, n.claims[i]!);
  let node: GraphNode | undefined;
  switch (t?.kind) {
    case 'entity':
      node = graph.entityNode(t.entity);
      break;
    case 'link': {
      const entities = index.resolveLink(t.link);
      node = entities.length === 1 ? graph.entityNode(entities[0]!) : t.link.claim >= 0 ? claimAt(t.note, t.link.claim) : undefined;
      break;
    }
    case 'ref': {
      // A reference on a claim's own lines is part of that claim; one in prose stands for the claim it names.
      const target = t.ref.claim >= 0 ? { note: t.note, claim: t.note.claims[t.ref.claim]! } : index.resolveRef(t.note, t.ref);
      node = target ? graph.claimNode(target.note, target.claim) : undefined;
      break;
    }
    case 'claim': case 'field':
      node = graph.claimNode(t.note, t.claim);
      break;
  }
  if (node !== undefined) return { nodes: [node] };
  if (!note) return { message: 'No entity at the cursor.' };
  const entity = note.entity ? graph.entityNode(note.entity) : undefined;
  if (entity !== undefined) return { nodes: [entity] };
  const claims = graph.claimsOf(uri);
  return claims.length ? { nodes: claims } : { message: 'No claim or entity at the cursor, and this note has no claims.' };
}

// ---- scopes ----------------------------------------------------------------------

/**
 * Room kept from one map to the next (a map is made in one go): a scope's
 * nodes' distances from the focus, its edges and where each is filed. A hub's
 * scope at 10k notes has tens of thousands of each, and growing new lists for
 * them took a third of its map and left them to the collector.
 */
const scratch = { dist: new Int32Array(1024), found: new Int32Array(1024), under: new Int32Array(1024) };

/**
 * Breadth first from the seeds, both ways along drawn edges, `hops` out; an
 * expanded node is always looked one hop past. Each node once, nearest first,
 * so cycles end where they close.
 */
function neighbourhood(graph: ClaimGraph, view: View, seeds: GraphNode[], hops: number, expand: Set<GraphNode>): Scope {
  const seen = graph.newWalk();
  const order: GraphNode[] = [];
  // Each node's distance, by its place in `order`, in the scratch space kept between maps (see scratch).
  let dist = scratch.dist;
  const add = (n: GraphNode, d: number) => {
    if (graph.seen(n, seen)) return;
    if (order.length === dist.length) scratch.dist = dist = grownTo(dist, order.length + 1);
    dist[order.length] = d;
    graph.visit(n, seen, order.length);
    order.push(n);
  };
  // Loops rather than callbacks: a neighbourhood at 10k notes can pass through tens of thousands of edges.
  const walk = (from: number) => {
    for (let i = from; i < order.length; i++) {
      const n = order[i]!;
      const d = dist[i]!;
      if (d >= hops && !expand.has(n)) continue;
      for (let e = graph.outFrom(n), end = graph.outTo(n); e < end; e++) {
        const t = graph.targetOf(e);
        if (!graph.seen(t, seen) && view.draws(e) && view.keeps(t)) add(t, d + 1);
      }
      for (let e = graph.firstIn(n); e !== NONE; e = graph.nextIn(e)) {
        const s = graph.sourceOf(e);
        if (!graph.seen(s, seen) && view.draws(e) && view.keeps(s)) add(s, d + 1);
      }
    }
  };
  seeds.forEach((s) => add(s, 0));
  walk(0);
  // Expanded nodes the walk no longer reaches (an edit cut them off) stay, with their neighbours.
  const rest = order.length;
  expand.forEach((n) => add(n, hops));
  walk(rest);
  return { order, walk: seen };
}

/** Every claim the filter keeps, notes by name and claims in line order, each entity after the first claim that reaches it. */
function wholeGraph(graph: ClaimGraph, view: View): Scope {
  const seen = graph.newWalk();
  const order: GraphNode[] = [];
  const add = (n: GraphNode) => { graph.visit(n, seen, order.length); order.push(n); };
  for (const { first, count } of graph.notesByName()) {
    for (let c = first; c < first + count; c++) {
      if (!view.keeps(c)) continue;
      add(c);
      for (let e = graph.outFrom(c); e < graph.outTo(c); e++) {
        const t = graph.targetOf(e);
        if (graph.isEntity(t) && !graph.seen(t, seen) && view.draws(e)) add(t);
      }
    }
  }
  return { order, walk: seen };
}

/** Nodes and edges of the whole filtered graph, counted until there are more than `max`. */
function workspaceSize(graph: ClaimGraph, view: View, max: number): number {
  let n = 0;
  const entities = new Set<GraphNode>();
  for (const { first, count } of graph.notesByName()) {
    for (let c = first; c < first + count; c++) {
      if (!view.keeps(c)) continue;
      n++;
      for (let e = graph.outFrom(c); e < graph.outTo(c); e++) {
        const t = graph.targetOf(e);
        if (!view.draws(e) || !view.keeps(t) || secondOfPair(graph, e)) continue;
        n++;
        if (graph.isEntity(t) && !entities.has(t)) { entities.add(t); n++; }
      }
      if (n > max) return n;
    }
  }
  return n;
}

/** The claim with the most drawn edges to kept nodes; the first in note order on a tie. */
function mostConnected(graph: ClaimGraph, view: View): GraphNode | undefined {
  let best: GraphNode | undefined;
  let most = -1;
  // Unfiltered, every edge counts: no need to look at the other ends.
  const everything = view.all && view.drawsEvery();
  for (const { first, count } of graph.notesByName()) {
    for (let c = first; c < first + count; c++) {
      if (!view.keeps(c)) continue;
      let degree = 0;
      if (everything) {
        degree = graph.outCount(c);
        for (let e = graph.firstIn(c); e !== NONE; e = graph.nextIn(e)) degree++;
      } else {
        degree = view.degree(c);
      }
      if (degree > most) { most = degree; best = c; }
    }
  }
  return best;
}

// ---- the result ------------------------------------------------------------------

/** The nodes of a scope, in the order they are shown, each marked with `walk` and its place in `rank`. */
interface Scope { order: GraphNode[]; walk: number }

/**
 * The scope's nodes in order with the edges among them, cut at `limit`
 * elements: a node comes with its note (when notes are drawn) and the edges to
 * the nodes before it, so no edge is left without an end. `total` counts the
 * scope before the cut.
 */
function cut(index: WorkspaceIndex, view: View, { order, walk }: Scope, limit: number, groupByNote: boolean):
  { nodes: MapNode[]; edges: MapEdge[]; total: number; shown: number } {
  const graph = view.graph;
  // Each edge is filed under the later of its two ends, so it is listed once both are: one pass finds
  // them (a scope at 10k notes can hold tens of thousands), a counting sort lays them out in that order.
  let found = scratch.found;
  let under = scratch.under;
  let count = 0;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    for (let e = graph.outFrom(n), end = graph.outTo(n); e < end; e++) {
      const t = graph.targetOf(e);
      if (!graph.seen(t, walk) || !view.draws(e) || secondOfPair(graph, e)) continue;
      if (count === found.length) { scratch.found = found = grownTo(found, count + 1); scratch.under = under = grownTo(under, count + 1); }
      found[count] = e;
      under[count++] = Math.max(i, graph.rank(t));
    }
  }
  const start = new Int32Array(order.length + 1);
  for (let k = 0; k < count; k++) start[under[k]! + 1]!++;
  for (let i = 1; i <= order.length; i++) start[i]! += start[i - 1]!;
  const laid = new Int32Array(count);
  const next = start.slice(0, order.length);
  for (let k = 0; k < count; k++) laid[next[under[k]!]!++] = found[k]!;
  const noteOf = (n: GraphNode) => graph.noteOf(n)?.model;
  const notes = groupByNote ? new Set(order.map(noteOf).filter((n) => n !== undefined)).size : 0;
  const total = order.length + count + notes;
  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const noted = new Set<NoteModel>();
  // The ids of the nodes listed so far, by their place in the scope: an edge's ends are listed before it.
  const ids: string[] = [];
  let used = 0;
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const inNote = groupByNote ? noteOf(n) : undefined;
    const note = inNote && !noted.has(inNote) ? inNote : undefined;
    if (used + 1 + (note ? 1 : 0) > limit) break;
    if (note) { noted.add(note); nodes.push(noteNode(note)); used++; }
    ids.push(graph.idOf(n));
    nodes.push(mapNode(index, graph, n, ids[i]!)); used++;
    const listed = start[i + 1]! - start[i]!;
    const room = Math.min(listed, limit - used);
    for (let k = 0; k < room; k++) {
      const e = laid[start[i]! + k]!;
      edges.push(mapEdge(graph.relationOf(e), ids[graph.rank(graph.sourceOf(e))]!, ids[graph.rank(graph.targetOf(e))]!));
    }
    used += room;
    if (room < listed) break;
  }
  return { nodes, edges, total, shown: used };
}

function noteNode(note: NoteModel): MapNode {
  return { id: `note:${note.uri}`, type: 'note', label: note.name, uri: note.uri, line: 0 };
}

function mapNode(index: WorkspaceIndex, graph: ClaimGraph, n: GraphNode, id: string): MapNode {
  const note = graph.noteOf(n);
  if (!note) {
    const e = graph.entityOf(n);
    return { id, type: 'entity', label: e.name, entityType: e.type, uri: e.uri, line: e.nameRange.start.line };
  }
  const c = graph.claimOf(n);
  const status = index.statusOf(c);
  const rating = index.config.statuses.find((s) => s.id === status)?.rating;
  return {
    id, type: 'claim', label: label(graph, n), status, ...(rating !== undefined ? { rating } : {}), stance: stanceOf(index, c),
    ...(c.kind !== undefined ? { kind: c.kind } : {}), ...(c.id !== undefined ? { claimId: c.id } : {}),
    parent: `note:${note.model.uri}`, uri: note.model.uri, line: c.line,
  };
}

function mapEdge(relation: MapRelation, source: string, target: string): MapEdge {
  // A same-as edge runs from the claim whose id sorts first, whichever side wrote it: its id stays when the other side writes it too.
  const [s, t] = relation === 'same-as' && source > target ? [target, source] : [source, target];
  return { id: `${s}|${relation}|${t}`, source: s, target: t, relation };
}

/** A claim's label (see claimLabel), an entity's name. */
function label(graph: ClaimGraph, n: GraphNode): string {
  return graph.labelOf(n);
}
