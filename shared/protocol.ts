// The custom messages between the Claimlens client and server, declared once
// and imported by both sides. Each is a typed RequestType or NotificationType,
// so a wrong parameter or result is a compile error on either side. Everything
// else is standard LSP.
import { NotificationType, RequestType, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Position, Range } from '../server/src/core/base/position';
import type { ExportFormat } from '../server/src/core/export/formatList';
import type { SourceHighlight, SourceLocationResult } from '../server/src/core/features/sourceNavigation';
import type { ClaimEntry, ClaimGrouping, ClaimsFilter, ClaimsGroup, ClaimsOverview, ClaimsPage } from '../server/src/core/features/claimsTree';
import type { ClaimMapParams, ClaimMapResult, MapEdge, MapFilter, MapFocus, MapNode, MapRelation } from '../server/src/core/features/claimMapTypes';
import { PIN_OCCURRENCE_COMMAND, REVIEW_QUOTE_COMMAND } from '../server/src/core/features/types';
import type { ReviewAction, ReviewQuoteArgs, ReviewReport } from '../server/src/core/features/sourceReview';

// The plain results the core computes, declared there and passed on as they are.
export type { Position, Range, ExportFormat, SourceHighlight, SourceLocationResult };
export type { ClaimEntry, ClaimGrouping, ClaimsFilter, ClaimsGroup, ClaimsOverview, ClaimsPage };
export type { ClaimMapParams, ClaimMapResult, MapEdge, MapFilter, MapFocus, MapNode, MapRelation };

/**
 * The Node flags the server's process is started with, by the editor and by
 * every measurement of it. A young generation of 4 MB semi-spaces instead of
 * V8's 16 MB: the index's objects outlive it anyway, so a cold index takes as
 * long, and the server keeps some 28 MB less resident at 10,000 notes.
 * `gc` exposed: the server collects between the views it builds after the
 * cold index (see ClaimlensWorld.collectGarbage), some 30 MB less resident.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--expose-gc'];

/** Settings the client passes at start (initializationOptions) and on change. */
export interface ClaimlensSettings {
  notes: { include: string[]; exclude: string[] };
  sources: { allowOutsideWorkspace: boolean };
  maxFileSize: number;
  /** False in VS Code's Restricted Mode: read and show, run no export. */
  trusted: boolean;
}

export const defaultSettings: ClaimlensSettings = {
  notes: { include: ['**/*.md'], exclude: [] },
  sources: { allowOutsideWorkspace: false },
  maxFileSize: 10 * 1024 * 1024,
  trusted: true,
};

/** Server → client: where indexing stands (shown in the status bar). */
export interface StatusParams {
  state: 'indexing' | 'ready';
  notes: number;
  claims: number;
  /** [[links]] inside claims: mentions of entities and links to notes. */
  links: number;
  entities: number;
  skipped: number;
  /** Milliseconds the last full index took. */
  ms?: number;
}
export const StatusNotification = new NotificationType<StatusParams>('claimlens/status');

// ---- anchoring: go to source, the source view, tag a selection ----------
// Positions are LSP's: 0-based lines, UTF-16 characters.


/** Client → server: where a claim's source passage is (the claim or quote at `position` in a note). */
export interface SourceLocationParams { textDocument: { uri: string }; position: Position }
export const SourceLocationRequest = new RequestType<SourceLocationParams, SourceLocationResult, void>('claimlens/sourceLocation');

/** Client → server: the anchored passages in an open source file, to highlight. */
export interface SourceHighlightsParams { textDocument: { uri: string } }
export interface SourceHighlightsResult {
  /** Whether some note names this file as its source. */
  isSource: boolean;
  highlights: SourceHighlight[];
}
export const SourceHighlightsRequest = new RequestType<SourceHighlightsParams, SourceHighlightsResult, void>('claimlens/sourceHighlights');

