// The notes model: what the parser extracts from a note, a registry or the
// workspace config. Plain data with the positions of base/position.ts.

import { type Range } from '../base/position';
import { type NoteLines } from './noteLines';

export { type Position, type Range, range, lineRange, contains } from '../base/position';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found while reading one file, before anything is resolved. */
export interface Problem {
  code: string;
  message: string;
  severity: Severity;
  range: Range;
  /** Extra data for quick fixes (for example the suggested claim id). */
  data?: Record<string, unknown>;
  /** Other places the problem involves (the other claim of a contradiction), shown with it. */
  related?: Array<{ uri: string; range: Range; message: string }>;
}

/** `[[target#anchor|display]]` */
export interface WikiLink {
  target: string;
  /** The target folded (case, NFKC, whitespace): the key every lookup uses. */
  readonly key: string;
  /** Text after `#`, e.g. `^claim-id` or a heading; undefined when absent. */
  anchor?: string;
  display?: string;
  /** The whole `[[…]]`. */
  readonly range: Range;
  /** Just the target text, which rename replaces. */
  readonly targetRange: Range;
  /** Index of the claim this link sits in, or -1 in prose. */
  claim: number;
  /** The field key when the link sits in a `key:: value` field. */
  field?: string;
}

/** A reference to a claim: `^id` in a relation field, or `[[note#^id]]` anywhere. */
export interface ClaimRef {
  /** Note name as written (undefined: the same note). */
  note?: string;
  id: string;
  /** The range of the id text itself (without `^`), which rename replaces. */
  idRange: Range;
  range: Range;
  claim: number;
  field?: string;
}

export interface ClaimField {
  /** Lower-cased key. */
  key: string;
  value: string;
  readonly keyRange: Range;
  readonly valueRange: Range;
  inline: boolean;
}

export interface Claim {
  id?: string;
  idRange?: Range;
  /** First line without tag, id and inline fields; wikilinks by display text. */
  readonly text: string;
  /** `#claim/<kind>` or `kind::`. */
  kind?: string;
  /** The first `status::` value, trimmed and lower-cased; undefined when none is given. */
  status?: string;
  tagRange: Range;
  /** First line of the claim. */
  line: number;
  /** From the first line to its last field or child line. */
  range: Range;
  /** Index into NoteModel.headings of the heading above, or -1. */
  heading: number;
  fields: ClaimField[];
  /** Other `#tags` on the first line (without `#`). */
  tags: string[];
}

export interface Heading { level: number; text: string; line: number; range: Range }

export interface SourceRef {
  id?: string;
  title?: string;
  url?: string;
  path?: string;
  pathRange?: Range;
  author?: string;
  published?: string;
  retrieved?: string;
  sha256?: string;
  /** `versions:`: paths of earlier saved copies of the article, relative to the note, oldest first. */
  versions?: string[];
  range: Range;
}

export interface EntityDef {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  description?: string;
  links?: Record<string, unknown>;
  /** Where the entity is defined. */
  uri: string;
  /** For an entity note: its file name without `.md`, which names it too. */
  fileName?: string;
  range: Range;
  /** The range of the name (registry) or heading text (entity note), which rename replaces. */
  nameRange: Range;
  aliasRanges: Range[];
}

export interface NoteModel {
  uri: string;
  /** Workspace-relative path without `.md`: the note part of a claim's global name. */
  name: string;
  frontMatter?: { data: Record<string, unknown>; range: Range };
  sources: SourceRef[];
  tags: string[];
  headings: Heading[];
  claims: Claim[];
  /** In the order of the note's lines (so a claim's links come together, after the previous claim's), as are `refs`. */
  links: WikiLink[];
  refs: ClaimRef[];
  /** Every `^block-id` in the note (claims and others), for reference checks. */
  blockIds: Set<string>;
  /** Set when the front matter declares `entity:`. */
  entity?: EntityDef;
  problems: Problem[];
  lineCount: number;
  /** Where the claims find their first lines after the parse (see noteLines.ts); set by the parser. */
  lines?: NoteLines;
}

export interface StatusDef {
  id: string;
  label: string;
  icon: string;
  /** ClaimReview ratingValue; undefined: no verdict. */
  rating?: number;
  /** What the verdict says of the claim: held true, held false, or not settled. */
  stance: Stance;
}

export type Stance = 'upheld' | 'rejected' | 'open';

/** A consistency check's severity as `.claimlens.yaml` sets it under `checks:`; `off` silences it. */
export type CheckLevel = Severity | 'off';

export interface Config {
  statuses: StatusDef[];
  /** Severity per check code, as written under `checks:`; codes not named keep their defaults. */
  checks: Record<string, CheckLevel>;
  rating: { best: number; worst: number };
  include: string[];
  exclude: string[];
  problems: Problem[];
}
