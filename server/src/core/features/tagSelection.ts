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
  /** Where a new note goes when no note names the source: the analyst's choice (a URI); absent, the default (see the header). */
  newNote?: string;
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

/**
 * The passage as a one-line quote: for HTML only what a reader sees of it
 * (never the inside of a `<script>` or `<style>`), line breaks and
 * non-breaking spaces as plain spaces, and without the quotation marks
 * around it, which belong to the article's typography, not to the words.
 */
export function selectionQuote(sourceUri: string, sourceText: string, range: Range): string {
  const lines = new LineIndex(sourceText);
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const raw = sourceKind(sourceUri) === 'html' ? visibleWithin(sourceText, start, end) : sourceText.slice(start, end);
  return trimQuotationMarks(oneLine(raw.replace(/\u00a0/g, ' ')).trim());
}

// The visible characters of the page that come from inside [start, end) of the file, in order.
function visibleWithin(html: string, start: number, end: number): string {
  const v = htmlVisibleText(html);
  let from = 0;
  while (from < v.text.length && v.fileStart[from]! < start) from++;
  let to = from;
  while (to < v.text.length && v.fileEnd[to]! <= end) to++;
  return v.text.slice(from, to);
}

const OPENING = /^["“„«‹「『‘‚']+\s*/;
const CLOSING = /\s*["”»›」』]+$/;
const CLOSING_SINGLE = /\s*[’']+$/;

/** `“Models will commoditise.”` → `Models will commoditise.`; a closing ’ goes only with an opening mark (it may be an apostrophe). */
export function trimQuotationMarks(text: string): string {
  const opened = OPENING.test(text);
  let out = text.replace(OPENING, '').replace(CLOSING, '');
  if (opened) out = out.replace(CLOSING_SINGLE, '');
  return out.trim();
}

/** A claim text longer than this many words is cut: a sentence is kept whole, a paragraph is not. */
const LONG_CLAIM_WORDS = 40;

/** A placeholder claim text from the quote, free of the marks a note would read as tags, ids or links. */
function claimText(quote: string): string {
  const words = quote.replace(/[#^[\]]|::/g, '').split(/\s+/).filter(Boolean);
  return words.length > LONG_CLAIM_WORDS ? `${words.slice(0, 30).join(' ')}…` : words.join(' ');
}

const TAGGABLE = /\.(txt|html?|md|markdown)$/i;

/** Why a file is not a place to tag a claim from, or undefined when it is: a note, a registry, the config, or not an article. */
export function whyNotTaggable(index: WorkspaceIndex, anchoring: Anchoring, uri: string): string | undefined {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  if (uri === index.configUri) return `${name} holds this workspace's Claimlens settings, not an article. Select the passage in a saved article (.txt, .html) instead.`;
  if (index.registries.has(uri)) return `${name} is an entity registry, not an article. Select the passage in a saved article (.txt, .html) instead.`;
  if (index.notes.has(uri) && anchoring.notesUsing(uri).length === 0) {
    return `${name} is a note: claims are tagged from the article a note quotes. Open that article (Claimlens: Go to Source) and select the passage there.`;
  }
  if (!TAGGABLE.test(uri)) return `Claimlens tags passages of saved articles (.txt, .html or Markdown files); ${name} is not one.`;
  return undefined;
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
  const refusal = whyNotTaggable(index, anchoring, source);
  if (refusal) return { error: refusal };
  const quote = selectionQuote(source, sourceText, range);
  if (!quote) {
    const empty = range.start.line === range.end.line && range.start.character === range.end.character;
    return { error: empty || sourceKind(source) !== 'html' ? 'Select the passage to tag as a claim first.'
      : 'The selection holds no text a reader sees on the page (it is markup, or inside <script> or <style>). Select the passage in the article\'s text.' };
  }
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

  const uri = ctx.newNote ?? await newNoteUri(index, folder, source);
  if (ctx.newNote && (index.notes.has(uri) || await exists(index, uri))) return { error: `${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))} already exists; choose a new file for the note.` };
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
