// Diagnostics of one file: what the parser found, plus what only the whole
// workspace can tell — unknown entities, duplicate ids, dangling references,
// unknown statuses, ambiguous names, missing sources and `supports` cycles;
// and, through a hook, what anchoring the quotes finds.
import { type CancellationToken, neverCancelled } from '../base/cancellation';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type ClaimRef, type EntityDef, type NoteModel, type Problem, type Range } from '../notes/model';
import { foldName } from '../text/names';
import { insideWorkspace, sourceUri } from '../anchoring/sourceRefs';
import { consistencyProblems } from './consistency';

export interface DiagnosticOptions {
  allowOutsideWorkspace?: boolean;
  /** Problems found by anchoring the note's quotes in their sources (features/anchoring.ts). */
  quoteProblems?: (note: NoteModel) => Promise<Problem[]>;
  /** Claims in other notes that look like the note's claims (the service's near-duplicate index). */
  nearDuplicates?: (note: NoteModel) => Promise<Problem[]>;
}

export async function diagnose(index: WorkspaceIndex, uri: string, options: DiagnosticOptions = {},
  token: CancellationToken = neverCancelled): Promise<Problem[]> {
  const problems = [...index.fileProblems(uri)];
  const note = index.notes.get(uri);
  if (note) {
    append(problems, noteProblems(index, note));
    append(problems, consistencyProblems(index, note));
    if (options.nearDuplicates) append(problems, await options.nearDuplicates(note));
    if (note.entity) problems.push(...ambiguity(index, note.entity));
    if (!token.isCancellationRequested) problems.push(...await sourceProblems(index, note, options));
    if (options.quoteProblems && !token.isCancellationRequested) append(problems, await options.quoteProblems(note));
  }
  const reg = index.registries.get(uri);
  if (reg) for (const e of reg.entities) problems.push(...ambiguity(index, e));
  return problems;
}

/** Adds `more` to `to`: spreading a list of tens of thousands of problems into push() overflows the stack. */
function append<T>(to: T[], more: readonly T[]): void {
  for (const x of more) to.push(x);
}

export function noteProblems(index: WorkspaceIndex, note: NoteModel): Problem[] {
  const out: Problem[] = [];
  const ids = new Map<string, Claim[]>();
  for (const c of note.claims) {
    if (c.id) { const same = ids.get(c.id); if (same) same.push(c); else ids.set(c.id, [c]); }
    else if (c.text) {
      out.push({ code: 'missing-id', severity: 'hint', range: c.tagRange, message: 'This claim has no ^id; other notes cannot reference it.' });
    }
    const statuses = c.fields.filter((f) => f.key === 'status');
    for (const f of statuses) {
      const v = f.value.trim().toLowerCase();
      if (v && !index.config.statuses.some((s) => s.id === v)) {
        out.push({
          code: 'unknown-status', severity: 'warning', range: f.valueRange, data: { status: v },
          message: `Unknown status "${f.value.trim()}": use one of ${index.config.statuses.map((s) => s.id).join(', ')}.`,
        });
      }
    }
    if (statuses.length > 1) {
      out.push({ code: 'duplicate-status', severity: 'warning', range: statuses[1].keyRange, message: 'This claim has more than one status; the first one counts.' });
    }
  }
  for (const [id, claims] of ids) {
    if (claims.length < 2) continue;
    for (const c of claims) {
      out.push({ code: 'duplicate-id', severity: 'error', range: c.idRange!, message: `The claim id ^${id} is used ${claims.length} times in this note; ids must be unique.` });
    }
  }
  for (const link of note.links) {
    if (link.claim < 0 || link.anchor?.startsWith('^')) continue;
    const entities = index.resolveLink(link);
    if (entities.length > 0 || !link.target) continue;
    if (link.field === 'evidence' || index.resolveNote(link.target, note.uri).length > 0) continue;
    out.push({
      code: 'unknown-entity', severity: 'warning', range: link.targetRange, data: { name: link.target },
      message: `Unknown entity "${link.target}": it is in no entities.yaml and names no note.`,
    });
  }
  for (const ref of note.refs) {
    if (index.refTargetExists(note, ref)) continue;
    const where = ref.note === undefined ? 'in this note' : index.resolveNote(ref.note, note.uri).length ? `in ${ref.note}` : `(no note named "${ref.note}")`;
    out.push({ code: 'dangling-ref', severity: 'warning', range: ref.range, message: `No claim ^${ref.id} ${where}.` });
  }
  append(out, cycles(index, note));
  return out;
}

