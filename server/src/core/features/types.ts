// What the features return to an editor, as the core's own plain data: no
// LSP enum numbers, no protocol shapes. Kinds are string unions that say what
// a thing is (a claim, a heading…); lsp/convert.ts alone turns them into LSP's
// types, and a caller that is not an editor (the CLI, a test) reads them as
// they are.
import { type Position, type Range } from '../base/position';
import { type Problem } from '../notes/model';

export interface Location { uri: string; range: Range }

/** A card in Markdown, and the span of text it is about (highlighted while it shows). */
export interface Hover { markdown: string; range?: Range }

/** What a symbol is: a claim, a note's heading, an entity in a registry or an entity note. */
export type SymbolKind = 'claim' | 'heading' | 'entity';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole extent: a heading's section, a claim's lines. */
  range: Range;
  /** What to select when the symbol is chosen: the heading's text, the claim's id or tag. */
  selectionRange: Range;
  /** A heading always has a list (maybe empty); a claim has none. */
  children?: DocumentSymbol[];
}

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  /** Where it belongs: an entity's type, a claim's `note#^id`. */
  containerName: string;
  location: Location;
}

/** One replacement in a text: `range` becomes `newText`. */
export interface TextEdit { range: Range; newText: string }

/** What is offered: a value (a status, a claim kind), a claim id, a field name, an entity, a note. */
export type CompletionKind = 'value' | 'claim' | 'field' | 'entity' | 'note';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  filterText?: string;
  sortText?: string;
  /** The text the item writes, over what was typed of it. */
  edit: TextEdit;
}

export interface Completion {
  /** More would match than are given: the editor asks again as the analyst types. */
  isIncomplete: boolean;
  items: CompletionItem[];
}

/** The text edits to one file, and the version of its open document they were computed on (null: not open). */
export interface FileEdit { uri: string; version: number | null; edits: TextEdit[] }

/**
 * A proposed change to the workspace: files to create first (left alone if
 * they exist by then), then text edits per file, each pinned to the version it
 * was computed on, so the editor applies it to that version or not at all.
 */
export interface Edit { creates: string[]; files: FileEdit[] }

export type CodeActionKind = 'quickfix' | 'refactor.rewrite.status';

/**
 * A change the server makes itself when an action is chosen, rather than an
 * edit the editor applies: a write to the anchors record (LSP's
 * workspace/executeCommand, with these arguments).
 */
export interface ServerCommand { id: string; arguments: unknown[] }

/** The server command that pins one place of an ambiguous quote in the anchors record (its argument: quoteActions.ts's PinOccurrence). */
export const PIN_OCCURRENCE_COMMAND = 'claimlens.pinOccurrence';

/** The editor command a decision of the review of changed sources runs (its argument: sourceReview.ts's ReviewQuoteArgs). */
export const REVIEW_QUOTE_COMMAND = 'claimlens.reviewQuote';

export interface CodeAction {
  title: string;
  kind: CodeActionKind;
  /** What the editor applies; an action without one runs its `command`. */
  edit?: Edit;
  command?: ServerCommand;
  /** The problem this action fixes: the very object the caller passed in. */
  fixes?: Problem;
  isPreferred?: boolean;
}

/** What a code lens runs when clicked: show the references to the claim at `position`. */
export interface ShowReferences { kind: 'showReferences'; uri: string; position: Position }

export interface CodeLens { range: Range; title: string; command?: ShowReferences }
