// The claim map's adjacency index: every claim and entity as a node, every
// argument relation (supports, contradicts, refines, same-as), speaker (`by::`)
// and entity mention as an edge, resolved once with the index's own resolvers
// (resolveRef, resolveEntity) and kept with both directions, so a
// neighbourhood is a walk over what is already resolved.
//
// Numbers in typed arrays, not objects: at 10k notes an object per node and
// per edge took ~38 MB of heap, these arrays take a few. A node is a number
// (a note's claims are consecutive numbers, parallel to its claims); an edge
// is a number too, its relation a code. A claim's edges out are consecutive
// edges; the edges into a node are a list threaded through the edge arrays
// (a ring: the last is found from the first, so edges join at the end and
// leave from anywhere at no cost however many end at a node).
//
// Built after the cold index in slices (or by the first question, which
// finishes what is left), then kept up to date from the change stream: a
// changed note's claims are replaced (new numbers; its old edges leave), and
// only the notes whose edges could resolve differently because of it are
// resolved again — those that pointed at its old claims, those whose
// references now find its new ones, and, when the entities change, those that
// mention a name the change touched. Numbers left behind are reclaimed by
// laying the arrays out again once they outnumber the live ones, so a node's
// number holds only until the next sync.
import { grownTo } from '../base/typedArrays';
import { type Claim, type EntityDef, type NoteModel } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { claimTextHead } from '../notes/parser';
import { ownCopy } from '../text/kept';
import { ARGUMENT_RELATIONS, MAP_LABEL_MAX, MAP_RELATIONS, type MapRelation } from './claimMapTypes';
import { PendingNotes } from './pendingNotes';

/** A node: a claim or an entity. */
export type GraphNode = number;
/** An edge from a claim to a claim or an entity. */
export type GraphEdge = number;
/** No node, no edge. */
export const NONE = -1;

/** A relation's code is its place in MAP_RELATIONS. */
const CODE = new Map<string, number>(MAP_RELATIONS.map((r, i) => [r, i]));
const ARGUMENT = new Set<string>(ARGUMENT_RELATIONS);
const BY = CODE.get('by')!;
const MENTIONS = CODE.get('mentions')!;
/** A claim with more edges than this checks for repeats through a set, not a scan. */
const SCAN_MAX = 16;

/** A note's claims as nodes: `first` … `first + model.claims.length - 1`, in line order. */
export class NoteNodes {
  /** The claims' labels end to end (see claimLabel), one string a note, made when a map first shows one of them. */
  private labels: string | undefined;
  /** Where each claim's label ends in `labels`. */
  private labelEnds: Uint32Array | undefined;
  constructor(
    readonly model: NoteModel,
    public first: number,
    /** Positions of claims named by their line though they have an id (a repeat of an id in the note, a diagnostic). */
    readonly byLine: ReadonlySet<number> | undefined,
  ) {}

  get count(): number { return this.model.claims.length; }

  /** The label of the note's `i`th claim. */
  label(i: number): string {
    if (this.labels === undefined || this.labelEnds === undefined) {
      const ends = new Uint32Array(this.model.claims.length);
      let all = '';
      this.model.claims.forEach((claim, k) => { all += claimLabel(claim); ends[k] = all.length; });
      // One string of its own, not the pieces it was joined from (each a cut of a longer text).
      this.labels = ownCopy(all);
      this.labelEnds = ends;
    }
    return this.labels.slice(i === 0 ? 0 : this.labelEnds[i - 1], this.labelEnds[i]);
  }
}

/**
 * A claim's label on the map: its text, shortened, never cut inside a
 * surrogate pair. Kept by the graph once a map showed one of its note's
 * claims, one string a note: a map shows up to 2,000 claims from hundreds of
 * notes, and a note read from disk is read again for its claims' text (see
 * diskLines.ts; made each time, 2-hop maps took four times as long).
 */
export function claimLabel(claim: Claim): string {
  const text = claimTextHead(claim, MAP_LABEL_MAX);
  if (!text) return claim.id !== undefined ? `^${claim.id}` : '(empty claim)';
  if (text.length <= MAP_LABEL_MAX) return text;
  let end = MAP_LABEL_MAX - 1;
  if (/[\ud800-\udbff]/.test(text[end - 1]!)) end--;
  return text.slice(0, end).trimEnd() + '…';
}

