// The claims panel's groups, kept as the workspace changes: for each note the
// entities each of its claims names, and the workspace's counts of claims by
// status and by entity, so the panel opens without a pass over every claim,
// and the groups in the order the panel shows them, sorted again only when a
// count or a name changed.
//
// Built after the cold index in slices (or by the first question, whichever
// comes first), the notes and their statuses first, then what their claims
// name, the larger part, which only the entity grouping needs; then kept up
// to date from the change stream: a changed note's counts are taken out and
// its new ones put in, and when the entities change only the notes that link
// to a name that now names another entity (or none) are looked at again.
// During the cold index, which announces its notes only when it is done,
// each question first catches up with the notes read since.
import { type EntityDef, type NoteModel } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { PendingNotes } from './pendingNotes';

/** Claims that name no entity, in the entity grouping. */
export const NO_ENTITY = '';
/** A claim that gives no status, in the counts by status: it counts as the workspace's first status, which the config may change. */
const NO_STATUS = '';
const NONE: readonly string[] = [];

/**
 * What a note's claims name, packed (tens of thousands of claims each with
 * its own list took several times the memory): the entity ids of every
 * claim in one list, and where each claim's end.
 */
export class NoteGroups {
  /** `ids` undefined: the note's entities are not resolved yet (only the note and status groupings were asked for). */
  constructor(readonly model: NoteModel, private readonly ids: readonly string[] | undefined, private readonly ends: readonly number[] | undefined) {}

  get resolved(): boolean {
    return this.ids !== undefined;
  }

  /** The ids of the entities the i-th claim names, once each (an ambiguous name names none); empty: none. */
  entities(i: number): readonly string[] {
    const ids = this.resolvedIds();
    return this.ends ? ids.slice(i > 0 ? this.ends[i - 1]! : 0, this.ends[i]!) : NONE;
  }

  /** Whether the i-th claim sits in the entity group `key` (`NO_ENTITY`: the claims naming none). */
  inEntityGroup(i: number, key: string): boolean {
    const ids = this.resolvedIds();
    const from = this.ends && i > 0 ? this.ends[i - 1]! : 0;
    const to = this.ends ? this.ends[i]! : 0;
    if (from === to) return key === NO_ENTITY;
    for (let j = from; j < to; j++) if (ids[j] === key) return true;
    return false;
  }

  private resolvedIds(): readonly string[] {
    // A question by entity syncs the groups with their entities first (ClaimGroups.sync); this is a caller's mistake.
    if (!this.ids) throw new Error(`the entities of ${this.model.uri} are not resolved`);
    return this.ids;
  }
}

export class ClaimGroups {
  /** Files the change stream named since the last sync. */
  private readonly pending = new PendingNotes();
  /** Files being looked at, from `next` on: a sync given a time limit goes on where the last one stopped. */
  private queue: string[] = [];
  private next = 0;
  /** Whether the notes' entities are resolved and counted: from the first question by entity (or the build behind the cold index) on. */
  private resolving = false;
  /** Notes whose entities are still to resolve, from `resolveNext` on. */
  private unresolved: string[] = [];
  private resolveNext = 0;
  private readonly notes = new Map<string, NoteGroups>();
  /** The index's entity list the notes' entities were resolved against: a new list means entities came or went. */
  private entityList: readonly EntityDef[] | undefined;
  /** Folded link target → the id of the one entity it names, or null; valid for `entityList`. */
  private readonly named = new Map<string, { readonly target: string; id: string | null }>();
  private claims = 0;
  private readonly statusCounts = new Map<string, number>();
  private readonly entityCounts = new Map<string, number>();
  /** Changes whenever a count by entity does (an edit of a claim's text changes none). */
  private entityVersion = 0;
  /** Changes whenever a note comes or goes. */
  private noteSet = 0;
  /** Changes whenever a note gains its first claim or loses its last. */
  private claimed = 0;
  private byName: { noteSet: number; uris: string[] } | undefined;
  private byLabel: { noteSet: number; uris: string[] } | undefined;
  private withClaims: { noteSet: number; claimed: number; uris: string[] } | undefined;
  private entityRanks: { list: readonly EntityDef[]; rank: Map<string, number>; ids: string[]; byId: Map<string, EntityDef> } | undefined;
  private sortedEntities: { version: number; list: readonly EntityDef[]; keys: string[] } | undefined;

