// The workspace index: every note, registry and config, parsed once and
// updated one file at a time. Cross-file questions (who mentions this entity,
// who references this claim) are answered from reverse maps keyed by the
// folded name as written, so an edit re-parses one file and touches only its
// own entries — nothing else is re-resolved until someone asks.
import { type CancellationToken, neverCancelled, TimeSlice } from '../base/cancellation';
import { defaultConfig, parseConfig } from '../notes/config';
import { type Decoded, decodeText, tooLarge } from '../text/decode';
import { type Claim, type ClaimRef, type Config, type EntityDef, type NoteModel, type Problem, type WikiLink } from '../notes/model';
import { foldName, noteBaseName } from '../text/names';
import { parseNote } from '../notes/parser';
import { parseRegistry, type Registry } from '../notes/registry';
import { FileClassifier, scanWorkspace, type FileKind } from './scan';
import { RecentTexts } from './diskLines';
import { type Logger, type Workspace, dirname, relativeTo, silentLogger } from './workspace';

export interface IndexOptions {
  include?: string[];
  exclude?: string[];
  /** Files larger than this are skipped with a reason (bytes). */
  maxFileSize?: number;
  logger?: Logger;
}

export interface Skipped { uri: string; reason: string }
export interface ResolvedClaim { note: NoteModel; claim: Claim }
export interface Mention { uri: string; link: WikiLink }
export interface Reference { uri: string; ref: ClaimRef }

type Listener = (uris: string[]) => void;

export class WorkspaceIndex {
  readonly notes = new Map<string, NoteModel>();
  readonly registries = new Map<string, Registry>();
  readonly skipped = new Map<string, string>();
  config: Config = defaultConfig();
  configUri: string | undefined;
  private classifier: FileClassifier;
  private readonly logger: Logger;
  private readonly maxFileSize: number;
  /** folded key (id, name, alias, entity-note file name) → entities. */
  private readonly entityKeys = new Map<string, EntityDef[]>();
  /** folded note file name → note URIs. */
  private readonly notesByBase = new Map<string, string[]>();
  /**
   * folded link target → every link to it, each after its note ([note,
   * link, note, link, …]): a note's links in one run, in the note's order. A
   * much-named entity's 10,000 mentions are read from here, not found among
   * the 190,000 links of the notes that hold them. One list a target, copied
   * to its length once the cold index is done (a list grown by push keeps
   * room to spare: two lists a target, unpacked, took 14 MB at 10k notes).
   */
  private readonly linkers = new Map<string, LinkList>();
  /** Folded note name → claim id → URIs of the files that reference that claim (two maps: no key is built per question). */
  private readonly referrers = new Map<string, Map<string, string[]>>();
  private readonly listeners: Listener[] = [];
  private entityList: EntityDef[] | undefined;
  /** Change counters: see mentionVersion(). Not counted during the cold build, when nothing is cached yet. */
  private version = 0;
  private entityVersion = 0;
  private built = false;
  private readonly keyVersions = new Map<string, number>();
  private readonly memos = new WeakMap<EntityDef, Map<string, { version: number; value: unknown }>>();
  private readonly keyCache = new WeakMap<EntityDef, string[]>();
  /** Per parsed note (a new parse is a new object): its first claim with each id. */
  private readonly claimIds = new WeakMap<NoteModel, Map<string, Claim>>();
  private readonly refIds = new WeakMap<NoteModel, Map<string, ClaimRef[]>>();
  /** Per parsed note: its folded file name (noteKey), asked for each reference to its claims. */
  private readonly noteKeys = new WeakMap<NoteModel, string>();

  /**
   * The texts of notes read again for their claims' lines (see diskLines.ts),
   * when the workspace can read synchronously; a note found changed on disk
   * since its parse is read again.
   */
  private readonly texts: RecentTexts | undefined;