/** The map's node id of a claim: by its `^id`, else by its 1-based line, as the export names a claim without one. */
export function claimNodeId(noteUri: string, claim: Claim, byId = true): string {
  return `claim:${noteUri}${claimSuffix(claim, byId)}`;
}

function claimSuffix(claim: Claim, byId: boolean): string {
  return byId && claim.id !== undefined ? `#^${claim.id}` : `#L${claim.line + 1}`;
}

/** The position of a claim in its note's claims, which are in line order. */
function claimIndex(note: NoteModel, claim: Claim): number {
  let lo = 0, hi = note.claims.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const line = note.claims[mid]!.line;
    if (line === claim.line) return note.claims[mid] === claim ? mid : -1;
    if (line < claim.line) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}


export class ClaimGraph {
  /** Files the change stream named since the last sync. */
  private readonly pending = new PendingNotes();
  /** The first build, step by step: the entities and notes' claims first, then each note's edges. */
  private stage: 'none' | 'claims' | 'edges' | 'built' = 'none';
  private queue: string[] = [];
  private next = 0;
  /** Note URI → its claims' nodes, and the model they were made from. */
  private readonly notes = new Map<string, NoteNodes>();

  // Per node. `owner`: the node's place in `owners` (a note's claims share their note's).
  private owner = new Int32Array(0);
  private outStart = new Int32Array(0);
  private outEnd = new Int32Array(0);
  /** The first edge into the node, or NONE. */
  private inFirst = new Int32Array(0);
  private mark = new Int32Array(0);
  private rankOf = new Int32Array(0);
  /** Numbers given out so far, and how many of them are nodes now. */
  private nodeCount = 0;
  private liveNodes = 0;
  private readonly owners: Array<NoteNodes | EntityDef | undefined> = [];
  private readonly freeOwners: number[] = [];

  // Per edge. A dead edge's source is NONE. `inNext`/`inPrev`: the ring of edges into the same target.
  private source = new Int32Array(0);
  private target = new Int32Array(0);
  private relation = new Uint8Array(0);
  private inNext = new Int32Array(0);
  private inPrev = new Int32Array(0);
  private edgeCount = 0;
  private liveEdges = 0;

  /** An entity's node by its id on the map without `entity:` (two definitions of one id are `id`, `id~2`…). */
  private readonly entityKeys = new Map<string, number>();
  private entities = 0;
  /** The largest n of an `id~n` given out: how far a repeated id is looked for. */
  private repeats = 1;
  /** The index's entity list the nodes were made from: a new list means entities came or went. */
  private entityList: readonly EntityDef[] | undefined;
  /** Folded link target → the node of the one entity it names, or NONE (none, or ambiguous); within one sync. */
  private readonly named = new Map<string, GraphNode>();
  private readonly kindCounts = new Map<string, number>();
  private sortedNotes: NoteNodes[] | undefined;
  private walks = 0;
  /** Scratch, reused from note to note (a fresh array each took most of what a build allocates): a note's edges as found, three numbers each. */
  private found = new Int32Array(0);
  private foundCount = 0;
  private scratch = new Int32Array(0);

  constructor(private readonly index: WorkspaceIndex) {}

  /** The change stream names these files: they are looked at again before the next question. */
  changed(uris: readonly string[]): void {
    this.pending.changed(uris);
  }

  /**
   * Every note read since the last look, for the cold index, which announces
   * nothing until it is done: a note whose model is not the one the graph was
   * made from is looked at again.
   */
  catchUp(): void {
    this.pending.catchUp(this.index, this.notes);
  }

  /**
   * Brings the graph up to date with the index: built the first time, then
   * only what changed. With `due`, the first build stops when it says the
   * time is up and returns false (the next call goes on from there).
   */
  sync(due?: () => boolean): boolean {
    try {
      if (this.stage !== 'built' && !this.build(due)) return false;
      const dirty = new Set<string>();
      if (!this.syncEntities(dirty)) { this.rebuild(); return true; }
      const uris = this.pending.take();
      for (const uri of uris) this.syncNote(uri, dirty);
      for (const uri of dirty) this.resolve(uri);
      if (uris.length > 0 || dirty.size > 0) this.sortedNotes = undefined;
      if (this.nodeCount > 2 * this.liveNodes + 1024 || this.edgeCount > 2 * this.liveEdges + 4096) this.compact();
      return true;
    } finally {
      // What a name resolves to holds while the index does not change, and the index changes between calls.
      this.named.clear();
    }
  }