  constructor(readonly index: WorkspaceIndex) {}

  /** The change stream names these files: they are looked at again before the next question. */
  changed(uris: readonly string[]): void {
    this.pending.changed(uris);
  }

  /** Every note read since the last look, for the cold index, which announces nothing until it is done. */
  catchUp(): void {
    this.pending.catchUp(this.index, this.notes);
  }

  /**
   * Brings the counts up to date with the index: every note the first time,
   * then only what changed. `need`: 'notes' is enough for the note and
   * status groupings; 'entities' also resolves every note's entities (the
   * larger part of the work), the first time and from then on. With `due`,
   * stops when it says the time is up and returns false (the next call goes
   * on from there).
   */
  sync(due?: () => boolean, need: 'notes' | 'entities' = 'entities'): boolean {
    if (!this.pending.following) {
      this.pending.following = true;
      this.queue = [...this.index.notes.keys()];
    }
    if (this.resolving) this.syncEntities();
    if (this.pending.size) {
      // Looking at a file twice finds it unchanged the second time: the queue need not be unique.
      this.queue = this.next < this.queue.length ? [...this.queue.slice(this.next), ...this.pending.take()] : this.pending.take();
      this.next = 0;
    }
    while (this.next < this.queue.length) {
      this.syncNote(this.queue[this.next++]!);
      if (due?.() && this.next < this.queue.length) return false;
    }
    this.queue = [];
    this.next = 0;
    if (need === 'notes') return true;
    if (!this.resolving) {
      this.resolving = true;
      this.entityList = this.index.entities();
      this.unresolved = [...this.notes.keys()];
    }
    while (this.resolveNext < this.unresolved.length) {
      const entry = this.notes.get(this.unresolved[this.resolveNext++]!);
      if (entry && !entry.resolved) {
        const again = this.groupsOf(entry.model);
        this.notes.set(entry.model.uri, again);
        this.countEntities(entry, again);
      }
      if (due?.() && this.resolveNext < this.unresolved.length) return false;
    }
    this.unresolved = [];
    this.resolveNext = 0;
    return true;
  }

  /**
   * Builds, ahead of the panel's first question, what it needs: the notes
   * and their order first (the panel opens by note), then the entities and
   * theirs. One step per turn of the iterator, each step until `due`, so
   * the caller can let other work in between.
   */
  *prepare(due: () => boolean): Generator<void> {
    while (!this.sync(due, 'notes')) yield;
    this.notesWithClaims();
    yield;
    this.notesByName();
    yield;
    while (!this.sync(due, 'entities')) yield;
    this.entityOrder();
  }

  // ---- questions (after sync) -----------------------------------------------------

  /** Claims in the workspace. */
  get total(): number { return this.claims; }

  /** What a note's claims name, as of the last sync. */
  note(uri: string): NoteGroups | undefined {
    return this.notes.get(uri);
  }

  /** Every note, by name (the order a group lists its claims in). */
  notesByName(): readonly string[] {
    if (this.byName?.noteSet !== this.noteSet) {
      const names = new Map([...this.notes.values()].map((n) => [n.model.uri, n.model.name]));
      const uris = [...names.keys()].sort((a, b) => { const x = names.get(a)!, y = names.get(b)!; return x < y ? -1 : x > y ? 1 : 0; });
      this.byName = { noteSet: this.noteSet, uris };
    }
    return this.byName.uris;
  }

