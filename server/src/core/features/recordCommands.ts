// The anchors record's commands, as the service runs them: confirm every
// quote of each workspace folder, pin a place of an ambiguous quote, review
// the changed sources, decide on one quote of a changed source. Each anchors
// the notes it needs as they are now (the editor's unsaved text included) and
// returns the record's new text — and, for a quote that takes the new
// wording, the versioned edit of its note. Writing the record is the caller's
// (atomically: the command line, the language server); the record is never
// rewritten over a file that has problems, which would lose what it holds.
import { type CancellationToken, neverCancelled, TimeSlice } from '../base/cancellation';
import { type AnchorRecord, RECORD_PATH, type RecordedAnchor, writeAnchorRecord } from '../anchoring/anchorRecord';
import { type Anchoring, type NoteAnchoring, type QuoteAnchor, type SourceCheck } from '../anchoring/noteAnchoring';
import { folderOf, pathIn, recordUri } from '../anchoring/recordedAnchors';
import { sourceUri } from '../anchoring/sourceRefs';
import { type NoteModel } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { requoted } from './anchorViews';
import { EditBuilder, type VersionOf } from './edits';
import { type PinOccurrence } from './quoteActions';
import { type ConfirmSummary, confirmEntries, decide, pinnedEntry } from './recordUpdates';
import { type KeptItem, type ReviewItem, reviewReport, type ReviewQuoteArgs, type ReviewReport } from './sourceReview';
import { type Edit } from './types';

export interface RecordContext {
  readonly index: WorkspaceIndex;
  readonly anchoring: Anchoring;
  readonly versionOf: VersionOf;
}

/** A record file's new text. */
export interface RecordText { uri: string; text: string }

export interface ConfirmResult extends RecordText { summary: ConfirmSummary }

type Outcome<T> = T | { error: string };

/** Why a record may not be rewritten: it has problems, and rewriting it would drop what it holds that cannot be read. */
function unsound(record: AnchorRecord): string | undefined {
  const p = record.problems[0];
  if (!p) return undefined;
  return `${RECORD_PATH} has ${record.problems.length === 1 ? 'a problem' : `${record.problems.length} problems`} `
    + `(line ${p.range.start.line + 1}: ${p.message}) and is not rewritten: correct it, or delete it to start again.`;
}

/** The notes of a folder that name a source, each anchored as it is now, in path order. */
async function anchoringsIn(ctx: RecordContext, folder: string, token: CancellationToken): Promise<NoteAnchoring[]> {
  const notes = [...ctx.index.notes.values()].filter((n) => n.sources.length > 0 && folderOf(ctx.index.workspace, n.uri) === folder)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const out: NoteAnchoring[] = [];
  const slice = new TimeSlice();
  for (const note of notes) {
    if (slice.due()) await slice.yield(token, 'the anchors record');
    out.push(await ctx.anchoring.anchorNote(note, token));
  }
  return out;
}

/** The text (what offsets count in) and SHA-256 of every source the notes read, by URI. */
async function sourcesOf(ctx: RecordContext, anchorings: readonly NoteAnchoring[]) {
  const texts = new Map<string, string>();
  const digests = new Map<string, string>();
  for (const a of anchorings) {
    for (const check of a.sources) {
      if (check.uri === undefined || texts.has(check.uri)) continue;
      const text = await ctx.anchoring.sourceText(check);
      const sha256 = await ctx.anchoring.digest(check);
      if (text !== undefined && sha256 !== undefined) { texts.set(check.uri, text); digests.set(check.uri, sha256); }
    }
  }
  return { text: (uri: string) => texts.get(uri), sha256: (uri: string) => digests.get(uri) };
}

/**
 * Each folder's record after confirming its notes' quotes. A folder with no
 * quote to record and no record yet gets none.
 */
export async function confirmQuotes(ctx: RecordContext, token: CancellationToken = neverCancelled): Promise<Outcome<ConfirmResult[]>> {
  const out: ConfirmResult[] = [];
  for (const folder of ctx.index.workspace.folders) {
    const current = await ctx.anchoring.record(folder);
    const refused = unsound(current);
    if (refused) return { error: refused };
    const anchorings = await anchoringsIn(ctx, folder, token);
    const { entries, summary } = confirmEntries(current.entries, anchorings, folder, await sourcesOf(ctx, anchorings));
    if (entries.size === 0 && current.entries.size === 0 && !(await ctx.index.workspace.stat(recordUri(folder)))) continue;
    out.push({ uri: recordUri(folder), text: writeAnchorRecord(entries), summary });
  }
  return out;
}