  /** The first build, from where the last call stopped; false when `due` stopped it. */
  private build(due: (() => boolean) | undefined): boolean {
    if (this.stage === 'none') {
      // From here on the change stream is heard: what changes meanwhile is looked at again once built.
      this.pending.following = true;
      this.entityList = this.index.entities();
      this.reserve(this.entityList.length, this.index.notes.values());
      for (const e of this.entityList) this.addEntity(e);
      this.queue = [...this.index.notes.keys()];
      this.next = 0;
      this.stage = 'claims';
    }
    if (this.stage === 'claims') {
      while (this.next < this.queue.length) {
        const note = this.index.notes.get(this.queue[this.next++]!);
        if (note && !this.notes.has(note.uri)) this.addNote(note);
        if (due?.()) return false;
      }
      this.queue = [...this.notes.keys()];
      this.next = 0;
      this.stage = 'edges';
    }
    while (this.next < this.queue.length) {
      this.resolve(this.queue[this.next++]!);
      if (due?.() && this.next < this.queue.length) return false;
    }
    this.queue = [];
    this.stage = 'built';
    this.sortedNotes = undefined;
    return true;
  }

  /** Room for the first build at once: a node per entity and claim, an edge per reference and link at most. */
  private reserve(entities: number, notes: Iterable<NoteModel>): void {
    let nodes = entities, edges = 0;
    for (const note of notes) { nodes += note.claims.length; edges += note.refs.length + note.links.length; }
    this.reserveNodes(nodes + 1024);
    this.reserveEdges(edges + 4096);
  }

  private rebuild(): void {
    this.notes.clear(); this.entityKeys.clear(); this.kindCounts.clear();
    this.owners.length = 0; this.freeOwners.length = 0;
    this.nodeCount = this.liveNodes = this.edgeCount = this.liveEdges = this.entities = 0;
    this.repeats = 1;
    this.stage = 'none';
    this.build(undefined);
  }

  /** Whether the graph is built (a sync without a time limit always builds it). */
  get built(): boolean {
    return this.stage === 'built';
  }

  // ---- nodes -------------------------------------------------------------------

  /** The node with this map id (claimMapTypes.ts), if it is in the workspace now. */
  node(id: string): GraphNode | undefined {
    if (id.startsWith('entity:')) return this.entityKeys.get(id.slice('entity:'.length));
    const hash = id.lastIndexOf('#');
    const entry = id.startsWith('claim:') && hash > 0 ? this.notes.get(id.slice('claim:'.length, hash)) : undefined;
    if (!entry) return undefined;
    const suffix = id.slice(hash);
    const claims = entry.model.claims;
    for (let i = 0; i < claims.length; i++) if (claimSuffix(claims[i]!, !entry.byLine?.has(i)) === suffix) return entry.first + i;
    return undefined;
  }

  /** The node of a claim of a note, as the index holds them now. */
  claimNode(note: NoteModel, claim: Claim): GraphNode | undefined {
    const entry = this.notes.get(note.uri);
    const i = entry?.model === note ? claimIndex(note, claim) : -1;
    return i >= 0 ? entry!.first + i : undefined;
  }

  entityNode(entity: EntityDef): GraphNode | undefined {
    const n = this.entityKeys.get(entity.id);
    if (n !== undefined && this.owners[this.owner[n]!] === entity) return n;
    for (let k = 2; k <= this.repeats; k++) {
      const m = this.entityKeys.get(`${entity.id}~${k}`);
      if (m !== undefined && this.owners[this.owner[m]!] === entity) return m;
    }
    return undefined;
  }

  /** The claim nodes of a note, in line order. */
  claimsOf(uri: string): GraphNode[] {
    const entry = this.notes.get(uri);
    return entry ? Array.from({ length: entry.count }, (_, i) => entry.first + i) : [];
  }

  /** Every note's claim nodes, notes by name: the order a whole graph is listed in. */
  notesByName(): readonly NoteNodes[] {
    this.sortedNotes ??= [...this.notes.values()].sort((a, b) => (a.model.name < b.model.name ? -1 : a.model.name > b.model.name ? 1 : 0));
    return this.sortedNotes;
  }

  isEntity(n: GraphNode): boolean {
    return !(this.owners[this.owner[n]!] instanceof NoteNodes);
  }

  /** A claim node's note (undefined for an entity). */
  noteOf(n: GraphNode): NoteNodes | undefined {
    const o = this.owners[this.owner[n]!];
    return o instanceof NoteNodes ? o : undefined;
  }