  /** The notes holding claims, in the note grouping's order: by file name as the analyst reads it, then by URI. */
  notesWithClaims(): readonly string[] {
    if (this.byLabel?.noteSet !== this.noteSet) {
      const labels = new Map([...this.notes.values()].map((n) => [n.model.uri, noteLabel(n.model.name)]));
      const uris = [...labels.keys()].sort((a, b) => labels.get(a)!.localeCompare(labels.get(b)!) || (a < b ? -1 : a > b ? 1 : 0));
      this.byLabel = { noteSet: this.noteSet, uris };
    }
    // A note gaining its first claim or losing its last is only filtered in or out, not sorted again.
    if (this.withClaims?.noteSet !== this.noteSet || this.withClaims.claimed !== this.claimed) {
      this.withClaims = { noteSet: this.noteSet, claimed: this.claimed, uris: this.byLabel.uris.filter((u) => this.notes.get(u)!.model.claims.length > 0) };
    }
    return this.withClaims.uris;
  }

  /** Claims by status (a claim giving none counts as the workspace's first status). */
  byStatus(): Map<string, number> {
    const first = this.index.config.statuses[0]?.id ?? 'unverified';
    const out = new Map<string, number>();
    for (const [s, n] of this.statusCounts) {
      const key = s === NO_STATUS ? first : s;
      out.set(key, (out.get(key) ?? 0) + n);
    }
    return out;
  }

  /** Claims by the entities they name (`NO_ENTITY`: naming none); a claim naming two counts in both. */
  byEntity(): ReadonlyMap<string, number> {
    return this.entityCounts;
  }

  /** The entity an id names in the panel (the last definition of a repeated id, as a lookup by id finds it). */
  entity(id: string): EntityDef | undefined {
    return this.ranks().byId.get(id);
  }

  /**
   * Entity groups in the panel's order: most claims first, then by name as
   * the analyst reads it, then by id; claims naming no entity last. The
   * names are ranked once per entity list, so sorting tens of thousands of
   * groups compares numbers; the unfiltered order is kept until a count changes.
   */
  entityOrder(counts: ReadonlyMap<string, number> = this.entityCounts): string[] {
    const list = this.index.entities();
    const whole = counts === this.entityCounts;
    if (whole && this.sortedEntities?.version === this.entityVersion && this.sortedEntities.list === list) return this.sortedEntities.keys;
    const { rank, ids } = this.ranks();
    // One number per group, sorted as numbers: count descending in the high part, the name's rank in the low part.
    const keys = new Float64Array(counts.size);
    let n = 0, none = false;
    for (const [id, count] of counts) {
      if (id === NO_ENTITY) { none = count > 0; continue; }
      const r = rank.get(id);
      if (r === undefined || count <= 0) continue;
      keys[n++] = (RANKS - Math.min(count, RANKS - 1)) * RANKS + r;
    }
    const sorted = keys.subarray(0, n).sort();
    const out = Array.from(sorted, (k) => ids[k % RANKS]!);
    if (none) out.push(NO_ENTITY);
    if (whole) this.sortedEntities = { version: this.entityVersion, list, keys: out };
    return out;
  }

  // ---- keeping up ------------------------------------------------------------------

  private ranks(): NonNullable<ClaimGroups['entityRanks']> {
    const list = this.index.entities();
    if (this.entityRanks?.list !== list) {
      const byId = new Map(list.map((e) => [e.id, e]));
      const ids = [...byId.keys()].sort((a, b) => byId.get(a)!.name.localeCompare(byId.get(b)!.name) || (a < b ? -1 : a > b ? 1 : 0));
      this.entityRanks = { list, byId, ids, rank: new Map(ids.map((id, i) => [id, i])) };
    }
    return this.entityRanks;
  }

