// The anchors record (SPEC §4): `.claimlens/anchors.json` at the root of a
// workspace folder, committed with the notes. For every quote the analyst
// confirmed it keeps where the quote was, in which text of its source: the
// source's path and SHA-256, the offsets, the passage and 32 characters of
// context either side; and what the analyst decided since — a pinned
// occurrence, an earlier version kept on review.
//
// The file is written for diffs: keys sorted at every level, one entry per
// quote, 2-space indentation, a final newline; the same record always gives
// the same bytes. Reading it never throws: a file that is not JSON, or an
// entry of the wrong shape, is a problem on the file, and what is sound in it
// still counts.
//
// An entry is keyed by the note's path and the claim, which keep it through
// unrelated edits: `<note path>#^<claim id>/<n>` for the n-th quote (1-based)
// of a claim with an id, else `<note path>#~<hash>/<n>`, the hash being the
// first 8 hex digits of the SHA-256 of the claim's text (so an id-less claim
// keeps its entry while its words stay the same). An entry also keeps the
// quote as written: it holds only while the note still says that.
import { type Problem } from '../notes/model';
import { type Claim, type NoteModel } from '../notes/model';
import { LineIndex } from '../text/lines';

/** Where the record lives, relative to a workspace folder. */
export const RECORD_PATH = '.claimlens/anchors.json';
export const RECORD_FORMAT = 'claimlens-anchors';
export const RECORD_VERSION = 1;

/** What the analyst decided on review when the source changed: keep quoting the version recorded. */
export interface Reviewed {
  readonly decision: 'kept';
  /** The source's SHA-256 when the old wording was kept: the decision holds for that text of the source. */
  readonly sha256: string;
}

export interface RecordedAnchor {
  /** The source's path, relative to the workspace folder. */
  readonly source: string;
  /** SHA-256 of the source's text then (UTF-8, without a byte-order mark). */
  readonly sha256: string;
  /** UTF-16 offsets of the passage in that text (for HTML, its visible text). */
  readonly start: number;
  readonly end: number;
  /** The passage, and up to 32 units of the text either side of it. */
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  /** The quote as the note wrote it (without quotation marks): the entry holds while the note still says this. */
  readonly quote: string;
  /** Pinned by the analyst: the n-th (1-based) of the places that match equally closely. */
  readonly occurrence?: number;
  readonly reviewed?: Reviewed;
}

export interface AnchorRecord {
  readonly entries: ReadonlyMap<string, RecordedAnchor>;
  /** What is wrong with the file, at its place in it; the entries read anyway. */
  readonly problems: readonly Problem[];
  /** The note paths with entries keyed by a claim's words (`#~`): only their claims' words are ever hashed. */
  readonly textKeyed?: ReadonlySet<string>;
}

export const EMPTY_RECORD: AnchorRecord = { entries: new Map(), problems: [] };

/** The note paths whose claims have entries under their words' hash. */
function textKeyedNotes(entries: ReadonlyMap<string, RecordedAnchor>): Set<string> {
  const out = new Set<string>();
  for (const key of entries.keys()) {
    const at = key.lastIndexOf('#~');
    if (at > 0) out.add(key.slice(0, at));
  }
  return out;
}

const PROBLEM = 'anchors-record';

function problemAt(text: string, offset: number, message: string, severity: Problem['severity'] = 'warning'): Problem {
  const lines = new LineIndex(text);
  const start = lines.positionAt(Math.max(0, Math.min(offset, text.length)));
  return { code: PROBLEM, severity, message, range: { start, end: start } };
}