/** Server → client: notes or sources changed; highlighted source editors should ask again. */
export const SourcesChangedNotification = new NotificationType<Record<string, never>>('claimlens/sourcesChanged');

/** Client → server: make the selection in a source a new claim in its note. */
export interface TagSelectionParams {
  textDocument: { uri: string };
  range: Range;
  /** When no note names the source: the new note's URI, as the analyst chose it (absent: the server's default). */
  newNote?: string;
}
/**
 * The edit to apply (LSP's, as the client declared it can apply edits: it may
 * create the note), the note it goes to and the range of the new claim's text
 * there once applied; or why not, to show the analyst.
 */
export type TagSelectionResult =
  | { edit: WorkspaceEdit; uri: string; selection: Range; created: boolean }
  | { error: string };
export const TagSelectionRequest = new RequestType<TagSelectionParams, TagSelectionResult, void>('claimlens/tagSelection');

// ---- export (SPEC §6): the server writes the file -------------------------

/**
 * Client → server: export the claims to `target` (a file URI), written
 * atomically. Refused in an untrusted workspace, and when `target` exists
 * and `overwrite` is false. Cancellable; reports work-done progress on
 * `workDoneToken` when the client gives one.
 */
export interface ExportParams {
  format: ExportFormat;
  target: string;
  overwrite: boolean;
  /**
   * As the claims panel shows them: status, entity, note path glob and text;
   * as the claim map filters: kind, and the relations its formats (graphml,
   * mermaid) draw — another format refuses a relation filter.
   */
  filter?: { status?: string[]; entity?: string[]; note?: string[]; text?: string; kind?: string[]; relation?: MapRelation[] };
  /** CSV: write cells a spreadsheet would run as a formula as they are (the setting claimlens.export.csvKeepFormulas). */
  csvKeepFormulas?: boolean;
  workDoneToken?: string | number;
}
export interface ExportResult {
  target: string;
  claims: number;
  quotes: number;
  /** Quotes that anchored in their source. */
  anchored: number;
  bytes: number;
  /** Sources that could not be read, one line each; for Mermaid, the limits of the readers it is past. */
  warnings: string[];
  /** The claim map's formats: the entities and the relations drawn (`claims` counts its claims; no quotes). */
  entities?: number;
  relations?: number;
}
export const ExportRequest = new RequestType<ExportParams, ExportResult, void>('claimlens/export');
/** The ResponseError codes of ExportRequest, so the client can tell the cases apart. */
export const ExportErrors = { Untrusted: -32001, TargetExists: -32002, BadRequest: -32003, TargetRefused: -32004 } as const;

// ---- the claims panel and the status bar's counts (SPEC §5) ----------------

/**
 * Client → server: the panel's groups and their counts, for a grouping and a
 * filter, `limit` groups from `offset` (every group without `limit`), on to
 * the group `through` when it comes later; `groupCount` says how many there are.
 */
export interface ClaimsOverviewParams { grouping: ClaimGrouping; filter: ClaimsFilter; offset?: number; limit?: number; through?: string }
export const ClaimsOverviewRequest = new RequestType<ClaimsOverviewParams, ClaimsOverview, void>('claimlens/claimsOverview');

/** Client → server: a page of the claims of one group, asked for when the panel expands it (all of them without `limit`). */
export interface ClaimsInGroupParams { grouping: ClaimGrouping; key: string; filter: ClaimsFilter; offset?: number; limit?: number }
export const ClaimsInGroupRequest = new RequestType<ClaimsInGroupParams, ClaimsPage, void>('claimlens/claimsInGroup');

/** Client → server: the claim on a line of a note and the groups it is in ("follow cursor"); null when none. */
export interface ClaimsTreeLocateParams { grouping: ClaimGrouping; textDocument: { uri: string }; line: number }
export type ClaimsTreeLocateResult = { claim: ClaimEntry; groups: string[] } | null;
export const ClaimsTreeLocateRequest = new RequestType<ClaimsTreeLocateParams, ClaimsTreeLocateResult, void>('claimlens/claimsTreeLocate');