  /**
   * Entities came or went: every name already resolved is resolved again,
   * and the notes that link to a name whose entity changed are looked at
   * again. A rewritten registry resolves most names as before.
   */
  private syncEntities(): void {
    const list = this.index.entities();
    if (list === this.entityList) return;
    this.entityList = list;
    const moved = new Set<string>();
    for (const [key, slot] of this.named) {
      const id = this.resolve(slot.target);
      if (id !== slot.id) { slot.id = id; moved.add(key); }
    }
    if (moved.size === 0) return;
    for (const entry of this.notes.values()) {
      // A note not resolved yet is resolved with the names as they are now when its turn comes.
      if (!entry.resolved || !entry.model.links.some((l) => l.claim >= 0 && moved.has(l.key))) continue;
      const again = this.groupsOf(entry.model);
      this.notes.set(entry.model.uri, again);
      this.countEntities(entry, again);
    }
  }

  private resolve(target: string): string | null {
    const found = this.index.resolveEntity(target);
    return found.length === 1 ? found[0]!.id : null;
  }

  private syncNote(uri: string): void {
    const old = this.notes.get(uri);
    const model = this.index.notes.get(uri);
    if (old?.model === model) return;
    const entry = model && (this.resolving ? this.groupsOf(model) : new NoteGroups(model, undefined, undefined));
    if (entry) this.notes.set(uri, entry); else this.notes.delete(uri);
    if (!old !== !entry) this.noteSet++;
    if ((old?.model.claims.length ?? 0) > 0 !== (model?.claims.length ?? 0) > 0) this.claimed++;
    for (const [e, sign] of [[old, -1], [entry, 1]] as const) {
      if (!e?.model.claims.length) continue;
      this.claims += sign * e.model.claims.length;
      for (const claim of e.model.claims) bump(this.statusCounts, claim.status ?? NO_STATUS, sign);
    }
    this.countEntities(old, entry);
  }

  /**
   * Takes what a note's old claims named out of the counts by entity and
   * puts its new ones in (a note not resolved yet counts for none); the
   * order by entity is sorted again only if a count moved.
   */
  private countEntities(old: NoteGroups | undefined, entry: NoteGroups | undefined): void {
    const byEntity = new Map<string, number>();
    for (const [e, sign] of [[old, -1], [entry, 1]] as const) {
      if (!e?.resolved) continue;
      for (let i = 0; i < e.model.claims.length; i++) {
        const ids = e.entities(i);
        if (ids.length === 0) byEntity.set(NO_ENTITY, (byEntity.get(NO_ENTITY) ?? 0) + sign);
        else for (const id of ids) byEntity.set(id, (byEntity.get(id) ?? 0) + sign);
      }
    }
    let moved = false;
    for (const [id, n] of byEntity) if (n !== 0) { bump(this.entityCounts, id, n); moved = true; }
    if (moved) this.entityVersion++;
  }

  /** For each claim of a note, the ids of the entities it names, once each: one pass over the links, each name resolved once. */
  private groupsOf(note: NoteModel): NoteGroups {
    let per: Array<string[] | undefined> | undefined;
    for (const link of note.links) {
      if (link.claim < 0 || link.claim >= note.claims.length) continue;
      let slot = this.named.get(link.key);
      if (!slot) this.named.set(link.key, (slot = { target: link.target, id: this.resolve(link.target) }));
      const id = slot.id;
      if (id === null) continue;
      per ??= [];
      const ids = per[link.claim] ??= [];
      if (!ids.includes(id)) ids.push(id);
    }
    if (!per) return new NoteGroups(note, NONE, undefined);
    let n = 0;
    const ends: number[] = new Array<number>(note.claims.length);
    for (let i = 0; i < ends.length; i++) ends[i] = n += per[i]?.length ?? 0;
    const flat: string[] = new Array<string>(n);
    for (let i = 0, j = 0; i < ends.length; i++) for (const id of per[i] ?? NONE) flat[j++] = id;
    return new NoteGroups(note, flat, ends);
  }
}

/** Counts and ranks share one float: both stay below this. */
const RANKS = 2 ** 26;

function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n); else counts.delete(key);
}

/** A note's label in the panel: its file name without the folder. */
export function noteLabel(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