  /** A claim node's label (see claimLabel); an entity node's name. */
  labelOf(n: GraphNode): string {
    const o = this.owners[this.owner[n]!]!;
    return o instanceof NoteNodes ? o.label(n - o.first) : o.name;
  }

  /** A claim node's claim. */
  claimOf(n: GraphNode): Claim {
    const entry = this.noteOf(n)!;
    return entry.model.claims[n - entry.first]!;
  }

  /** An entity node's definition. */
  entityOf(n: GraphNode): EntityDef {
    return this.owners[this.owner[n]!] as EntityDef;
  }

  /**
   * The node's map id (claimMapTypes.ts). Made when asked, not kept: kept for
   * every claim a map ever showed, the ids would outweigh the graph.
   */
  idOf(n: GraphNode): string {
    const o = this.owners[this.owner[n]!]!;
    if (o instanceof NoteNodes) {
      const i = n - o.first;
      return claimNodeId(o.model.uri, o.model.claims[i]!, !o.byLine?.has(i));
    }
    if (this.entityKeys.get(o.id) === n) return `entity:${o.id}`;
    for (let k = 2; k <= this.repeats; k++) if (this.entityKeys.get(`${o.id}~${k}`) === n) return `entity:${o.id}~${k}`;
    throw new Error(`entity node ${n} has no id`);
  }

  /** The kinds claims give, in use now, sorted. */
  kinds(): string[] {
    return [...this.kindCounts.keys()].sort();
  }

  // ---- edges ---------------------------------------------------------------------

  /** The node's edges out are `outFrom(n)` … `outTo(n) - 1` (an entity has none). */
  outFrom(n: GraphNode): GraphEdge { return this.outStart[n]!; }
  outTo(n: GraphNode): GraphEdge { return this.outEnd[n]!; }
  outCount(n: GraphNode): number { return this.outEnd[n]! - this.outStart[n]!; }

  /** The first edge into the node, or NONE; then `nextIn`. */
  firstIn(n: GraphNode): GraphEdge { return this.inFirst[n]!; }
  /** The edge into the same node after `e`, or NONE. */
  nextIn(e: GraphEdge): GraphEdge {
    const next = this.inNext[e]!;
    return next === this.inFirst[this.target[e]!] ? NONE : next;
  }

  sourceOf(e: GraphEdge): GraphNode { return this.source[e]!; }
  targetOf(e: GraphEdge): GraphNode { return this.target[e]!; }
  /** The edge's relation as a code: its place in MAP_RELATIONS. */
  codeOf(e: GraphEdge): number { return this.relation[e]!; }
  relationOf(e: GraphEdge): MapRelation { return MAP_RELATIONS[this.relation[e]!]!; }

  // ---- walks ---------------------------------------------------------------------

  /**
   * A number no node's mark holds yet: a walk marks the nodes it reaches with
   * it (and their place in the walk), so "seen?" is an array read.
   */
  newWalk(): number {
    this.mark = grownTo(this.mark, this.nodeCount, 1024);
    this.rankOf = grownTo(this.rankOf, this.nodeCount, 1024);
    return ++this.walks;
  }

  visit(n: GraphNode, walk: number, rank: number): void { this.mark[n] = walk; this.rankOf[n] = rank; }
  seen(n: GraphNode, walk: number): boolean { return this.mark[n] === walk; }
  /** Where the walk that last marked the node placed it. */
  rank(n: GraphNode): number { return this.rankOf[n]!; }

  /** Counts, for the benchmark and the tests. */
  size(): { notes: number; claims: number; entities: number; edges: number } {
    return { notes: this.notes.size, claims: this.liveNodes - this.entities, entities: this.entities, edges: this.liveEdges };
  }

  // ---- keeping up ----------------------------------------------------------------

