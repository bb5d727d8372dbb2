// The same claim in several notes: claims that look alike (the near-duplicate
// index) but are not linked are reported — a hint, a warning when their
// verdicts take different stances — with two quick fixes: "Mark as the same
// claim" writes `same-as::` on both claims in one edit, "Not the same claim"
// writes `distinct-from::` so the hint does not come back.
import { type CancellationToken, neverCancelled, TimeSlice } from '../base/cancellation';
import { type Claim, type NoteModel, type Problem } from '../notes/model';
import { type ResolvedClaim, type WorkspaceIndex } from '../workspace/workspaceIndex';
import { claimRange, Links, nameOf } from './consistency';
import { EditBuilder, type VersionOf } from './edits';
import { claimAt } from './locate';
import { type DuplicateMatch, type NearDuplicateIndex } from './nearDuplicates';
import { checkConfigured, checkSeverity, stanceOf } from './stances';
import { type CodeAction } from './types';

const CODE = 'near-duplicate';

export async function nearDuplicateProblems(index: WorkspaceIndex, duplicates: NearDuplicateIndex, note: NoteModel,
  token: CancellationToken = neverCancelled): Promise<Problem[]> {
  const severity = checkSeverity(index, CODE);
  if (!severity) return [];
  const matches = await matchesOf(duplicates, note.uri, token);
  const links = new Links(index);
  const out: Problem[] = [];
  for (const m of matches) {
    const otherNote = index.notes.get(m.other.uri);
    if (!otherNote || !m.other.claim.id) continue;
    const self = { note, claim: m.claim };
    const other = { note: otherNote, claim: m.other.claim };
    if (linked(links, self, other)) continue;
    const differ = stanceOf(index, self.claim) !== stanceOf(index, other.claim);
    out.push({
      code: CODE, severity: differ && !checkConfigured(index, CODE) ? 'warning' : severity, range: claimRange(m.claim),
      message: `Looks like the same claim as ${nameOf(index, other)} (${index.statusOf(other.claim)})${differ ? `, whose verdict differs from this one's (${index.statusOf(self.claim)})` : ''}.`,
      related: [{ uri: otherNote.uri, range: claimRange(other.claim), message: `${nameOf(index, other)}: ${other.claim.text}` }],
      data: { other: { uri: otherNote.uri, id: m.other.claim.id } },
    });
  }
  return out;
}

/**
 * The note's look-alikes, found a claim at a time with other work let in
 * every few milliseconds: in a workspace of similar notes a claim can have
 * hundreds of candidates to verify, and a note's took up to 140 ms, which a
 * hover waited for. Should the index change during a pause, it starts again;
 * the third time, it runs through without pausing.
 */
async function matchesOf(duplicates: NearDuplicateIndex, uri: string, token: CancellationToken): Promise<DuplicateMatch[]> {
  for (let tries = 0; tries < 2; tries++) {
    const slice = new TimeSlice(4);
    const run = duplicates.matching(uri);
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) { if (step.value) return step.value; break; }
      if (slice.due()) await slice.yield(token, 'diagnostics');
    }
  }
  return duplicates.matches(uri);
}

/** Already said to be the same claim (directly or through others), or said not to be. */
function linked(links: Links, a: ResolvedClaim, b: ResolvedClaim): boolean {
  return links.sameClaim(a).some((n) => n.target.claim === b.claim)
    || links.neighbours(a, 'distinct-from').some((n) => n.target.claim === b.claim);
}

/** The two quick fixes for a near-duplicate hint the editor shows. */
export function sameClaimActions(index: WorkspaceIndex, note: NoteModel, problem: Problem, versionOf: VersionOf): CodeAction[] {
  if (problem.code !== CODE) return [];
  const ref = problem.data?.other as { uri?: unknown; id?: unknown } | undefined;
  if (typeof ref?.uri !== 'string' || typeof ref.id !== 'string') return [];
  const claim = claimAt(note, problem.range.start);
  const otherNote = index.notes.get(ref.uri);
  const otherClaim = otherNote && index.claimById(otherNote, ref.id);
  if (!claim?.id || !otherNote || !otherClaim) return [];
  const there = linkTo(index, otherNote, otherClaim.id!);
  const here = linkTo(index, note, claim.id);
  return [
    {
      title: `Mark as the same claim as ${there}`, kind: 'quickfix', fixes: problem, isPreferred: true,
      edit: addField(addField(new EditBuilder(versionOf), note, claim, 'same-as', there), otherNote, otherClaim, 'same-as', here).build(),
    },
    {
      title: `Not the same claim as ${there}`, kind: 'quickfix', fixes: problem,
      edit: addField(new EditBuilder(versionOf), note, claim, 'distinct-from', there).build(),
    },
  ];
}

/** `[[note#^id]]`, by the note's file name, or its path when another note shares that name. */
function linkTo(index: WorkspaceIndex, note: NoteModel, id: string): string {
  const base = index.noteBase(note);
  return `[[${index.resolveNote(base).length > 1 ? note.name : base}#^${id}]]`;
}

/** A new `- key:: value` child item after the claim's last line, indented like its other fields. */
function addField(edits: EditBuilder, note: NoteModel, claim: Claim, key: string, value: string): EditBuilder {
  const end = claim.range.end;
  const indent = ' '.repeat(claim.range.start.character);
  return edits.add(note.uri, { range: { start: end, end }, newText: `\n${indent}- ${key}:: ${value}` });
}
