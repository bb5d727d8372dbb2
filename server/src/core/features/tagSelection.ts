// "Tag Selection as Claim": the selected passage of a source becomes a new
// claim, with a fresh id and `quote::` holding the passage, at the end of the
// note whose front matter names that source. When no note does, a new note is
// made from a template: in the `notes/` folder beside the source's folder,
// else in a `notes/` folder at the workspace root, else beside the source.
//
// The result is one versioned workspace edit (it may create the note) and
// where the new claim's text will be, so the editor can select it.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { htmlVisibleText } from '../anchoring/htmlText';
import { LineIndex } from '../text/lines';
import { type NoteModel, type Range } from '../notes/model';
import { slugify } from '../text/names';
import { childUri, dirname, relativeTo } from '../workspace/workspace';
import { type Anchoring } from '../anchoring/noteAnchoring';
import { oneLine } from './anchorViews';
import { EditBuilder, type VersionOf, yamlScalar } from './edits';
import { sourceKind, sourceUri } from '../anchoring/sourceRefs';
import { type Edit } from './types';

export interface TagContext {
  versionOf: VersionOf;
  /** A note's current text: the editor's, else the saved file's. */
  noteText(uri: string): Promise<string | undefined>;
  /** Today's date (YYYY-MM-DD), written as `retrieved` into a new note. */
  today: string;
}

/**
 * The edit to apply (versioned; it may create the note), the note it goes to
 * and the range of the new claim's text there once applied; or why not.
 */
export type TagSelectionResult =
  | { edit: Edit; uri: string; selection: Range; created: boolean }
  | { error: string };

const PREFIX = '- #claim ';

/** The passage as a one-line quote: visible text for HTML, line breaks folded to spaces. */
export function selectionQuote(sourceUri: string, sourceText: string, range: Range): string {
  const lines = new LineIndex(sourceText);
  const raw = sourceText.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  const visible = sourceKind(sourceUri) === 'html' ? htmlVisibleText(raw).text : raw;
  return oneLine(visible).trim();
}