  /**
   * Entities that came or went since the last sync: their nodes are made or
   * dropped, and every note whose mentions of one of their names could
   * resolve differently now is marked. False when so many changed (a
   * registry rewritten) that building again costs less.
   */
  private syncEntities(dirty: Set<string>): boolean {
    const list = this.index.entities();
    if (list === this.entityList) return true;
    this.entityList = list;
    const now = new Set(list);
    const held = new Map<EntityDef, GraphNode>();
    for (const n of this.entityKeys.values()) held.set(this.entityOf(n), n);
    const gone = [...held.keys()].filter((e) => !now.has(e));
    const added = list.filter((e) => !held.has(e));
    if (gone.length + added.length > Math.max(64, held.size / 4)) return false;
    const keys = new Set<string>();
    const sourcesOf = (n: GraphNode) => { for (let e = this.firstIn(n); e !== NONE; e = this.nextIn(e)) dirty.add(this.noteOf(this.source[e]!)!.model.uri); };
    for (const e of gone) {
      const n = held.get(e)!;
      sourcesOf(n);
      const key = this.idOf(n).slice('entity:'.length);
      this.entityKeys.delete(key);
      this.freeNodes(n, 1);
      this.entities--;
      this.index.entityKeysOf(e).forEach((k) => keys.add(k));
    }
    for (const e of added) {
      this.addEntity(e);
      this.index.entityKeysOf(e).forEach((k) => keys.add(k));
    }
    // A name a new or a departed entity has may now name another entity, or several (then none).
    for (const key of keys) {
      for (const e of this.index.resolveEntity(key)) {
        const n = this.entityNode(e);
        if (n !== undefined) sourcesOf(n);
        this.index.forEachMention(e, (note) => dirty.add(note.uri));
      }
    }
    return true;
  }

  private syncNote(uri: string, dirty: Set<string>): void {
    const old = this.notes.get(uri);
    const note = this.index.notes.get(uri);
    if (old?.model === note) return;
    if (old) this.removeNote(old, dirty);
    if (!note) return;
    this.addNote(note);
    dirty.add(uri);
    // References elsewhere that find a claim of this note now (they may have dangled, or found a namesake's).
    for (const claim of note.claims) {
      if (claim.id === undefined) continue;
      for (const r of this.index.referencesTo(note, claim.id)) dirty.add(r.uri);
    }
  }

  /** Numbers for `count` new nodes of one owner. */
  private newNodes(o: NoteNodes | EntityDef, count: number): GraphNode {
    const slot = this.freeOwners.pop() ?? this.owners.length;
    this.owners[slot] = o;
    const first = this.nodeCount;
    const size = first + count;
    this.reserveNodes(size);
    this.owner.fill(slot, first, size);
    this.outStart.fill(0, first, size);
    this.outEnd.fill(0, first, size);
    this.inFirst.fill(NONE, first, size);
    this.nodeCount = size;
    this.liveNodes += count;
    return first;
  }

  /** Nodes gone: their edges out leave; the edges into them leave when their sources are resolved again. */
  private freeNodes(first: GraphNode, count: number): void {
    for (let n = first; n < first + count; n++) this.dropEdges(n);
    const slot = this.owner[first]!;
    this.owners[slot] = undefined;
    this.freeOwners.push(slot);
    this.liveNodes -= count;
  }

  private addNote(note: NoteModel): void {
    const claims = note.claims;
    // Ids used before in the note: a scan of the claims before when they are few (a set each took a tenth of a build's garbage).
    const taken = claims.length > SCAN_MAX ? new Set<string>() : undefined;
    let byLine: Set<number> | undefined;
    claims.forEach((claim, i) => {
      const id = claim.id;
      if (id !== undefined) {
        let repeat = taken ? taken.has(id) : false;
        for (let j = 0; !taken && j < i && !repeat; j++) repeat = claims[j]!.id === id;
        // A second claim with an id already used in the note (a diagnostic) is named by its line.
        if (repeat) (byLine ??= new Set()).add(i);
        taken?.add(id);
      }
      if (claim.kind !== undefined) this.kindCounts.set(claim.kind, (this.kindCounts.get(claim.kind) ?? 0) + 1);
    });
    const entry = new NoteNodes(note, 0, byLine);
    entry.first = this.newNodes(entry, note.claims.length);
    this.notes.set(note.uri, entry);
  }

  private removeNote(entry: NoteNodes, dirty: Set<string>): void {
    const uri = entry.model.uri;
    for (let n = entry.first; n < entry.first + entry.count; n++) {
      this.dropEdges(n);
      // Whoever pointed here resolves again: to the claim that replaces this one, or to nothing.
      for (let e = this.firstIn(n); e !== NONE; e = this.nextIn(e)) {
        const from = this.noteOf(this.source[e]!)!.model.uri;
        if (from !== uri) dirty.add(from);
      }
    }
    for (const claim of entry.model.claims) {
      const kind = claim.kind;
      if (kind === undefined) continue;
      const left = (this.kindCounts.get(kind) ?? 1) - 1;
      if (left > 0) this.kindCounts.set(kind, left); else this.kindCounts.delete(kind);
    }
    this.freeNodes(entry.first, entry.count);
    this.notes.delete(uri);
  }