/** Client → server: the hover card (Markdown) of the claim on a line: the panel's tooltip. */
export interface ClaimCardParams { textDocument: { uri: string }; line: number }
export const ClaimCardRequest = new RequestType<ClaimCardParams, string | null, void>('claimlens/claimCard');

/** Client → server: the versioned edit that sets the status of the claim on a line. */
export interface SetStatusParams { textDocument: { uri: string }; line: number; status: string }
/** The edit (LSP's, in the form the client declared it can apply), or why not. */
export type SetStatusResult = { edit: WorkspaceEdit } | { error: string };
export const SetStatusRequest = new RequestType<SetStatusParams, SetStatusResult, void>('claimlens/setStatus');

/** Client → server: the status bar's counts for a note, or the workspace when the document is not a note. */
export interface ClaimCountsParams { textDocument?: { uri: string } }
export interface ClaimCountsResult {
  /** The note's name; null: the counts are the whole workspace's. */
  note: string | null;
  claims: number;
  byStatus: Record<string, number>;
  /** Only for a note: its quotes not found in the source. */
  quotesNotFound?: number;
  statuses: ClaimsOverview['statuses'];
  rating: ClaimsOverview['rating'];
}
export const ClaimCountsRequest = new RequestType<ClaimCountsParams, ClaimCountsResult, void>('claimlens/claimCounts');

/** Server → client: the claims of these files may have changed (the panel refreshes their groups). */
export interface ClaimsChangedParams { uris: string[] }
export const ClaimsChangedNotification = new NotificationType<ClaimsChangedParams>('claimlens/claimsChanged');

// ---- the claim map (SPEC §5) ------------------------------------------------

/**
 * Client → server: the claims, entities and relations around a focus (or the
 * whole workspace when it is small), filtered and capped. The map asks again
 * (debounced) when ClaimsChangedNotification arrives, with the same params.
 */
export const ClaimMapRequest = new RequestType<ClaimMapParams, ClaimMapResult, void>('claimlens/claimMap');

// ---- the anchors record (SPEC §4): confirm quotes, pin a place, review changed sources ----
// The server writes `.claimlens/anchors.json` itself, atomically; never in Restricted Mode.

export type { ReviewAction, ReviewQuoteArgs, ReviewReport };
/** The quick fix that pins one place of an ambiguous quote runs this server command (workspace/executeCommand). */
export { PIN_OCCURRENCE_COMMAND, REVIEW_QUOTE_COMMAND };

/** What confirming did to one folder's record. */
export interface ConfirmedRecord {
  uri: string;
  /** Quotes the record holds now, and how many of them are new or changed. */
  recorded: number;
  updated: number;
  /** Not recorded: ambiguous (pin a place first), or not found. */
  ambiguous: number;
  unanchored: number;
  /** Kept as recorded: their source changed and awaits review. */
  awaitingReview: number;
}

/** Client → server: record where every quote is; the server writes each folder's record. */
export type ConfirmQuotesResult = { records: ConfirmedRecord[] } | { error: string };
export const ConfirmQuotesRequest = new RequestType<Record<string, never>, ConfirmQuotesResult, void>('claimlens/confirmQuotes');

/** Client → server: the review of the sources that changed since their quotes were confirmed, as Markdown with its decisions. */
export const ReviewChangedSourcesRequest = new RequestType<Record<string, never>, ReviewReport, void>('claimlens/reviewChangedSources');

/**
 * Client → server: a decision on a quote of a changed source. When the quote
 * takes the new wording, the server has the client apply the note's versioned
 * edit (workspace/applyEdit) before it writes the record; `edited` names the
 * note then, for the client to save.
 */
export type ReviewQuoteResult = { done: string; edited?: string } | { error: string };
export const ReviewQuoteRequest = new RequestType<ReviewQuoteArgs, ReviewQuoteResult, void>('claimlens/reviewQuote');