/** A note's quote by its record key, anchored now, with its source's check. */
async function quoteByKey(ctx: RecordContext, noteUri: string, key: string): Promise<Outcome<{ note: NoteModel; folder: string; q: QuoteAnchor; check?: SourceCheck }>> {
  const note = ctx.index.notes.get(noteUri);
  const folder = note && folderOf(ctx.index.workspace, note.uri);
  if (!note || folder === undefined) return { error: 'That note is no longer in the workspace.' };
  const a = await ctx.anchoring.anchorNote(note);
  const q = a.quotes.find((x) => x.key === key);
  if (!q) return { error: 'That quote is no longer in its note: the note changed since.' };
  return { note, folder, q, check: a.sources.find((s) => s.uri !== undefined && s.uri === q.uri) };
}

/** The record with one entry set. */
async function withEntry(ctx: RecordContext, folder: string, key: string, entry: RecordedAnchor): Promise<Outcome<RecordText>> {
  const record = await ctx.anchoring.record(folder);
  const refused = unsound(record);
  if (refused) return { error: refused };
  const entries = new Map(record.entries);
  entries.set(key, entry);
  return { uri: recordUri(folder), text: writeAnchorRecord(entries) };
}

/** The record with one place of an ambiguous quote pinned. */
export async function pinOccurrence(ctx: RecordContext, args: PinOccurrence): Promise<Outcome<RecordText>> {
  const found = await quoteByKey(ctx, args.note, args.key);
  if ('error' in found) return found;
  const { folder, q, check } = found;
  const entry = pinnedEntry(q, args.occurrence, args.start, folder, check && await ctx.anchoring.sourceText(check), check && await ctx.anchoring.digest(check));
  return 'error' in entry ? entry : withEntry(ctx, folder, q.key!, entry);
}

/** The record after a decision on a quote of a changed source, and the note's edit when the quote takes the new wording. */
export async function reviewQuote(ctx: RecordContext, args: ReviewQuoteArgs): Promise<Outcome<{ record: RecordText; edit?: Edit }>> {
  const found = await quoteByKey(ctx, args.note, args.key);
  if ('error' in found) return found;
  const { note, folder, q, check } = found;
  const decided = decide(q, args.decision, args.sha256, folder, check && await ctx.anchoring.sourceText(check), args.place);
  if ('error' in decided) return decided;
  const record = await withEntry(ctx, folder, q.key!, decided.entry);
  if ('error' in record) return record;
  if (decided.quote === undefined) return { record };
  const edit = new EditBuilder(ctx.versionOf).add(note.uri, { range: q.field.valueRange, newText: requoted(q.field.value, decided.quote) }).build();
  return { record, edit };
}

/** Every quote whose source changed since it was confirmed, and every quote kept as an earlier version, as a report. */
export async function reviewChangedSources(ctx: RecordContext, token: CancellationToken = neverCancelled): Promise<ReviewReport> {
  const items: ReviewItem[] = [];
  const kept: KeptItem[] = [];
  let confirmed = false;
  for (const folder of ctx.index.workspace.folders) {
    confirmed ||= (await ctx.anchoring.record(folder)).entries.size > 0;
    const anchorings = await anchoringsIn(ctx, folder, token);
    const sources = await sourcesOf(ctx, anchorings);
    const copies = new Map<string, { text: string; sha256: string } | undefined>();
    for (const a of anchorings) {
      const notePath = pathIn(folder, a.note.uri);
      for (const q of a.quotes) {
        const s = q.record;
        if (s?.status === 'earlier') kept.push({ notePath, noteUri: a.note.uri, quote: q, entry: s.entry });
        if (s?.status !== 'changed' || q.uri === undefined) continue;
        const text = sources.text(q.uri);
        if (text === undefined) continue;
        // The earlier copies the note names for this source, read once each: the one with the recorded text, if any.
        let copy: ReviewItem['copy'];
        for (const version of q.source?.versions ?? []) {
          const uri = sourceUri(a.note, { ...q.source!, path: version });
          if (uri === undefined) continue;
          if (!copies.has(uri)) copies.set(uri, await ctx.anchoring.savedCopy(uri));
          const read = copies.get(uri);
          if (read?.sha256 === s.entry.sha256) { copy = { path: pathIn(folder, uri), text: read.text }; break; }
        }
        items.push({ notePath, noteUri: a.note.uri, quote: q, entry: s.entry, change: s.change, sha256: s.sha256, text, ...(copy ? { copy } : {}) });
      }
    }
  }
  return reviewReport(items, kept, confirmed);
}