  private addEntity(e: EntityDef): void {
    // Two definitions with one id (a diagnostic) keep apart on the map: the later one is numbered.
    let key = e.id;
    for (let n = 2; this.entityKeys.has(key); n++) { key = `${e.id}~${n}`; this.repeats = Math.max(this.repeats, n); }
    this.entityKeys.set(key, this.newNodes(e, 1));
    this.entities++;
  }

  /** A node's edges out leave: from their targets' rings, and from the count. */
  private dropEdges(n: GraphNode): void {
    for (let e = this.outStart[n]!; e < this.outEnd[n]!; e++) {
      this.unlinkIn(e);
      this.source[e] = NONE;
      this.liveEdges--;
    }
    this.outStart[n] = this.outEnd[n] = 0;
  }

  /** A note's edges, made again from its model: references through the index, mentions by the entity they name. */
  private resolve(uri: string): void {
    const entry = this.notes.get(uri);
    if (!entry) return;
    const { model: note, first } = entry;
    for (let n = first; n < first + entry.count; n++) this.dropEdges(n);
    // The edges as found (claim, relation code, target); then laid out claim by claim.
    this.foundCount = 0;
    for (const ref of note.refs) {
      if (ref.claim < 0 || ref.claim >= entry.count || ref.field === undefined || !ARGUMENT.has(ref.field)) continue;
      const target = this.index.resolveRef(note, ref);
      const to = target && this.claimNode(target.note, target.claim);
      if (to !== undefined) this.edgeFound(ref.claim, CODE.get(ref.field)!, to);
    }
    for (const link of note.links) {
      // `[[note#^id]]` is a reference (above), not a mention.
      if (link.claim < 0 || link.claim >= entry.count || link.anchor?.startsWith('^')) continue;
      const to = this.entityNamed(link.key, link.target);
      if (to !== NONE) this.edgeFound(link.claim, link.field === 'by' ? BY : MENTIONS, to);
    }
    this.layOut(first, entry.count);
  }

  private edgeFound(claim: number, code: number, to: GraphNode): void {
    const k = this.foundCount;
    this.found = grownTo(this.found, k + 3, 1024);
    this.found[k] = claim; this.found[k + 1] = code; this.found[k + 2] = to;
    this.foundCount = k + 3;
  }

  /**
   * Appends a note's edges, one per claim, relation and target, each claim's
   * together in the order found, and threads each into its target's ring in
   * that order too (as edges made one after another would be).
   */
  private layOut(first: GraphNode, claims: number): void {
    const found = this.found, edges = this.foundCount / 3;
    // Scratch, reused from note to note: where each claim's edges start, and each found edge's place.
    this.scratch = grownTo(this.scratch, claims + 1 + 2 * edges, 1024);
    const start = this.scratch, place = claims + 1, slot = place + edges;
    start.fill(0, 0, claims + 1);
    for (let k = 0; k < edges; k++) start[found[3 * k]! + 1]!++;
    for (let i = 0; i < claims; i++) start[i + 1]! += start[i]!;
    for (let k = 0; k < edges; k++) {
      const p = start[found[3 * k]!]!++;
      start[slot + p] = k;
    }
    for (let i = claims; i > 0; i--) start[i] = start[i - 1]!;
    start[0] = 0;
    const base = this.edgeCount;
    let at = base;
    this.reserveEdges(base + edges);
    for (let i = 0; i < claims; i++) {
      const n = first + i;
      this.outStart[n] = at;
      const from = start[i]!, to = start[i + 1]!;
      // Repeats (a relation written twice, a name mentioned twice) are left out: a claim's edges are compared within it.
      const seen = to - from > SCAN_MAX ? new Set<number>() : undefined;
      for (let p = from; p < to; p++) {
        const k = start[slot + p]!;
        const code = found[3 * k + 1]!, target = found[3 * k + 2]!;
        start[place + k] = NONE;
        if (seen) {
          const key = target * 8 + code;
          if (seen.has(key)) continue;
          seen.add(key);
        } else {
          let repeat = false;
          for (let e = this.outStart[n]!; e < at && !repeat; e++) repeat = this.target[e] === target && this.relation[e] === code;
          if (repeat) continue;
        }
        start[place + k] = at;
        this.source[at] = n; this.target[at] = target; this.relation[at] = code;
        at++;
      }
      this.outEnd[n] = at;
    }
    this.edgeCount = at;
    this.liveEdges += at - base;
    for (let k = 0; k < edges; k++) if (start[place + k]! !== NONE) this.linkIn(start[place + k]!);
  }