// Where JSON.parse says it stopped: Node 20 says "at position N", later ones
// "(line L column C)". The start of the file otherwise.
function syntaxOffset(text: string, message: string): number {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  return lc ? new LineIndex(text).offsetAt({ line: Number(lc[1]) - 1, character: Number(lc[2]) - 1 }) : 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isDigest = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

// One entry, or why it cannot be used.
function entryOf(v: unknown): RecordedAnchor | string {
  if (!isObject(v)) return 'should be an object';
  for (const k of ['source', 'exact', 'prefix', 'suffix', 'quote'] as const) {
    if (typeof v[k] !== 'string') return `needs "${k}" as text`;
  }
  if (!isDigest(v.sha256)) return 'needs "sha256" as 64 lower-case hex digits';
  if (!isOffset(v.start) || !isOffset(v.end) || v.end < v.start) return 'needs "start" and "end" as offsets, start ≤ end';
  if (v.occurrence !== undefined && !(isOffset(v.occurrence) && v.occurrence >= 1)) return 'has an "occurrence" that is not a number from 1 on';
  let reviewed: Reviewed | undefined;
  if (v.reviewed !== undefined) {
    const r = v.reviewed;
    if (!isObject(r) || r.decision !== 'kept' || !isDigest(r.sha256)) return 'has a "reviewed" that is not { "decision": "kept", "sha256": … }';
    reviewed = { decision: 'kept', sha256: r.sha256 };
  }
  return {
    source: v.source as string, sha256: v.sha256, start: v.start, end: v.end,
    exact: v.exact as string, prefix: v.prefix as string, suffix: v.suffix as string, quote: v.quote as string,
    ...(v.occurrence !== undefined ? { occurrence: v.occurrence as number } : {}),
    ...(reviewed ? { reviewed } : {}),
  };
}

/** Reads a record's text; whatever is wrong is a problem on the file, never an exception. */
export function parseAnchorRecord(text: string): AnchorRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
    return { entries: new Map(), problems: [problemAt(text, syntaxOffset(text, message), `The anchors record is not valid JSON (${message}); its quotes count as not confirmed.`, 'error')] };
  }
  if (!isObject(data) || data.format !== RECORD_FORMAT || !isObject(data.quotes)) {
    return { entries: new Map(), problems: [problemAt(text, 0, `The anchors record should be { "format": "${RECORD_FORMAT}", "version": ${RECORD_VERSION}, "quotes": { … } }; its quotes count as not confirmed.`, 'error')] };
  }
  if (data.version !== RECORD_VERSION) {
    return { entries: new Map(), problems: [problemAt(text, 0, `The anchors record has version ${JSON.stringify(data.version)}; this Claimlens reads version ${RECORD_VERSION}. Its quotes count as not confirmed.`, 'error')] };
  }
  const entries = new Map<string, RecordedAnchor>();
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(data.quotes)) {
    const entry = entryOf(value);
    if (typeof entry === 'string') {
      const at = text.indexOf(JSON.stringify(key));
      problems.push(problemAt(text, at, `The anchors record's entry ${JSON.stringify(key)} ${entry}; it is left out.`));
    } else {
      entries.set(key, entry);
    }
  }
  return { entries, problems, textKeyed: textKeyedNotes(entries) };
}

/** An object with its keys in code-unit order, at every level: the same data, the same text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (value[k] !== undefined) out[k] = sorted(value[k]);
  }
  return out;
}

/** The record's text: sorted, 2-space JSON with a final newline. */
export function writeAnchorRecord(entries: ReadonlyMap<string, RecordedAnchor>): string {
  const quotes = Object.fromEntries(entries);
  return JSON.stringify(sorted({ format: RECORD_FORMAT, version: RECORD_VERSION, quotes }), null, 2) + '\n';
}

/**
 * The record keys of a note's claims (without the quote number): `#^id` for
 * a claim with an id, `#~hash` for one without, numbered when two id-less
 * claims have the same words. `hashText` gives a text's SHA-256 in hex; it
 * runs once per id-less claim that has a quote (`quoted`), the only ones a
 * record can hold.
 */
export function claimKeys(notePath: string, note: NoteModel, hashText: (text: string) => string,
  quoted: (claim: Claim) => boolean = () => true): Map<Claim, string> {
  const out = new Map<Claim, string>();
  const seen = new Map<string, number>();
  for (const claim of note.claims) {
    if (!claim.id && !quoted(claim)) continue;
    let key = claim.id ? `${notePath}#^${claim.id}` : `${notePath}#~${textKey(claim, hashText)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) key += `-${n}`;
    out.set(claim, key);
  }
  return out;
}

/** The id-less form of a claim's key: its words, hashed. */
export function textKey(claim: Claim, hashText: (text: string) => string): string {
  return hashText(claim.text.replace(/\s+/g, ' ').trim()).slice(0, 8);
}

/** The key of a claim's n-th quote (0-based `index`). */
export function quoteKey(claimKey: string, index: number): string {
  return `${claimKey}/${index + 1}`;
}