/** A placeholder claim text from the quote, free of the marks a note would read as tags, ids or links. */
function claimText(quote: string): string {
  const words = quote.replace(/[#^[\]]|::/g, '').split(/\s+/).filter(Boolean);
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : words.join(' ');
}

function uniqueId(taken: ReadonlySet<string>, text: string): string {
  const base = slugify(text);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The claim's lines (each ending with `eol`). */
function claimBlock(text: string, id: string, quote: string, status: string, sourceId: string | undefined, eol: string): string {
  return [`${PREFIX}${text} ^${id}`, `  - quote:: "${quote}"`, ...(sourceId ? [`  - source:: ${sourceId}`] : []),
    `  - status:: ${status}`].map((l) => l + eol).join('');
}

/** The path from folder `from` to `to`, both URIs, `/`-separated and decoded. */
export function relativePath(from: string, to: string): string {
  const a = decodeURIComponent(from).split('/');
  const b = decodeURIComponent(to).split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

function titleOf(uri: string, text: string): string {
  const html = sourceKind(uri) === 'html' ? /<title[^>]*>([^<]*)<\/title>/i.exec(text) : null;
  const line = html ? htmlVisibleText(html[1] ?? '').text : text.split(/\r\n|\r|\n/).find((l) => l.trim()) ?? '';
  const t = oneLine(line).trim().replace(/^\uFEFF/, '');
  if (t) return t.length > 120 ? `${t.slice(0, 119)}…` : t;
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

async function exists(index: WorkspaceIndex, uri: string): Promise<boolean> {
  return (await index.workspace.stat(uri)) !== undefined;
}

/** Where a new note for this source goes (see the header). */
async function newNoteUri(index: WorkspaceIndex, folder: string, source: string): Promise<string> {
  const dir = dirname(source);
  const beside = dirname(dir);
  const candidates = [...(beside.length >= folder.length ? [childUri(beside, 'notes')] : []), childUri(folder, 'notes')];
  let target = dir;
  for (const c of candidates) if (await exists(index, c)) { target = c; break; }
  const base = decodeURIComponent(source.slice(source.lastIndexOf('/') + 1)).replace(/\.[^.]*$/, '') || 'source';
  let uri = childUri(target, `${base}.md`);
  for (let n = 2; (await exists(index, uri)) || index.notes.has(uri); n++) uri = childUri(target, `${base}-${n}.md`);
  return uri;
}

// Of several notes on one source: the one named like the source, then the one with the most claims.
function existingNote(anchoring: Anchoring, source: string): { note: NoteModel; sourceId?: string } | undefined {
  const stem = (u: string) => decodeURIComponent(u.slice(u.lastIndexOf('/') + 1)).replace(/\.[^.]*$/, '').toLowerCase();
  const named = (n: NoteModel) => (stem(n.uri) === stem(source) ? 0 : 1);
  const notes = anchoring.notesUsing(source)
    .sort((x, y) => named(x) - named(y) || y.claims.length - x.claims.length || x.uri.localeCompare(y.uri));
  const note = notes[0];
  if (!note) return undefined;
  const i = note.sources.findIndex((s) => sourceUri(note, s) === source);
  // A claim picks a source other than the note's first with `source:: <id>`.
  return i > 0 ? { note, sourceId: note.sources[i]?.id } : { note };
}

export async function tagSelection(index: WorkspaceIndex, anchoring: Anchoring, source: string, sourceText: string,
  range: Range, ctx: TagContext): Promise<TagSelectionResult> {
  const quote = selectionQuote(source, sourceText, range);
  if (!quote) return { error: 'Select the passage to tag as a claim first.' };
  const folder = index.workspace.folders.find((f) => relativeTo(f, source) !== undefined);
  if (!folder) return { error: 'This file is outside the workspace folders; open its folder to tag it.' };
  const text = claimText(quote);
  const status = index.config.statuses[0]?.id ?? 'unverified';
  const edits = new EditBuilder(ctx.versionOf);
  const found = existingNote(anchoring, source);

  if (found) {
    const uri = found.note.uri;
    const current = (await ctx.noteText(uri)) ?? '';
    const eol = current.includes('\r\n') ? '\r\n' : '\n';
    const end = new LineIndex(current).positionAt(current.length);
    const gap = current.length === 0 || current.endsWith(eol + eol) ? '' : current.endsWith(eol) ? eol : eol + eol;
    const id = uniqueId(found.note.blockIds, text);
    edits.add(uri, { range: { start: end, end }, newText: gap + claimBlock(text, id, quote, status, found.sourceId, eol) });
    const line = end.line + (gap.length / eol.length);
    return { edit: edits.build(), uri, created: false, selection: lineRange(line, text) };
  }

  const uri = await newNoteUri(index, folder, source);
  const title = titleOf(source, sourceText);
  const digest = await anchoring.files.digest(source);
  const head = [
    '---', 'source:', `  title: ${yamlScalar(title)}`, `  path: ${pathScalar(relativePath(dirname(uri), source))}`,
    `  retrieved: ${ctx.today}`, ...(digest ? [`  sha256: ${digest}`] : []), '---', `# ${title.replace(/[#^[\]]|::/g, '')}`, '', '',
  ].join('\n');
  edits.create(uri).add(uri, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: head + claimBlock(text, uniqueId(new Set(), text), quote, status, undefined, '\n') });
  return { edit: edits.build(), uri, created: true, selection: lineRange(head.split('\n').length - 1, text) };
}

/** A path as YAML: plain when it is only word characters, dots, dashes and slashes. */
function pathScalar(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : JSON.stringify(path);
}

function lineRange(line: number, text: string): Range {
  return { start: { line, character: PREFIX.length }, end: { line, character: PREFIX.length + text.length } };
}