  private reserveNodes(size: number): void {
    this.owner = grownTo(this.owner, size, 1024);
    this.outStart = grownTo(this.outStart, size, 1024);
    this.outEnd = grownTo(this.outEnd, size, 1024);
    this.inFirst = grownTo(this.inFirst, size, 1024);
  }

  private reserveEdges(size: number): void {
    this.source = grownTo(this.source, size, 1024);
    this.target = grownTo(this.target, size, 1024);
    this.relation = grownTo(this.relation, size, 1024);
    this.inNext = grownTo(this.inNext, size, 1024);
    this.inPrev = grownTo(this.inPrev, size, 1024);
  }

  /** Joins an edge to its target's ring, last. */
  private linkIn(e: GraphEdge): void {
    const t = this.target[e]!;
    const head = this.inFirst[t]!;
    if (head === NONE) { this.inFirst[t] = e; this.inNext[e] = this.inPrev[e] = e; return; }
    const tail = this.inPrev[head]!;
    this.inNext[tail] = e; this.inPrev[e] = tail;
    this.inNext[e] = head; this.inPrev[head] = e;
  }

  /** Takes an edge out of its target's ring. */
  private unlinkIn(e: GraphEdge): void {
    const t = this.target[e]!;
    const next = this.inNext[e]!;
    if (next === e) { this.inFirst[t] = NONE; return; }
    const prev = this.inPrev[e]!;
    this.inNext[prev] = next; this.inPrev[next] = prev;
    if (this.inFirst[t] === e) this.inFirst[t] = next;
  }

  /** The node of the one entity a link names (an ambiguous name names none), each folded name resolved once a sync. */
  private entityNamed(key: string, target: string): GraphNode {
    let n = this.named.get(key);
    if (n === undefined) {
      const found = this.index.resolveEntity(target);
      n = found.length === 1 ? this.entityNode(found[0]!) ?? NONE : NONE;
      this.named.set(key, n);
    }
    return n;
  }

  /**
   * The arrays laid out again with only what is live: notes' claims first,
   * in the order the notes are held, then the entities; each claim's edges
   * in their order, and each node's edges in again in edge order.
   */
  private compact(): void {
    const renumber = new Int32Array(this.nodeCount).fill(NONE);
    const old = new Int32Array(this.liveNodes);
    let count = 0;
    for (const entry of this.notes.values()) {
      const first = count;
      for (let i = 0; i < entry.count; i++) { renumber[entry.first + i] = count; old[count++] = entry.first + i; }
      entry.first = first;
    }
    for (const [key, n] of this.entityKeys) { renumber[n] = count; old[count++] = n; this.entityKeys.set(key, renumber[n]!); }
    const size = Math.ceil(count * 1.25) + 1024;
    const owner = new Int32Array(size), outStart = new Int32Array(size), outEnd = new Int32Array(size);
    const edgeSize = Math.ceil(this.liveEdges * 1.25) + 4096;
    const source = new Int32Array(edgeSize), target = new Int32Array(edgeSize), relation = new Uint8Array(edgeSize);
    let edges = 0;
    for (let n = 0; n < count; n++) {
      const o = old[n]!;
      owner[n] = this.owner[o]!;
      outStart[n] = edges;
      for (let e = this.outStart[o]!; e < this.outEnd[o]!; e++) {
        source[edges] = n; target[edges] = renumber[this.target[e]!]!; relation[edges] = this.relation[e]!;
        edges++;
      }
      outEnd[n] = edges;
    }
    this.owner = owner; this.outStart = outStart; this.outEnd = outEnd; this.inFirst = new Int32Array(size).fill(NONE);
    this.source = source; this.target = target; this.relation = relation;
    this.inNext = new Int32Array(edgeSize); this.inPrev = new Int32Array(edgeSize);
    // Marks of the old numbers mean nothing now.
    this.mark = new Int32Array(0); this.rankOf = new Int32Array(0);
    this.nodeCount = count; this.edgeCount = edges;
    for (let e = 0; e < edges; e++) this.linkIn(e);
  }
}
