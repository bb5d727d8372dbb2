// The claim map's adjacency index: every claim and entity as a node, every
// argument relation (supports, contradicts, refines, same-as), speaker (`by::`)
// and entity mention as an edge, resolved once with the index's own resolvers
// (resolveRef, resolveEntity) and kept with both directions, so a
// neighbourhood is a walk over what is already resolved.
//
// Built on the first question (a session that never opens the map pays
// nothing), then kept up to date from the change stream: a changed note's
// claims are replaced, and only the notes whose edges could resolve
// differently because of it are resolved again — those that pointed at its
// old claims, those whose references now find its new ones, and, when the
// entities change, those that mention a name the change touched.
import { type Claim, type EntityDef, type NoteModel } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { ARGUMENT_RELATIONS, type MapRelation } from './claimMapTypes';
import { PendingNotes } from './pendingNotes';

export interface GraphEdge {
  readonly source: ClaimNode;
  readonly target: GraphNode;
  readonly relation: MapRelation;
  /** Where the edge sits in its target's `in`, so leaving it costs nothing however many edges end there. */
  slot: number;
}

const NO_EDGES: readonly GraphEdge[] = [];
const ARGUMENT = new Set<string>(ARGUMENT_RELATIONS);
/** A claim with more edges than this checks for repeats through a set, not a scan. */
const SCAN_MAX = 16;

/**
 * What every node has: its edges both ways, and two numbers a walk writes
 * (which walk saw it last, and where): a question marks the nodes it reaches
 * on the nodes themselves instead of in maps as large as the neighbourhood.
 */
abstract class NodeBase {
  /** Edges this node starts: a claim's relations, speakers and mentions; none for an entity. */
  out: readonly GraphEdge[] = NO_EDGES;
  /** Edges that end here. */
  in: readonly GraphEdge[] = NO_EDGES;
  mark = 0;
  rank = 0;
  /** The map's node id (claimMapTypes.ts). */
  abstract readonly id: string;
}

export class ClaimNode extends NodeBase {
  readonly type = 'claim';
  private name: string | undefined;
  /** `named`: the claim is named by its `^id` (false for a claim without one, and for a repeat of an id in its note). */
  constructor(readonly note: NoteModel, readonly claim: Claim, private readonly named: boolean) { super(); }
  // Made when asked (a map shows a few thousand): kept for every claim, the ids would outweigh the graph.
  get id(): string {
    return this.name ??= claimNodeId(this.note.uri, this.claim, this.named);
  }
}

export class EntityNode extends NodeBase {
  readonly type = 'entity';
  constructor(readonly id: string, readonly entity: EntityDef) { super(); }
}

export type GraphNode = ClaimNode | EntityNode;

interface NoteEntry { readonly model: NoteModel; readonly nodes: readonly ClaimNode[] }