  constructor(readonly workspace: Workspace, private readonly options: IndexOptions = {}) {
    const readSync = workspace.readTextSync?.bind(workspace);
    if (readSync) {
      this.texts = new RecentTexts((uri) => readSync(uri, this.maxFileSize), (lines) => {
        if (this.notes.get(lines.uri)?.lines === lines) void this.refresh(lines.uri);
      });
    }
    this.logger = options.logger ?? silentLogger;
    this.maxFileSize = options.maxFileSize ?? 10 * 1024 * 1024;
    this.classifier = new FileClassifier({ include: options.include ?? [], exclude: options.exclude ?? [] });
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(listener), 1) };
  }

  /** Scans the workspace folders and reads every file: the cold start. */
  /**
   * Scans the workspace folders and reads every file: the cold start. It lets
   * other work in every few milliseconds, so requests are answered from what
   * is read so far; `progress` hears how many files are read of how many. A
   * file set with `update` meanwhile (an open document) is not read from disk.
   */
  async build(token: CancellationToken = neverCancelled, progress?: (done: number, total: number) => void): Promise<void> {
    this.building = new Set();
    const found = await scanWorkspace(this.workspace, this.classifier, this.logger, token);
    for (const uri of found.configs.slice(0, 1)) await this.readFile(uri, 'config');
    if (this.config.include.join() !== '**/*.md' || this.config.exclude.length) {
      // The config narrows which notes count: classify again with its globs.
      this.classifier = new FileClassifier({
        include: this.options.include?.length ? this.options.include : this.config.include,
        exclude: [...(this.options.exclude ?? []), ...this.config.exclude],
      });
      found.notes = found.notes.filter((u) => this.kindOf(u) === 'note');
    }
    const all: Array<[string, FileKind]> = [
      ...found.registries.map((u) => [u, 'registry'] as [string, FileKind]),
      ...found.notes.map((u) => [u, 'note'] as [string, FileKind]),
    ];
    // File by file, letting other work in every few milliseconds: a request waits at most one slice for its turn.
    const slice = new TimeSlice();
    const set = this.building;
    for (let i = 0; i < all.length && !token.isCancellationRequested; i++) {
      const [u, k] = all[i]!;
      if (!set.has(u)) await this.readFile(u, k);
      if ((i & 63) === 63 || i === all.length - 1) progress?.(i + 1, all.length);
      if (slice.due()) await slice.yield();
    }
    this.building = undefined;
    this.built = true;
    // What was answered from part of the workspace (an entity's card hovered during the build) is out of date now.
    this.entityVersion = ++this.version;
    for (const [key, list] of this.linkers) this.linkers.set(key, list.slice());
    this.fire(all.map(([u]) => u));
  }

  /** Files set with `update` while the cold build runs: the build leaves them as they are. */
  private building: Set<string> | undefined;

  /** What a URI is to the index: note, registry, config, or nothing. */
  kindOf(uri: string): FileKind {
    for (const folder of this.workspace.folders) {
      const rel = relativeTo(folder, uri);
      if (rel !== undefined) return this.classifier.kind(rel);
    }
    return undefined;
  }

  /**
   * A folder created, renamed or deleted on disk: forgets every file that was
   * under it and reads every file that is under it now (the scan's rules, its
   * .gitignore files included, apply as at the start).
   */
  async refreshFolder(uri: string, token: CancellationToken = neverCancelled): Promise<void> {
    const prefix = uri + '/';
    const known = [...this.notes.keys(), ...this.registries.keys(), ...this.skipped.keys()];
    if (this.configUri) known.push(this.configUri);
    const gone = known.filter((u) => u.startsWith(prefix));
    for (const u of gone) this.remove(u, false);
    const found = await scanWorkspace(this.workspace, this.classifier, this.logger, token);
    const under: Array<[string, FileKind]> = [
      ...found.registries.filter((u) => u.startsWith(prefix)).map((u) => [u, 'registry'] as [string, FileKind]),
      ...found.notes.filter((u) => u.startsWith(prefix)).map((u) => [u, 'note'] as [string, FileKind]),
    ];
    for (const [u, k] of under) await this.readFile(u, k);
    this.fire([...new Set([...gone, ...under.map(([u]) => u)])]);
  }

  /** Whether anything indexed lies under this folder URI. */
  holdsFilesUnder(uri: string): boolean {
    const prefix = uri + '/';
    for (const map of [this.notes, this.registries, this.skipped]) for (const u of map.keys()) if (u.startsWith(prefix)) return true;
    return false;
  }

  /** Re-reads a file from the workspace (created or changed on disk). */
  async refresh(uri: string): Promise<void> {
    const kind = this.kindOf(uri);
    if (!kind) return;
    await this.readFile(uri, kind);
    this.fire([uri]);
  }

  private async readFile(uri: string, kind: FileKind): Promise<void> {
    let decoded: Decoded | undefined;
    try {
      if (this.workspace.readText) {
        decoded = await this.workspace.readText(uri, this.maxFileSize);
      } else {
        const bytes = await this.workspace.readFile(uri);
        if (bytes) decoded = bytes.length > this.maxFileSize ? { error: tooLarge(this.maxFileSize) } : decodeText(bytes);
      }
    } catch (e) {
      this.skip(uri, `unreadable: ${(e as Error).message ?? String(e)}`);
      return;
    }
    if (!decoded) { this.remove(uri, false); return; }
    if ('error' in decoded) { this.skip(uri, decoded.error); return; }
    this.set(uri, decoded.text, kind, decoded.stamp);
  }

  private skip(uri: string, reason: string): void {
    this.remove(uri, false);
    this.skipped.set(uri, reason);
    this.logger.log(`${uri}: ${reason}`);
  }

  /** Sets a file's text (an open document's, or read from disk) and re-indexes it alone. */
  update(uri: string, text: string): void {
    const kind = this.kindOf(uri);
    if (!kind) return;
    this.building?.add(uri);
    if (text.length > this.maxFileSize) {
      this.skip(uri, tooLarge(this.maxFileSize));
    } else {
      this.set(uri, text, kind);
    }
    this.fire([uri]);
  }

  /** Indexes a file's text; `stamp` is given for a text just read from disk (see Decoded), not for an open document's. */
  private set(uri: string, text: string, kind: FileKind, stamp?: string): void {
    this.skipped.delete(uri);
    if (kind === 'note') {
      const old = this.notes.get(uri);
      const note = parseNote(uri, this.noteName(uri), text, stamp !== undefined ? this.texts?.source(uri, stamp) : undefined);
      if (old) {
        this.unlinkNote(old, note);
        this.notes.set(uri, note);
        this.linkNote(note, true);
      } else {
        this.notes.set(uri, note);
        this.linkNote(note);
      }
    } else if (kind === 'registry') {
      const old = this.registries.get(uri);
      if (old) old.entities.forEach((e) => this.removeEntity(e));
      const reg = parseRegistry(uri, text);
      this.registries.set(uri, reg);
      reg.entities.forEach((e) => this.addEntity(e));
    } else if (kind === 'config') {
      if (this.configUri && this.configUri !== uri) return;
      this.configUri = uri;
      this.config = parseConfig(text);
      this.entityVersion = ++this.version;
    }
  }

  /** Forgets a file (deleted, or renamed away). */
  delete(uri: string): void {
    this.remove(uri, true);
  }

  private remove(uri: string, fire: boolean): void {
    this.skipped.delete(uri);
    const note = this.notes.get(uri);
    if (note) { this.unlinkNote(note); this.notes.delete(uri); }
    const reg = this.registries.get(uri);
    if (reg) { reg.entities.forEach((e) => this.removeEntity(e)); this.registries.delete(uri); }
    if (uri === this.configUri) { this.configUri = undefined; this.config = defaultConfig(); this.entityVersion = ++this.version; }
    if (fire) this.fire([uri]);
  }

  private fire(uris: string[]): void {
    for (const l of [...this.listeners]) l(uris);
  }

  // ---- names -------------------------------------------------------------

  /** Workspace-relative path without `.md`. */
  noteName(uri: string): string {
    for (const folder of this.workspace.folders) {
      const rel = relativeTo(folder, uri);
      if (rel !== undefined) return rel.replace(/\.md$/i, '');
    }
    return noteBaseName(decodeURIComponent(uri));
  }

  /** The note's file name folded: what `[[name]]` matches. */
  private noteKey(uri: string): string {
    const note = this.notes.get(uri);
    if (!note) return foldName(noteBaseName(decodeURIComponent(uri)));
    let key = this.noteKeys.get(note);
    if (key === undefined) this.noteKeys.set(note, key = foldName(noteBaseName(note.name)));
    return key;
  }

  /** Lists a note's links, references and entity; `placed`: its links were put in place already (see unlinkNote). */
  private linkNote(note: NoteModel, placed = false): void {
    pushTo(this.notesByBase, this.noteKey(note.uri), note.uri);
    if (!placed) for (const link of note.links) addLink(this.linkers, note, link);
    // Nothing to mark key by key during the cold index (touch() would skip each key): its end marks every entity changed.
    if (this.built) for (const key of this.linkKeys(note)) this.touch(key);
    for (const ref of note.refs) {
      const target = this.refNote(note, ref);
      let byId = this.referrers.get(target);
      if (!byId) this.referrers.set(target, byId = new Map());
      const files = byId.get(ref.id);
      // A note's references to one claim come in this loop alone: the note is listed once.
      if (!files) byId.set(ref.id, [note.uri]); else if (files[files.length - 1] !== note.uri) files.push(note.uri);
    }
    if (note.entity) this.addEntity(note.entity);
  }

  /**
   * Unlists a note's links, references and entity. With `next`, the note's
   * new parse, the new links take the old ones' place in each list they
   * share (see replaceRun), and its links to names the old one did not name
   * are appended.
   */
  private unlinkNote(note: NoteModel, next?: NoteModel): void {
    pullFrom(this.notesByBase, this.noteKey(note.uri), note.uri);
    const runs = next ? linkRuns(next) : undefined;
    for (const key of this.linkKeys(note)) {
      const list = this.linkers.get(key);
      if (list) {
        const run = runs?.get(key);
        runs?.delete(key);
        replaceRun(list, note, run ?? []);
        if (list.length === 0) this.linkers.delete(key);
      }
      this.touch(key);
    }
    for (const [key, run] of runs ?? []) {
      const list = this.linkers.get(key);
      if (list) for (const item of run) list.push(item); else this.linkers.set(key, run);
    }
    for (const ref of note.refs) {
      const target = this.refNote(note, ref);
      const byId = this.referrers.get(target);
      const files = byId?.get(ref.id);
      const at = files ? files.indexOf(note.uri) : -1;
      if (at < 0) continue;
      files!.splice(at, 1);
      if (files!.length > 0) continue;
      byId!.delete(ref.id);
      if (byId!.size === 0) this.referrers.delete(target);
    }
    if (note.entity) this.removeEntity(note.entity);
  }

  /** Marks what links to `key` as changed, for caches of per-entity answers. */
  private touch(key: string): void {
    if (this.built) this.keyVersions.set(key, ++this.version);
  }

  /**
   * A number that changes whenever anything an entity's mentions depend on
   * changes: a file linking to one of its names, or any entity definition.
   */
  mentionVersion(entity: EntityDef): number {
    let v = this.entityVersion;
    for (const k of this.entityKeysOf(entity)) v = Math.max(v, this.keyVersions.get(k) ?? 0);
    return v;
  }

  /** `compute()` for this entity, remembered until its mentionVersion() changes. */
  memo<T>(entity: EntityDef, name: string, compute: () => T): T {
    const version = this.mentionVersion(entity);
    let slot = this.memos.get(entity);
    if (!slot) this.memos.set(entity, (slot = new Map()));
    const hit = slot.get(name);
    if (hit && hit.version === version) return hit.value as T;
    const value = compute();
    slot.set(name, { version, value });
    return value;
  }

  private linkKeys(note: NoteModel): Set<string> {
    const keys = new Set<string>();
    for (const link of note.links) keys.add(link.key);
    return keys;
  }

  /** The folded name of the note a reference names: its own note's when it names none. */
  private refNote(from: NoteModel, ref: ClaimRef): string {
    return ref.note !== undefined ? foldName(noteBaseName(ref.note)) : this.noteKey(from.uri);
  }

  /** The folded id, name, aliases (and file name, for an entity note) of an entity (cached: entities do not change, they are replaced). */
  entityKeysOf(e: EntityDef): string[] {
    let keys = this.keyCache.get(e);
    if (!keys) {
      const names = [e.id, e.name, ...e.aliases, ...(e.fileName !== undefined ? [e.fileName] : [])];
      keys = [...new Set(names.map(foldName))].filter((k) => k.length > 0);
      this.keyCache.set(e, keys);
    }
    return keys;
  }

  /** How many links (in claims or prose) resolve to this entity: what counting its mentions would read. */
  mentionCount(entity: EntityDef): number {
    let n = 0;
    for (const list of this.mentionLists(entity)) n += list.length / 2;
    return n;
  }

  /** The lists of links under the entity's names that resolve to it (an ambiguous name resolves to several). */
  private mentionLists(entity: EntityDef): LinkList[] {
    const lists: LinkList[] = [];
    for (const k of this.entityKeysOf(entity)) {
      const list = this.linkers.get(k);
      if (list && (this.entityKeys.get(k) ?? []).includes(entity)) lists.push(list);
    }
    return lists;
  }

  /** A note's file name without `.md`, as `[[…]]` writes it. */
  noteBase(note: NoteModel): string {
    return noteBaseName(note.name);
  }

  private addEntity(e: EntityDef): void {
    this.entityList = undefined;
    this.entityVersion = ++this.version;
    for (const k of this.entityKeysOf(e)) pushTo(this.entityKeys, k, e);
  }

  private removeEntity(e: EntityDef): void {
    this.entityList = undefined;
    this.entityVersion = ++this.version;
    for (const k of this.entityKeysOf(e)) pullFrom(this.entityKeys, k, e);
  }

  // ---- questions -----------------------------------------------------------

  /** Entities a name resolves to (more than one: ambiguous). */
  resolveEntity(name: string): EntityDef[] {
    return this.entityKeys.get(foldName(name)) ?? [];
  }

  /** Entities a link resolves to: resolveEntity of its target, by the key the parser folded once. */
  resolveLink(link: WikiLink): EntityDef[] {
    return this.entityKeys.get(link.key) ?? [];
  }

  /** Every entity once, in definition order; cached until an entity changes. */
  entities(): EntityDef[] {
    if (!this.entityList) {
      const out = new Set<EntityDef>();
      for (const list of this.entityKeys.values()) list.forEach((e) => out.add(e));
      this.entityList = [...out];
    }
    return this.entityList;
  }

  /** Notes a wikilink target names: by file name, or by path when it has a `/`. */
  resolveNote(target: string, from?: string): NoteModel[] {
    const t = target.replace(/\.md$/i, '');
    const set = this.notesByBase.get(foldName(noteBaseName(t)));
    if (!set) return [];
    let notes = [...set].map((u) => this.notes.get(u)!).filter(Boolean);
    if (t.includes('/')) notes = notes.filter((n) => foldName(n.name).endsWith(foldName(t.replace(/^\.?\//, ''))));
    if (notes.length > 1 && from) {
      // Same folder first, as note tools do when two notes share a name.
      const dir = dirname(from);
      notes.sort((a, b) => Number(dirname(b.uri) === dir) - Number(dirname(a.uri) === dir));
    }
    return notes;
  }

  /**
   * The note's first claim with this id (what a reference to it names; the
   * others are duplicates), from a map built once per parsed note.
   */
  claimById(note: NoteModel, id: string): Claim | undefined {
    let byId = this.claimIds.get(note);
    if (!byId) {
      byId = new Map();
      for (const c of note.claims) if (c.id !== undefined && !byId.has(c.id)) byId.set(c.id, c);
      this.claimIds.set(note, byId);
    }
    return byId.get(id);
  }

  /** A note's references to claims with this id, from a map built once per parsed note. */
  private refsById(note: NoteModel, id: string): readonly ClaimRef[] {
    let byId = this.refIds.get(note);
    if (!byId) {
      byId = new Map();
      for (const r of note.refs) {
        const list = byId.get(r.id);
        if (list) list.push(r); else byId.set(r.id, [r]);
      }
      this.refIds.set(note, byId);
    }
    return byId.get(id) ?? [];
  }

  /** The claim a reference points to, if it exists. */
  resolveRef(from: NoteModel, ref: ClaimRef): ResolvedClaim | undefined {
    if (ref.note === undefined) {
      const claim = this.claimById(from, ref.id);
      return claim ? { note: from, claim } : undefined;
    }
    for (const note of this.resolveNote(ref.note, from.uri)) {
      const claim = this.claimById(note, ref.id);
      if (claim) return { note, claim };
    }
    return undefined;
  }

  /** Does the reference point to a block that exists (a claim or any `^id`)? */
  refTargetExists(from: NoteModel, ref: ClaimRef): boolean {
    const notes = ref.note !== undefined ? this.resolveNote(ref.note, from.uri) : [from];
    return notes.some((n) => n.blockIds.has(ref.id));
  }

  /** Every link in the workspace that resolves to this entity, in file order. */
  mentionsOf(entity: EntityDef): Mention[] {
    const out: Mention[] = [];
    this.forEachMention(entity, (note, link) => out.push({ uri: note.uri, link }), true);
    return out;
  }

  /**
   * Visits the links that resolve to this entity, each note's together and
   * in the note's order (so a claim's links come one after the other): the
   * notes by file URI when `ordered`, else in no particular order, the fast
   * path for tallies.
   */
  forEachMention(entity: EntityDef, visit: (note: NoteModel, link: WikiLink) => void, ordered = false): void {
    const lists = this.mentionLists(entity);
    if (!ordered && lists.length === 1) {
      // One name: its list holds each note's links together (a note re-read is taken out and added again at the end).
      const list = lists[0]!;
      for (let i = 0; i < list.length; i += 2) visit(list[i] as NoteModel, list[i + 1] as WikiLink);
      return;
    }
    if (lists.length === 1) {
      // One name: its runs (one per note) sorted by URI, the links within each as they are.
      const list = lists[0]!;
      const runs: number[] = [];
      for (let i = 0; i < list.length; i += 2) if (i === 0 || list[i] !== list[i - 2]) runs.push(i);
      const uriAt = (i: number) => (list[i] as NoteModel).uri;
      runs.sort((a, b) => (uriAt(a) < uriAt(b) ? -1 : 1));
      for (const start of runs) for (let i = start; i < list.length && list[i] === list[start]; i += 2) visit(list[i] as NoteModel, list[i + 1] as WikiLink);
      return;
    }
    // Several names of one entity: each note's links are read in its order, across the names.
    const keys = new Set(lists.map((l) => (l[1] as WikiLink).key));
    const notes = [...new Set(lists.flatMap((l) => l.filter((_, i) => i % 2 === 0) as NoteModel[]))];
    if (ordered) notes.sort((a, b) => (a.uri < b.uri ? -1 : 1));
    for (const note of notes) for (const link of note.links) if (keys.has(link.key)) visit(note, link);
  }

  /** Every reference in the workspace that points to this claim. */
  referencesTo(note: NoteModel, claimId: string): Reference[] {
    const files = this.referrers.get(this.noteKey(note.uri))?.get(claimId);
    if (!files) return [];
    const out: Reference[] = [];
    for (const uri of files.length > 1 ? [...files].sort() : files) {
      const from = this.notes.get(uri);
      if (!from) continue;
      for (const ref of this.refsById(from, claimId)) {
        // A reference within its note names that note's claim when the note has one with the id.
        const named = ref.note === undefined ? from === note && this.claimById(note, claimId) !== undefined : this.resolveRef(from, ref)?.note === note;
        if (named) out.push({ uri, ref });
      }
    }
    return out;
  }

  /** Claims that mention an entity (by a link in their text or fields). */
  claimsMentioning(entity: EntityDef): ResolvedClaim[] {
    const seen = new Set<Claim>();
    const out: ResolvedClaim[] = [];
    this.forEachMention(entity, (note, link) => {
      if (link.claim < 0) return;
      const claim = note.claims[link.claim];
      if (!seen.has(claim)) { seen.add(claim); out.push({ note, claim }); }
    });
    return out;
  }

  /** The claim's status, or the workspace's first status (the default) when it gives none. */
  statusOf(claim: Claim): string {
    return claim.status ?? this.config.statuses[0]?.id ?? 'unverified';
  }

  /** Problems found while reading a file (YAML, shape, skipped reasons). */
  fileProblems(uri: string): Problem[] {
    const skipped = this.skipped.get(uri);
    if (skipped) {
      return [{ code: 'skipped', severity: 'warning', message: `Claimlens did not read this file: ${skipped}.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    }
    if (uri === this.configUri) return this.config.problems;
    return this.notes.get(uri)?.problems ?? this.registries.get(uri)?.problems ?? [];
  }

  /** Counts for the status bar and the benchmark; `links` are the [[links]] inside claims. */
  stats(): { notes: number; claims: number; links: number; entities: number; skipped: number } {
    let claims = 0, links = 0;
    for (const n of this.notes.values()) {
      claims += n.claims.length;
      for (const l of n.links) if (l.claim >= 0) links++;
    }
    return { notes: this.notes.size, claims, links, entities: this.entities().length, skipped: this.skipped.size };
  }
}

/** The links to one key, each after its note: [note, link, note, link, …]. */
type LinkList = Array<NoteModel | WikiLink>;

/** A note's links by name, each as its run of a link list: note, link, note, link… */
function linkRuns(note: NoteModel): Map<string, LinkList> {
  const runs = new Map<string, LinkList>();
  for (const link of note.links) addLink(runs, note, link);
  return runs;
}

/** Appends a note's link to the list of its name in `lists`. */
function addLink(lists: Map<string, LinkList>, note: NoteModel, link: WikiLink): void {
  const list = lists.get(link.key);
  if (list) list.push(note, link); else lists.set(link.key, [note, link]);
}

/**
 * Replaces the run of `note`'s links in a link list (a note's links to one
 * name are one run) with `run`, in place: where the note has as many links to
 * the name as before (most edits), nothing is moved or allocated. Taking the
 * run out and appending the new one instead made the list copy itself on each
 * keystroke in a note naming the most linked entities (~1.3 MB for a 100 KB
 * note), and those copies made the young generation's collections slow. The
 * rest of the list is moved by hand, not by splice with the run spread as
 * arguments: a note may link one name a few hundred thousand times, past
 * what a call takes.
 */
function replaceRun(list: LinkList, note: NoteModel, run: LinkList): void {
  const start = list.indexOf(note);
  if (start < 0) { for (const item of run) list.push(item); return; }
  let end = start;
  while (end < list.length && list[end] === note) end += 2;
  const grow = run.length - (end - start);
  if (grow > 0) {
    for (let k = 0; k < grow; k++) list.push(note);
    for (let k = list.length - 1; k >= end + grow; k--) list[k] = list[k - grow]!;
  } else if (grow < 0) {
    for (let k = end; k < list.length; k++) list[k + grow] = list[k]!;
    list.length += grow;
  }
  for (let k = 0; k < run.length; k++) list[start + k] = run[k]!;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

function pullFrom<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}