/** `supports` edges that lead back to the claim they start from. */
function cycles(index: WorkspaceIndex, note: NoteModel): Problem[] {
  const out: Problem[] = [];
  // Each note's `supports` references grouped by claim once, so the walk stays linear in the note's size.
  const grouped = new Map<NoteModel, Map<number, ClaimRef[]>>();
  const supportsOf = (n: NoteModel, claimIndex: number): ClaimRef[] => {
    let byClaim = grouped.get(n);
    if (!byClaim) {
      byClaim = new Map();
      for (const r of n.refs) {
        if (r.field !== 'supports') continue;
        const list = byClaim.get(r.claim);
        if (list) list.push(r); else byClaim.set(r.claim, [r]);
      }
      grouped.set(n, byClaim);
    }
    return byClaim.get(claimIndex) ?? [];
  };
  note.claims.forEach((claim, ci) => {
    for (const ref of supportsOf(note, ci)) {
      const path = findPath(index, note, ref, claim, supportsOf);
      if (path) {
        out.push({
          code: 'relation-cycle', severity: 'warning', range: ref.range,
          message: `"supports" goes round in a circle: ^${claim.id ?? '?'} → ${path.map((p) => '^' + p).join(' → ')}.`,
        });
      }
    }
  });
  return out;
}

const claimIndexes = new WeakMap<NoteModel, Map<Claim, number>>();

/** A claim's position in its note, from a map built once per parsed note (indexOf would make the walk quadratic). */
function claimIndex(note: NoteModel, claim: Claim): number {
  let map = claimIndexes.get(note);
  if (!map) claimIndexes.set(note, map = new Map(note.claims.map((c, i) => [c, i])));
  return map.get(claim) ?? -1;
}

function findPath(index: WorkspaceIndex, from: NoteModel, ref: ClaimRef, goal: Claim,
  supportsOf: (n: NoteModel, i: number) => ClaimRef[]): string[] | undefined {
  const seen = new Set<Claim>();
  const walk = (n: NoteModel, r: ClaimRef, trail: string[]): string[] | undefined => {
    const t = index.resolveRef(n, r);
    if (!t) return undefined;
    const next = [...trail, t.claim.id ?? '?'];
    if (t.claim === goal) return next;
    if (seen.has(t.claim) || next.length > 64) return undefined;
    seen.add(t.claim);
    const ci = claimIndex(t.note, t.claim);
    for (const r2 of supportsOf(t.note, ci)) {
      const found = walk(t.note, r2, next);
      if (found) return found;
    }
    return undefined;
  };
  return walk(from, ref, []);
}

/** Names and aliases of this entity that other entities claim too. */
export function ambiguity(index: WorkspaceIndex, e: EntityDef): Problem[] {
  const out: Problem[] = [];
  const check = (name: string, range: Range) => {
    const others = index.resolveEntity(name).filter((o) => o !== e);
    if (others.length === 0) return;
    const where = others.map((o) => `${o.name} (${o.id})`).join(', ');
    out.push({ code: 'ambiguous-name', severity: 'warning', range, message: `"${name}" also names ${where}: a mention of it is ambiguous.` });
  };
  check(e.name, e.nameRange);
  const own = foldName(e.name);
  e.aliases.forEach((a, i) => { if (foldName(a) !== own) check(a, e.aliasRanges[i]); });
  return out;
}

async function sourceProblems(index: WorkspaceIndex, note: NoteModel, options: DiagnosticOptions): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const s of note.sources) {
    if (!s.path || !s.pathRange) continue;
    const uri = sourceUri(note, s)!;
    if (!options.allowOutsideWorkspace && !insideWorkspace(index.workspace, uri)) {
      out.push({
        code: 'source-outside', severity: 'warning', range: s.pathRange,
        message: 'This source lies outside the workspace folders, so it is not read (setting claimlens.sources.allowOutsideWorkspace).',
      });
      continue;
    }
    const stat = await index.workspace.stat(uri);
    if (!stat) out.push({ code: 'source-missing', severity: 'error', range: s.pathRange, message: `Source file not found: ${s.path}` });
  }
  return out;
}