/** The map's node id of a claim: by its `^id`, else by its 1-based line, as the export names a claim without one. */
export function claimNodeId(noteUri: string, claim: Claim, byId = true): string {
  return byId && claim.id !== undefined ? `claim:${noteUri}#^${claim.id}` : `claim:${noteUri}#L${claim.line + 1}`;
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
  /** Note URI → the model its claim nodes were made from, and those nodes, parallel to its claims. */
  private readonly notes = new Map<string, NoteEntry>();
  private readonly entityNodes = new Map<EntityDef, EntityNode>();
  private readonly entityById = new Map<string, EntityNode>();
  /** The index's entity list the nodes were made from: a new list means entities came or went. */
  private entityList: readonly EntityDef[] | undefined;
  /** Folded link target → the one entity it names, or null (none, or ambiguous); valid for `entityList`. */
  private readonly named = new Map<string, EntityDef | null>();
  private readonly kindCounts = new Map<string, number>();
  private sortedNotes: NoteEntry[] | undefined;
  private walks = 0;
  /** Changes whenever a node or an edge does: what callers key their own memos by. */
  version = 0;

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

  /** Brings the graph up to date with the index: built the first time, then only what changed. */
  sync(): void {
    if (!this.pending.following) { this.build(); return; }
    const dirty = new Set<string>();
    if (!this.syncEntities(dirty)) { this.rebuild(); return; }
    const uris = this.pending.take();
    for (const uri of uris) this.syncNote(uri, dirty);
    const changed = uris.length > 0 || dirty.size > 0;
    for (const uri of dirty) this.resolve(uri);
    if (changed) { this.version++; this.sortedNotes = undefined; }
  }

  private build(): void {
    this.entityList = this.index.entities();
    for (const e of this.entityList) this.addEntity(e);
    for (const note of this.index.notes.values()) this.addNote(note);
    for (const uri of this.notes.keys()) this.resolve(uri);
    this.pending.following = true;
    this.pending.take();
    this.version++;
    this.sortedNotes = undefined;
  }

  private rebuild(): void {
    this.notes.clear(); this.entityNodes.clear(); this.entityById.clear(); this.named.clear(); this.kindCounts.clear();
    this.build();
  }

  // ---- questions ---------------------------------------------------------------

  /** The node with this map id (claimMapTypes.ts), if it is in the workspace now. */
  node(id: string): GraphNode | undefined {
    if (id.startsWith('entity:')) return this.entityById.get(id);
    const hash = id.lastIndexOf('#');
    const nodes = id.startsWith('claim:') && hash > 0 ? this.notes.get(id.slice('claim:'.length, hash))?.nodes : undefined;
    return nodes?.find((n) => n.id === id);
  }

  /** The node of a claim of a note, as the index holds them now. */
  claimNode(note: NoteModel, claim: Claim): ClaimNode | undefined {
    const entry = this.notes.get(note.uri);
    return entry?.model === note ? entry.nodes[claimIndex(note, claim)] : undefined;
  }

  entityNode(entity: EntityDef): EntityNode | undefined {
    return this.entityNodes.get(entity);
  }

  /** The claim nodes of a note, in line order. */
  claimsOf(uri: string): readonly ClaimNode[] {
    return this.notes.get(uri)?.nodes ?? [];
  }

  /** Every note's claim nodes, notes by name: the order a whole graph is listed in. */
  notesByName(): ReadonlyArray<{ readonly model: NoteModel; readonly nodes: readonly ClaimNode[] }> {
    this.sortedNotes ??= [...this.notes.values()].sort((a, b) => (a.model.name < b.model.name ? -1 : a.model.name > b.model.name ? 1 : 0));
    return this.sortedNotes;
  }

  /** The kinds claims give, in use now, sorted. */
  kinds(): string[] {
    return [...this.kindCounts.keys()].sort();
  }

  /**
   * A number no node's `mark` holds yet: a walk marks the nodes it reaches
   * with it (and their place in `rank`), so "seen?" is a field read.
   */
  newWalk(): number {
    return ++this.walks;
  }

  /** Counts, for the benchmark and the tests. */
  size(): { notes: number; claims: number; entities: number; edges: number } {
    let claims = 0, edges = 0;
    for (const { nodes } of this.notes.values()) for (const n of nodes) { claims++; edges += n.out.length; }
    return { notes: this.notes.size, claims, entities: this.entityNodes.size, edges };
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
    this.named.clear();
    const now = new Set(list);
    const gone = [...this.entityNodes.keys()].filter((e) => !now.has(e));
    const added = list.filter((e) => !this.entityNodes.has(e));
    if (gone.length + added.length > Math.max(64, this.entityNodes.size / 4)) return false;
    const keys = new Set<string>();
    for (const e of gone) {
      const node = this.entityNodes.get(e)!;
      for (const edge of node.in) dirty.add(edge.source.note.uri);
      this.entityNodes.delete(e);
      if (this.entityById.get(node.id) === node) this.entityById.delete(node.id);
      this.index.entityKeysOf(e).forEach((k) => keys.add(k));
    }
    for (const e of added) {
      this.addEntity(e);
      this.index.entityKeysOf(e).forEach((k) => keys.add(k));
    }
    // A name a new or a departed entity has may now name another entity, or several (then none).
    for (const key of keys) {
      for (const e of this.index.resolveEntity(key)) {
        for (const edge of this.entityNodes.get(e)?.in ?? NO_EDGES) dirty.add(edge.source.note.uri);
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

  private addNote(note: NoteModel): void {
    const taken = new Set<string>();
    const nodes = note.claims.map((claim) => {
      // A second claim with an id already used in the note (a diagnostic) is named by its line.
      const named = claim.id !== undefined && !taken.has(claim.id);
      if (claim.id !== undefined) taken.add(claim.id);
      if (claim.kind !== undefined) this.kindCounts.set(claim.kind, (this.kindCounts.get(claim.kind) ?? 0) + 1);
      return new ClaimNode(note, claim, named);
    });
    this.notes.set(note.uri, { model: note, nodes });
  }

  private removeNote(entry: NoteEntry, dirty: Set<string>): void {
    for (const node of entry.nodes) {
      for (const e of node.out) leave(e);
      // Whoever pointed here resolves again: to the claim that replaces this one, or to nothing.
      for (const e of node.in) if (e.source.note.uri !== entry.model.uri) dirty.add(e.source.note.uri);
      const kind = node.claim.kind;
      if (kind !== undefined) {
        const n = (this.kindCounts.get(kind) ?? 1) - 1;
        if (n > 0) this.kindCounts.set(kind, n); else this.kindCounts.delete(kind);
      }
    }
    this.notes.delete(entry.model.uri);
  }

  private addEntity(e: EntityDef): void {
    // Two definitions with one id (a diagnostic) keep apart on the map: the later one is numbered.
    let id = `entity:${e.id}`;
    for (let n = 2; this.entityById.has(id); n++) id = `entity:${e.id}~${n}`;
    const node = new EntityNode(id, e);
    this.entityNodes.set(e, node);
    this.entityById.set(id, node);
  }

  /** A note's edges, made again from its model: references through the index, mentions by the entity they name. */
  private resolve(uri: string): void {
    const entry = this.notes.get(uri);
    if (!entry) return;
    const { model: note, nodes } = entry;
    for (const node of nodes) {
      for (const e of node.out) leave(e);
      node.out = NO_EDGES;
    }
    const seen = new Map<ClaimNode, Set<string>>();
    for (const ref of note.refs) {
      const from = nodes[ref.claim];
      if (!from || ref.field === undefined || !ARGUMENT.has(ref.field)) continue;
      const target = this.index.resolveRef(note, ref);
      const to = target && this.claimNode(target.note, target.claim);
      if (to) this.link(from, ref.field as MapRelation, to, seen);
    }
    for (const link of note.links) {
      const from = nodes[link.claim];
      // `[[note#^id]]` is a reference (above), not a mention.
      if (!from || link.anchor?.startsWith('^')) continue;
      const entity = this.entityNamed(link.key, link.target);
      const to = entity && this.entityNodes.get(entity);
      if (to) this.link(from, link.field === 'by' ? 'by' : 'mentions', to, seen);
    }
  }

  /** The one entity a link names (an ambiguous name names none), each folded name resolved once. */
  private entityNamed(key: string, target: string): EntityDef | undefined {
    let e = this.named.get(key);
    if (e === undefined) {
      const found = this.index.resolveEntity(target);
      e = found.length === 1 ? found[0]! : null;
      this.named.set(key, e);
    }
    return e ?? undefined;
  }

  /** One edge per source, relation and target. */
  private link(from: ClaimNode, relation: MapRelation, to: GraphNode, seen: Map<ClaimNode, Set<string>>): void {
    if (from.out.length < SCAN_MAX) {
      if (from.out.some((e) => e.target === to && e.relation === relation)) return;
    } else {
      let keys = seen.get(from);
      if (!keys) seen.set(from, keys = new Set(from.out.map((e) => `${e.relation}|${e.target.id}`)));
      const key = `${relation}|${to.id}`;
      if (keys.has(key)) return;
      keys.add(key);
    }
    const edge: GraphEdge = { source: from, target: to, relation, slot: to.in.length };
    if (from.out === NO_EDGES) from.out = [edge]; else (from.out as GraphEdge[]).push(edge);
    if (to.in === NO_EDGES) to.in = [edge]; else (to.in as GraphEdge[]).push(edge);
  }
}

/** Takes an edge out of its target's `in`: the last edge there takes its slot. */
function leave(e: GraphEdge): void {
  const list = e.target.in as GraphEdge[];
  if (list[e.slot] !== e) return;
  const last = list.pop()!;
  if (last !== e) { list[e.slot] = last; last.slot = e.slot; }
}
