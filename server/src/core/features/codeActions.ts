// Code actions: add a missing claim id, add an unknown entity to the nearest
// entities.yaml, replace a fuzzy quote with the source's text, set a claim's
// status (one action per status). The fixes answer the problems the editor
// shows, passed back in as Problems; each action names the one it fixes.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type NoteModel, type Problem, type Range, lineRange } from '../notes/model';
import { slugify } from '../text/names';
import { childUri, dirname, relativeTo } from '../workspace/workspace';
import { statusBadge } from './cards';
import { EditBuilder, type VersionOf, yamlScalar } from './edits';
import { claimAt } from './locate';
import { fuzzyQuoteAction, pinActions } from './quoteActions';
import { sameClaimActions } from './sameClaim';
import { type CodeAction } from './types';

export interface ActionContext {
  /** The problems shown at the range (as the editor sent them back). */
  problems: Problem[];
  versionOf: VersionOf;
  /** The line texts of the document, for edits that must know a line's end. */
  lineText: (line: number) => string;
}

export function codeActions(index: WorkspaceIndex, uri: string, range: Range, ctx: ActionContext): CodeAction[] {
  const note = index.notes.get(uri);
  if (!note) return [];
  const out: CodeAction[] = [];
  for (const p of ctx.problems) {
    if (p.code === 'unknown-entity' && typeof p.data?.name === 'string') {
      const a = addEntityAction(index, note, p.data.name, ctx.versionOf, p);
      if (a) out.push(a);
    }
    const fix = fuzzyQuoteAction(note, p, ctx.versionOf);
    if (fix) out.push(fix);
    out.push(...pinActions(note, p));
    out.push(...sameClaimActions(index, note, p, ctx.versionOf));
  }
  const claim = claimAt(note, range.start);
  if (!claim) return out;
  if (!claim.id) out.push(addIdAction(note, claim, ctx));
  const current = index.statusOf(claim);
  for (const s of index.config.statuses) {
    if (s.id === current && claim.fields.some((f) => f.key === 'status')) continue;
    out.push({
      title: `Set status: ${statusBadge(index, s.id)}`,
      kind: 'refactor.rewrite.status',
      edit: statusEdit(note, claim, s.id, ctx).build(),
    });
  }
  return out;
}

/** A fresh id from the claim's text, unique in the note. */
export function freshId(note: NoteModel, text: string): string {
  const base = slugify(text);
  let id = base;
  for (let n = 2; note.blockIds.has(id); n++) id = `${base}-${n}`;
  return id;
}

function addIdAction(note: NoteModel, claim: Claim, ctx: ActionContext): CodeAction {
  const id = freshId(note, claim.text);
  const line = ctx.lineText(claim.line);
  const end = line.trimEnd().length;
  const fixes = ctx.problems.find((p) => p.code === 'missing-id' && p.range.start.line === claim.line);
  return {
    title: `Add claim id ^${id}`,
    kind: 'quickfix',
    ...(fixes ? { fixes } : {}),
    isPreferred: true,
    edit: new EditBuilder(ctx.versionOf).add(note.uri, { range: lineRange(claim.line, end, line.length), newText: ` ^${id}` }).build(),
  };
}

export function statusEdit(note: NoteModel, claim: Claim, status: string, ctx: Pick<ActionContext, 'versionOf' | 'lineText'>): EditBuilder {
  const edits = new EditBuilder(ctx.versionOf);
  const field = claim.fields.find((f) => f.key === 'status');
  if (field) return edits.add(note.uri, { range: field.valueRange, newText: status });
  // A new child item right after the claim's first line, indented like its content.
  const first = ctx.lineText(claim.line);
  const indent = ' '.repeat(claim.range.start.character);
  const child = claim.range.start.character > 0 && /^\s*[-*+]\s/.test(first) ? indent : '';
  return edits.add(note.uri, { range: lineRange(claim.line, first.length, first.length), newText: `\n${child}- status:: ${status}` });
}

/** The registry an entity should go to: the nearest one up the folders, or a new one at the folder root. */
export function nearestRegistry(index: WorkspaceIndex, noteUri: string): { uri: string; exists: boolean } {
  const folder = index.workspace.folders.find((f) => relativeTo(f, noteUri) !== undefined) ?? dirname(noteUri);
  for (let dir = dirname(noteUri); dir.length >= folder.length; dir = dirname(dir)) {
    const candidates = [...index.registries.keys()].filter((u) => dirname(u) === dir).sort();
    const plain = candidates.find((u) => u.endsWith('/entities.yaml'));
    if (plain ?? candidates[0]) return { uri: (plain ?? candidates[0])!, exists: true };
    if (dir === folder) break;
  }
  return { uri: childUri(folder, 'entities.yaml'), exists: false };
}

function addEntityAction(index: WorkspaceIndex, note: NoteModel, name: string, versionOf: VersionOf, fixes: Problem): CodeAction | undefined {
  const target = nearestRegistry(index, note.uri);
  const reg = index.registries.get(target.uri);
  let id = slugify(name, 8);
  for (let n = 2; index.resolveEntity(id).length > 0; n++) id = `${slugify(name, 8)}-${n}`;
  const entry = `- id: ${id}\n  name: ${yamlScalar(name)}\n  type: other\n`;
  const edits = new EditBuilder(versionOf);
  if (!target.exists) edits.create(target.uri);
  // Appended after the registry's last line; a registry that does not end with a newline gets one first.
  const lastLine = reg ? reg.end : { line: 0, character: 0 };
  const prefix = lastLine.character > 0 ? '\n' : '';
  edits.add(target.uri, { range: { start: lastLine, end: lastLine }, newText: prefix + entry });
  const rel = index.workspace.folders.map((f) => relativeTo(f, target.uri)).find((r) => r !== undefined) ?? 'entities.yaml';
  return { title: `Add "${name}" to ${rel}`, kind: 'quickfix', fixes, edit: edits.build() };
}
