// Reasoning across claims: verdicts that cannot all be right. Each status has
// a stance (upheld, rejected, open); these checks compare a claim's stance
// with the stances of the claims it is linked to — by `contradicts`,
// `supports` and `same-as` — and report what does not add up, naming the other
// claim and pointing at it.
//
// The checks of one note's claims read only their neighbours, found through
// the index's reverse maps (WorkspaceIndex.referencesTo), so re-checking a
// note after an edit costs what its links cost, not what the workspace does.
import { type Claim, type ClaimRef, type NoteModel, type Problem, type Range, type Severity } from '../notes/model';
import { type Reference, type ResolvedClaim, type WorkspaceIndex } from '../workspace/workspaceIndex';
import { checkSeverity, stanceOf } from './stances';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** Where it shows in the claim's note. */
  range: Range;
  claim: ResolvedClaim;
  /** The claims it concerns besides `claim`. */
  others: ResolvedClaim[];
}

/** A linked claim, and the reference that links it when this claim's note declares it. */
interface Neighbour { target: ResolvedClaim; ref?: ClaimRef }

/** Every consistency finding of one note's claims. */
export function consistencyFindings(index: WorkspaceIndex, note: NoteModel): Finding[] {
  const out: Finding[] = [];
  const graph = new Links(index);
  // One plain function per claim, no closure: the export checks every claim of the workspace.
  for (const claim of note.claims) checkClaim(index, graph, { note, claim }, out);
  return out;
}

function checkClaim(index: WorkspaceIndex, graph: Links, self: ResolvedClaim, out: Finding[]): void {
  const claim = self.claim;
  const stance = stanceOf(index, claim);
  if (stance === 'upheld') {
    for (const n of graph.neighbours(self, 'contradicts')) {
      if (stanceOf(index, n.target.claim) !== 'upheld') continue;
      report(index, out, self, 'contradiction-upheld', `${nameOf(index, self)} and ${nameOf(index, n.target)} contradict each other, yet both are upheld (${verdicts(index, self, n.target)}).`,
        n.ref?.range ?? claimRange(claim), [n.target]);
    }
    const supporters = graph.incoming(self, 'supports');
    if (supporters.length > 0 && supporters.every((n) => stanceOf(index, n.target.claim) === 'rejected')) {
      report(index, out, self, 'support-rejected', `${nameOf(index, self)} is upheld, but every claim that supports it is rejected: ${supporters.map((n) => `${nameOf(index, n.target)} (${statusLabel(index, n.target.claim)})`).join(', ')}.`,
        claimRange(claim), supporters.map((n) => n.target));
    }
  }
  if (stance === 'rejected') {
    for (const n of graph.outgoing(self, 'supports')) {
      if (stanceOf(index, n.target.claim) !== 'upheld') continue;
      report(index, out, self, 'rejected-as-support', `${nameOf(index, self)} is rejected (${statusLabel(index, claim)}) but supports ${nameOf(index, n.target)}, which is upheld (${statusLabel(index, n.target.claim)}).`,
        n.ref?.range ?? claimRange(claim), [n.target]);
    }
  }
  for (const n of graph.sameClaim(self)) {
    const other = stanceOf(index, n.target.claim);
    if (other === stance) continue;
    report(index, out, self, 'same-claim-conflict', `${nameOf(index, n.target)} is the same claim, but its verdict is ${statusLabel(index, n.target.claim)} (${other}) and this one's is ${statusLabel(index, claim)} (${stance}).`,
      n.ref?.range ?? claimRange(claim), [n.target]);
  }
  if ((stance === 'upheld' || stance === 'rejected') && !hasGrounds(claim) && graph.incoming(self, 'supports').length === 0) {
    report(index, out, self, 'verdict-without-grounds', `${nameOf(index, self)} is ${statusLabel(index, claim)} with no quote::, no evidence:: and no claim that supports it.`,
      claimRange(claim), []);
  }
}

/** Adds a finding unless its check is off. */
function report(index: WorkspaceIndex, out: Finding[], claim: ResolvedClaim, code: string, message: string, range: Range, others: ResolvedClaim[]): void {
  const severity = checkSeverity(index, code);
  if (severity) out.push({ code, severity, message, range, claim, others });
}

/** The findings as the editor's diagnostics, each pointing at the other claims. */
export function consistencyProblems(index: WorkspaceIndex, note: NoteModel): Problem[] {
  return consistencyFindings(index, note).map((f) => ({
    code: f.code, severity: f.severity, message: f.message, range: f.range,
    ...(f.others.length ? { related: f.others.map((o) => ({ uri: o.note.uri, range: claimRange(o.claim), message: `${nameOf(index, o)}: ${statusLabel(index, o.claim)}` })) } : {}),
  }));
}

/** The claim's id, or its tag when it has none: where a finding about the whole claim shows. */
export function claimRange(claim: Claim): Range {
  return claim.idRange ?? claim.tagRange;
}

/** `[[note#^id]]` as a note would write it; a claim without id by its line. */
export function nameOf(index: WorkspaceIndex, c: ResolvedClaim): string {
  const note = index.noteBase(c.note);
  return c.claim.id ? `[[${note}#^${c.claim.id}]]` : `the claim at ${note}:${c.claim.line + 1}`;
}

export function statusLabel(index: WorkspaceIndex, claim: Claim): string {
  const id = index.statusOf(claim);
  return index.config.statuses.find((s) => s.id === id)?.label ?? id;
}

function verdicts(index: WorkspaceIndex, a: ResolvedClaim, b: ResolvedClaim): string {
  return `${statusLabel(index, a.claim)}, ${statusLabel(index, b.claim)}`;
}

function hasGrounds(claim: Claim): boolean {
  return claim.fields.some((f) => (f.key === 'quote' || f.key === 'evidence') && f.value.trim().length > 0);
}

/** What a claim linked to nothing gets: one shared empty list, never added to. */
const NONE: readonly Neighbour[] = [];

/** At most this many claims are followed through `same-as` links: a chain longer than that is a mistake to fix first. */
const MAX_SAME = 64;

/**
 * The links between claims, both ways: a note's own references (grouped by
 * claim once per note) and the references to a claim from anywhere (the
 * index's reverse map).
 */
export class Links {
  private readonly byClaim = new Map<NoteModel, Map<Claim, ClaimRef[]>>();
  /** The index's references to each claim asked about, read once whatever the field. */
  private readonly referencing = new Map<Claim, Reference[]>();
  constructor(private readonly index: WorkspaceIndex) {}

  /** The claims this one links to through `field`. */
  outgoing(from: ResolvedClaim, field: string): readonly Neighbour[] {
    let out: Neighbour[] | undefined;
    for (const ref of this.refsOf(from)) {
      if (ref.field !== field) continue;
      const target = this.index.resolveRef(from.note, ref);
      if (target) (out ??= []).push({ target, ref });
    }
    return out ?? NONE;
  }

  /** The claims that link to this one through `field`. */
  incoming(to: ResolvedClaim, field: string): readonly Neighbour[] {
    if (!to.claim.id) return NONE;
    let refs = this.referencing.get(to.claim);
    if (!refs) this.referencing.set(to.claim, refs = this.index.referencesTo(to.note, to.claim.id));
    let out: Neighbour[] | undefined;
    for (const r of refs) {
      if (r.ref.field !== field || r.ref.claim < 0) continue;
      const note = this.index.notes.get(r.uri);
      const claim = note?.claims[r.ref.claim];
      if (note && claim && this.index.resolveRef(note, r.ref)?.claim === to.claim) (out ??= []).push({ target: { note, claim } });
    }
    return out ?? NONE;
  }

  /** Both ways, each other claim once; a link of a claim to itself is no neighbour. */
  neighbours(c: ResolvedClaim, field: string): readonly Neighbour[] {
    const outgoing = this.outgoing(c, field);
    const incoming = this.incoming(c, field);
    if (outgoing.length === 0 && incoming.length === 0) return outgoing;
    const seen = new Set<Claim>([c.claim]);
    const out: Neighbour[] = [];
    for (const list of [outgoing, incoming]) {
      for (const n of list) if (!seen.has(n.target.claim)) { seen.add(n.target.claim); out.push(n); }
    }
    return out;
  }

  /** Every claim linked to this one by a chain of `same-as` links (either way), each with the link this claim declares, if any. */
  sameClaim(c: ResolvedClaim): readonly Neighbour[] {
    // Most claims have no same-as at all: nothing more is made for them.
    let next = this.neighbours(c, 'same-as');
    if (next.length === 0) return NONE;
    const direct = new Map(this.outgoing(c, 'same-as').map((n) => [n.target.claim, n.ref]));
    const seen = new Set<Claim>([c.claim]);
    const out: Neighbour[] = [];
    const queue: ResolvedClaim[] = [];
    for (;;) {
      for (const n of next) {
        if (seen.has(n.target.claim)) continue;
        seen.add(n.target.claim);
        const ref = direct.get(n.target.claim);
        out.push(ref ? { target: n.target, ref } : { target: n.target });
        queue.push(n.target);
      }
      if (queue.length === 0 || out.length >= MAX_SAME) return out;
      next = this.neighbours(queue.shift()!, 'same-as');
    }
  }

  private refsOf(c: ResolvedClaim): ClaimRef[] {
    let grouped = this.byClaim.get(c.note);
    if (!grouped) {
      grouped = new Map();
      for (const r of c.note.refs) {
        const claim = c.note.claims[r.claim];
        if (!claim) continue;
        const list = grouped.get(claim);
        if (list) list.push(r); else grouped.set(claim, [r]);
      }
      this.byClaim.set(c.note, grouped);
    }
    return grouped.get(c.claim) ?? [];
  }
}
