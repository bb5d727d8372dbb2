// The note parser: one pass over the lines of a Markdown note that finds
// headings, claims (`#claim`, `^id`, `key:: value` fields), wikilinks and
// claim references. It is a line scanner, not a Markdown parser, because it
// runs over tens of thousands of notes on a cold start; it skips fenced code
// and inline code spans, which is where Markdown would disagree with it.
import { foldName, noteBaseName } from '../text/names';
import { splitLines } from '../text/lines';
import { common, linkName, ownCopy } from '../text/kept';
import { parseFrontMatter, type EntityDecl } from './frontMatter';
import { errorText } from './yamlText';
import { KeptLines, type NoteLines } from './noteLines';
import { ForwardIndex, fieldLine, headingLine, inlineFields, maskCode, maskWikilinks, showWikilinks } from './lineScan';
import {
  lineRange, range, type Claim, type Range, type ClaimField, type ClaimRef, type EntityDef, type Heading,
  type NoteModel, type Problem, type WikiLink,
} from './model';

const CLAIM_TAG = /(^|[\s(])#claim(?:\/([\p{L}\p{N}_-]+))?(?=$|[\s.,;:!?)\]])/u;
const BLOCK_ID = /^([A-Za-z0-9-]+)\s*$/;
const INLINE_TAG = /(?:^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
// `same-as` links the same claim noted elsewhere (symmetric); `distinct-from` records that two look-alike claims are not the same.
export const RELATION_FIELDS = new Set(['supports', 'contradicts', 'refines', 'same-as', 'distinct-from']);
const MULTI_SPACE = /\s\s|[\t\n\r\f\v]/;
const MAX_UNCLOSED_PER_LINE = 3;
const BARE_REF = /(^|[\s,])\^([A-Za-z0-9-]+)/g;

interface Open {
  claim: ParsedClaim;
  /** Indentation of the list marker; -1 for a paragraph claim. */
  indent: number;
  lastLine: number;
}

/**
 * Reads a note. Its claims find their first lines again in `again` when they
 * are shown (see noteLines.ts): given none, they keep their lines.
 */
export function parseNote(uri: string, name: string, text: string, again?: NoteLines): NoteModel {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = splitLines(text);
  const note: NoteModel = {
    uri, name, sources: [], tags: [], headings: [], claims: [], links: [], refs: [],
    blockIds: new Set(), problems: [], lineCount: lines.length, lines: again ?? new KeptLines(),
  };
  let first = 0;
  let entityDecl: EntityDecl | undefined;
  if (lines[0] !== undefined && lines[0].trimEnd() === '---') {
    const fm = guarded(note, 0, 'front matter', () => parseFrontMatter(lines));
    if (fm) {
      note.frontMatter = { data: fm.data, range: fm.range };
      note.sources = fm.sources;
      note.tags = fm.tags;
      note.problems.push(...fm.problems);
      entityDecl = fm.entity;
      first = fm.bodyStart;
    }
  }
  const reached = { line: first };
  guarded(note, reached, 'note', () => readBody(note, lines, first, reached));
  if (entityDecl) {
    const decl = entityDecl;
    note.entity = guarded(note, 0, 'entity declaration', () => entityFromNote(note, lines, first, decl));
  }
  return note;
}

/**
 * Runs one stage of reading a note; if it throws (a bug, or a limit of the
 * runtime on pathological text), the note keeps what the other stages found
 * and gets one error at the line the stage had reached, instead of the
 * exception taking down the whole workspace.
 */
function guarded<T>(note: NoteModel, at: number | { line: number }, what: string, stage: () => T): T | undefined {
  try {
    return stage();
  } catch (e) {
    const line = Math.min(typeof at === 'number' ? at : at.line, Math.max(0, note.lineCount - 1));
    note.problems.push({
      code: 'parse-failed', severity: 'error', range: lineRange(line, 0, 0),
      message: `Claimlens could not read this ${what} past here (${errorText(e)}); the rest of the file is kept as far as it was read.`,
    });
    return undefined;
  }
}

function readBody(note: NoteModel, lines: string[], first: number, reached: { line: number }): void {
  let fence: string | undefined;
  let open: Open | undefined;
  let heading = -1;
  const close = () => {
    if (!open) return;
    open.claim.endLine = open.lastLine;
    open.claim.endChar = lines[open.lastLine].length;
    open = undefined;
  };

  for (let i = first; i < lines.length; i++) {
    reached.line = i;
    const line = lines[i];
    if (fence !== undefined) {
      if (line.trimStart().startsWith(fence)) fence = undefined;
      continue;
    }
    const ws = firstNonSpace(line);
    if (ws < 0) {
      if (open && open.indent < 0) close();
      continue;
    }
    const c0 = line.charCodeAt(ws);
    if (c0 === 96 /* ` */ || c0 === 126 /* ~ */) {
      const f = FENCE.exec(line);
      if (f) { close(); fence = f[1]; continue; }
    }
    const indent = ws === 0 ? 0 : indentOf(line, ws);
    const content = listContent(line, ws);
    const list = content >= 0;

    if (open) {
      const inside = open.indent >= 0 ? indent > open.indent : !(list && !isFieldLine(line)) && !headingLine(line);
      if (inside) {
        childLine(note, open, line, i);
        continue;
      }
      close();
    }

    if (c0 === 35 /* # */) {
      const h = headingLine(line);
      if (h) {
        const t = ownCopy((h.text ?? '').trim());
        note.headings.push({ level: h.hashes.length, text: t, line: i, range: lineRange(i, 0, line.length) } satisfies Heading);
        heading = note.headings.length - 1;
        scanLinks(note, line, i, -1, undefined, h.textStart);
        continue;
      }
    }

    const hasTag = line.indexOf('#claim') >= 0 ? CLAIM_TAG.exec(maskCode(line)) : null;
    if (hasTag) {
      const contentStart = list ? content : ws;
      open = { claim: startClaim(note, line, i, contentStart, hasTag, heading), indent: list ? indent : -1, lastLine: i };
      continue;
    }
    scanLinks(note, line, i, -1, undefined, 0);
    blockId(note, line);
  }
  close();
}

function firstNonSpace(line: string): number {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 13) return k;
  }
  return -1;
}

/** Columns of indentation before `ws` (a tab advances to the next multiple of 4). */
function indentOf(line: string, ws: number): number {
  let n = 0;
  for (let k = 0; k < ws; k++) n += line.charCodeAt(k) === 9 ? 4 - (n % 4) : 1;
  return n;
}

/** Where a list item's content starts (after the marker and its spaces), or -1 when the line is no list item. */
function listContent(line: string, ws: number): number {
  let k = ws;
  const c = line.charCodeAt(k);
  if (c === 45 || c === 42 || c === 43) k++;
  else {
    while (k < line.length && k - ws < 9 && line.charCodeAt(k) >= 48 && line.charCodeAt(k) <= 57) k++;
    if (k === ws || (line.charCodeAt(k) !== 46 && line.charCodeAt(k) !== 41)) return -1;
    k++;
  }
  if (k < line.length && !isSpace(line.charCodeAt(k))) return -1;
  while (k < line.length && isSpace(line.charCodeAt(k))) k++;
  return k;
}

function isFieldLine(line: string): boolean {
  return line.indexOf('::') > 0 && fieldLine(line) !== undefined;
}

/** A `^block-id` ending the line; only the tail after the last `^` is examined. */
function blockId(note: NoteModel, line: string): { id: string; start: number } | undefined {
  const caret = line.lastIndexOf('^');
  if (caret < 0 || (caret > 0 && !isSpace(line.charCodeAt(caret - 1)))) return undefined;
  const m = BLOCK_ID.exec(line.slice(caret + 1));
  if (!m) return undefined;
  const id = ownCopy(m[1]);
  note.blockIds.add(id);
  return { id, start: caret + 1 };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function startClaim(note: NoteModel, line: string, lineNo: number, contentStart: number, tag: RegExpExecArray, heading: number): ParsedClaim {
  const index = note.claims.length;
  const tagStart = tag.index + tag[1].length;
  if (note.lines instanceof KeptLines) note.lines.keep(lineNo, line);
  const claim = new ParsedClaim(note.lines!, line.length, lineNo, contentStart, tagStart, tag.index + tag[0].length, heading);
  if (tag[2]) claim.kind = common(tag[2].toLowerCase());
  note.claims.push(claim);

  const masked = maskCode(line);
  const id = blockId(note, masked);
  if (id) claim.setId(id.id, id.start);
  for (const f of masked.indexOf('::') > 0 ? inlineFields(masked) : NONE) {
    const keyStart = f.index + 1;
    const afterKey = keyStart + f.key.length + 2;
    let valueStart = afterKey;
    while (isSpace(masked.charCodeAt(valueStart))) valueStart++;
    addField(note, claim, index, f.key, f.value, lineNo, keyStart, valueStart, true);
    claim.addInlineField(f.index, f.end);
  }
  INLINE_TAG.lastIndex = 0;
  const otherTags = masked.indexOf('#', claim.tagEnd) >= 0 || masked.lastIndexOf('#', tagStart - 1) >= 0;
  for (let m; otherTags && (m = INLINE_TAG.exec(masked)); ) {
    if (m[1] === 'claim' || m[1].startsWith('claim/')) continue;
    if (claim.tags === NONE) claim.tags = [];
    claim.tags.push(common(m[1]));
  }
  const cuts = claim.cuts;
  scanLinks(note, line, lineNo, index, undefined, contentStart, cuts);
  if (claim.isEmpty(line, cuts)) {
    note.problems.push({
      code: 'empty-claim', severity: 'warning', range: claim.tagRange,
      message: 'This #claim has no text: write the claim after the tag.',
    });
  }
  return claim;
}

// Links and fields are the most numerous objects of a large workspace: they
// keep plain numbers and build their ranges only when asked.
class ParsedLink implements WikiLink {
  // Few links have an anchor, a display text or a field: each such link gets the property when it has one, and the rest no room for it.
  declare anchor?: string;
  declare display?: string;
  declare field?: string;
  readonly key: string;
  target: string;
  constructor(target: string, private readonly ln: number, private readonly start: number,
    private readonly end: number, private readonly tStart: number, public claim: number) {
    this.target = linkName(target);
    this.key = linkName(foldName(this.target));
  }
  get range(): Range { return lineRange(this.ln, this.start, this.end); }
  get targetRange(): Range { return lineRange(this.ln, this.tStart, this.tStart + this.target.length); }
  toJSON(): object { return { ...this, range: this.range, targetRange: this.targetRange }; }
}

class ParsedField implements ClaimField {
  constructor(public key: string, public value: string, private readonly ln: number, private readonly kStart: number,
    private readonly kLen: number, private readonly vStart: number, public inline: boolean) {}
  get keyRange(): Range { return lineRange(this.ln, this.kStart, this.kStart + this.kLen); }
  get valueRange(): Range { return lineRange(this.ln, this.vStart, this.vStart + this.value.length); }
  toJSON(): object { return { key: this.key, value: this.value, inline: this.inline, keyRange: this.keyRange, valueRange: this.valueRange }; }
}

const NONE: never[] = [];

/**
 * A claim as parsed: plain numbers into its first line, ranges built on
 * demand, and its display text computed when asked from its first line, which
 * it finds again in its note's lines (see noteLines.ts) — a cold index of tens
 * of thousands of claims needs neither, and keeping them was most of its memory.
 */
class ParsedClaim implements Claim {
  id?: string;
  kind?: string;
  status?: string;
  // Most claims have few fields and no tags: they share one empty array until they get their own.
  fields: ClaimField[] = NONE;
  tags: string[] = NONE;
  endLine: number;
  endChar: number;
  private idStart = -1;
  /** The inline fields' spans on the first line, flat [start, end, …]: most claims have none, and share one empty list. */
  private inline: number[] = NONE;
  constructor(private readonly lines: NoteLines, private readonly firstLength: number, public line: number,
    private readonly contentStart: number, private readonly tagStart: number, readonly tagEnd: number, public heading: number) {
    this.endLine = line;
    this.endChar = firstLength;
  }
  setId(id: string, start: number): void {
    this.id = id;
    this.idStart = start;
  }
  addInlineField(start: number, end: number): void {
    if (this.inline === NONE) this.inline = [start, end];
    else this.inline.push(start, end);
  }
  /**
   * The claim's first line, as parsed. Read again from a note whose file has
   * changed since (and not been read again yet), the line must still be as
   * long and carry the tag where it did, or the claim has no text until the
   * note is read again: its cuts would fall anywhere in another line.
   */
  private get first(): string {
    const line = this.lines.line(this.line);
    return line !== undefined && line.length === this.firstLength && line.startsWith('#claim', this.tagStart) ? line : '';
  }
  /**
   * Spans of the first line that are not text, flat [start, end, …]: tag,
   * id, inline fields. Made when asked, from numbers the claim keeps anyway:
   * a list kept per claim was two objects each, at 84,000 claims.
   */
  get cuts(): number[] {
    const out = this.id === undefined ? [this.tagStart, this.tagEnd] : [this.tagStart, this.tagEnd, this.idStart - 1, this.idStart + this.id.length];
    for (const c of this.inline) out.push(c);
    return out;
  }
  get tagRange(): Range { return lineRange(this.line, this.tagStart, this.tagEnd); }
  get idRange(): Range | undefined {
    return this.id === undefined ? undefined : lineRange(this.line, this.idStart, this.idStart + this.id.length);
  }
  get range(): Range { return range(this.line, this.contentStart, this.endLine, this.endChar); }
  /**
   * The display text, made each time it is asked for: a caller that needs it
   * again keeps it. A copy of its own (see ownCopy): cut from a line read
   * again, it would keep the whole text of the note alive with it.
   */
  get text(): string {
    return ownCopy(this.textOnce());
  }
  /** The display text for a caller that keeps it no longer than its question (see passingText): no copy is made. */
  textOnce(): string {
    return this.textOf(this.first);
  }
  /** The display text of the first line as read (empty when it could not be). */
  private textOf(line: string): string {
    return line ? claimText(line, this.contentStart, this.cuts) : '';
  }
  /**
   * The display text's beginning: the text of the first 2·min + 64 units of
   * the line's content when that makes more than `min` characters, else the
   * whole text. The cut text is the beginning of the whole (the line is cut
   * where no link is open, since how a link shows depends on its end, and
   * what is trimmed or collapsed at the cut is only the cut end).
   */
  textHead(min: number): string {
    const line = this.first;
    const cut = this.cutOf(line, min);
    return ownCopy(cut ?? this.textOf(line));
  }
  /** textHead's cut text when the line is cut, more than `min` characters of it; undefined when only the whole text will do. */
  cutHead(min: number): string | undefined {
    return this.cutOf(this.first, min);
  }
  private cutOf(line: string, min: number): string | undefined {
    let end = this.contentStart + 2 * min + 64;
    for (;;) {
      if (end >= line.length) return undefined;
      const open = line.lastIndexOf('[[', end - 1);
      if (open < this.contentStart) break;
      const close = line.indexOf(']]', open + 2);
      if (close < 0) return undefined;
      if (close + 2 <= end) break;
      end = close + 2;
    }
    // Links or fields took most of the cut: too little text to decide on, so all of it.
    const head = claimText(line.slice(0, end), this.contentStart, this.cuts);
    return head.length > min ? head : undefined;
  }
  /** The first line from the content on, as written: no new string is built (see claimLine). */
  get written(): string { return this.first.slice(this.contentStart); }
  /** Whether the first line (as parsed, given by the parser) has no text beside its tag, id and fields. */
  isEmpty(first: string, cuts = this.cuts): boolean {
    // Most claims have two or three cuts: a plain scan beats sorting them.
    const cursor = cuts.length > 8 ? new CutCursor(cuts) : undefined;
    for (let i = this.contentStart; i < first.length; i++) {
      const cut = cursor ? cursor.endAt(i) : cutAt(cuts, i);
      if (cut >= 0) { i = cut - 1; continue; }
      if (!isSpace(first.charCodeAt(i))) return false;
    }
    return true;
  }
  toJSON(): object {
    return {
      id: this.id, text: this.text, kind: this.kind, status: this.status, line: this.line, heading: this.heading, tags: this.tags,
      fields: this.fields, range: this.range, tagRange: this.tagRange, idRange: this.idRange,
    };
  }
}

/** Whether flat [start, end, …] spans are in order of their starts. */
function inOrder(cuts: number[]): boolean {
  for (let k = 2; k < cuts.length; k += 2) if (cuts[k - 2]! > cuts[k]!) return false;
  return true;
}

/** Flat [start, end, …] spans sorted by their starts (stable). */
function sortedSpans(cuts: number[]): number[] {
  const spans: Array<[number, number]> = [];
  for (let k = 0; k < cuts.length; k += 2) spans.push([cuts[k], cuts[k + 1]]);
  spans.sort((x, y) => x[0] - y[0]);
  return spans.flat();
}

/** The end of the cut span containing `i`, or -1. */
function cutAt(cuts: number[], i: number): number {
  for (let k = 0; k < cuts.length; k += 2) if (i >= cuts[k] && i < cuts[k + 1]) return cuts[k + 1];
  return -1;
}

/**
 * Which cut span holds a position, asked for positions that only grow: the
 * spans are sorted once, so a line with thousands of inline fields is still
 * read in linear time.
 */
class CutCursor {
  private readonly spans: number[];
  private k = 0;
  constructor(cuts: number[]) {
    this.spans = sortedSpans(cuts);
  }
  /** The end of a span containing `i`, or -1. */
  endAt(i: number): number {
    while (this.k < this.spans.length && this.spans[this.k + 1]! <= i) this.k += 2;
    return this.k < this.spans.length && this.spans[this.k]! <= i ? this.spans[this.k + 1]! : -1;
  }
}

function claimText(line: string, from: number, cuts: number[]): string {
  let out = '';
  let pos = from;
  // Cuts are mostly in order already (the tag, then the id): sorted only when they are not, which costs a list and a sort.
  const spans = inOrder(cuts) ? cuts : sortedSpans(cuts);
  for (let k = 0; k < spans.length; k += 2) {
    const a = spans[k]!;
    const b = spans[k + 1]!;
    if (a > pos) out += line.slice(pos, a);
    if (b > pos) pos = b;
  }
  out += line.slice(pos);
  out = showWikilinks(out);
  out = out.trim();
  return MULTI_SPACE.test(out) ? out.replace(/\s+/g, ' ') : out;
}

function childLine(note: NoteModel, open: Open, line: string, lineNo: number): void {
  open.lastLine = lineNo;
  const index = note.claims.length - 1;
  const m = line.indexOf('::') > 0 ? fieldLine(line) : undefined;
  if (!m) {
    scanLinks(note, line, lineNo, index, undefined, 0);
    blockId(note, line);
    return;
  }
  const keyStart = line.indexOf(m.key, m.indent.length);
  const valueStart = keyStart + m.key.length + 2 + m.gap.length;
  const key = addField(note, open.claim, index, m.key, m.value, lineNo, keyStart, valueStart, false);
  scanLinks(note, line, lineNo, index, key, valueStart);
}

function addField(note: NoteModel, claim: Claim, index: number, rawKey: string, value: string, lineNo: number,
  keyStart: number, valueStart: number, inline: boolean): string {
  const key = common(rawKey.toLowerCase());
  // A status or kind is one of a few values, written on most claims.
  const kept = key === 'status' || key === 'kind' ? common(value) : ownCopy(value);
  const field = new ParsedField(key, kept, lineNo, keyStart, rawKey.length, valueStart, inline);
  // The first field in a list of one: most claims have one or two (a list grown by push keeps room for sixteen more).
  if (claim.fields === NONE) claim.fields = [field];
  else claim.fields.push(field);
  if (key === 'kind' && claim.kind === undefined && value.length > 0) claim.kind = common(value.toLowerCase());
  if (key === 'status' && claim.status === undefined && value.trim().length > 0) claim.status = common(value.trim().toLowerCase());
  if (inline) scanLinks(note, value, lineNo, index, key, 0, undefined, valueStart);
  if (RELATION_FIELDS.has(key)) {
    BARE_REF.lastIndex = 0;
    const masked = maskWikilinks(value);
    for (let r; (r = BARE_REF.exec(masked)); ) {
      const start = valueStart + r.index + r[1].length;
      note.refs.push({
        id: ownCopy(r[2]), idRange: lineRange(lineNo, start + 1, start + 1 + r[2].length),
        range: lineRange(lineNo, start, start + 1 + r[2].length), claim: index, field: key,
      } satisfies ClaimRef);
    }
  }
  return key;
}

/**
 * Finds `[[…]]` in `text` (a line, or a part of it starting at `shift`) from `from`.
 * Spans in `cuts` (the id and inline fields, read on their own) are not scanned again.
 */
function scanLinks(note: NoteModel, text: string, lineNo: number, claim: number, field: string | undefined,
  from: number, cuts?: number[], shift = 0): void {
  let at = text.indexOf('[[', from);
  if (at < 0) return;
  const masked = maskCode(text);
  // Searches move forward only, so a line of 50,000 `[[` stays linear; its
  // unclosed links are reported a few at a time, not one warning per `[[`.
  const closeOf = new ForwardIndex(text, ']]');
  const cursor = cuts && cuts.length > 8 ? new CutCursor(cuts) : undefined;
  let unclosed = 0;
  for (; at >= 0; at = text.indexOf('[[', at + 2)) {
    if (masked.charCodeAt(at) === 32) continue;
    if (cuts && cuts.length > 2 && (cursor ? cursor.endAt(at) : cutAt(cuts, at)) >= 0) continue;
    const close = closeOf.next(at + 2);
    const nextOpen = text.indexOf('[[', at + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      if (++unclosed <= MAX_UNCLOSED_PER_LINE) {
        note.problems.push({
          code: 'unclosed-link', severity: 'warning',
          range: lineRange(lineNo, shift + at, shift + at + 2),
          message: 'This [[ is never closed: end the link with ]].',
        });
      }
      continue;
    }
    // Indices rather than substrings: this runs for every link of every note.
    let bar = text.indexOf('|', at + 2);
    if (bar > close) bar = -1;
    const targetEnd = bar >= 0 ? bar : close;
    let hash = text.indexOf('#', at + 2);
    if (hash > targetEnd) hash = -1;
    let tStart = at + 2;
    let tEnd = hash >= 0 ? hash : targetEnd;
    while (tStart < tEnd && isSpace(text.charCodeAt(tStart))) tStart++;
    while (tEnd > tStart && isSpace(text.charCodeAt(tEnd - 1))) tEnd--;
    const target = text.slice(tStart, tEnd);
    const link = new ParsedLink(target, lineNo, shift + at, shift + close + 2, shift + tStart, claim);
    if (bar >= 0) link.display = ownCopy(text.slice(bar + 1, close));
    if (field !== undefined) link.field = field;
    note.links.push(link);
    if (hash >= 0) {
      let aStart = hash + 1;
      while (aStart < targetEnd && isSpace(text.charCodeAt(aStart))) aStart++;
      link.anchor = ownCopy(text.slice(aStart, targetEnd).trimEnd());
      if (text.charCodeAt(aStart) === 94 /* ^ */) {
        const id = link.anchor.slice(1);
        const idStart = shift + aStart + 1;
        const ref: ClaimRef = { id, idRange: lineRange(lineNo, idStart, idStart + id.length), range: link.range, claim };
        if (target.length > 0) ref.note = link.target;
        if (field !== undefined) ref.field = field;
        note.refs.push(ref);
      }
    }
    at = close;
  }
}

function entityFromNote(note: NoteModel, lines: string[], first: number,
  decl: EntityDecl): EntityDef {
  const h = note.headings[0];
  const name = h && h.text ? h.text : noteBaseName(note.name);
  let description: string | undefined;
  const start = h ? h.line + 1 : first;
  const para: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l.length === 0) { if (para.length) break; continue; }
    if (l.startsWith('#')) break;
    para.push(l);
  }
  if (para.length) description = ownCopy(para.join(' '));
  const nameRange = h ? lineRange(h.line, h.level + 1, lines[h.line].length) : lineRange(0, 0, 0);
  return {
    id: decl.id ?? foldName(name).replace(/\s+/g, '-'),
    name, type: decl.type, aliases: decl.aliases, description,
    uri: note.uri, fileName: noteBaseName(note.name), range: note.frontMatter?.range ?? nameRange, nameRange, aliasRanges: decl.aliasRanges,
  };
}

/**
 * A claim's first line from its content on, as written — tag, id, inline
 * fields and link brackets included — for a comparison of its words that does
 * not need its display text (computing that for every claim of a large
 * workspace costs more than the comparison). A claim not made by this parser
 * gives its text.
 */
export function claimLine(claim: Claim): string {
  return claim instanceof ParsedClaim ? claim.written : claim.text;
}

/**
 * A claim's display text, not kept on the claim when it is not already: for
 * a question that reads many claims once, as each claim map does (kept, the
 * texts of every claim the maps of a session showed held tens of megabytes
 * at 10k notes). A claim not made by this parser gives its text.
 */
export function passingText(claim: Claim): string {
  return claim instanceof ParsedClaim ? claim.textOnce() : claim.text;
}

/**
 * The beginning of a claim's display text, more than `min` characters of it,
 * or the whole text (see ParsedClaim.textHead): what a prefix test needs,
 * without making the text of a claim a paragraph long.
 */
export function claimTextHead(claim: Claim, min: number): string {
  return claim instanceof ParsedClaim ? claim.textHead(min) : claim.text;
}

/**
 * The beginning of a claim's display text, more than `min` characters, when
 * it can be made without the whole text (see ParsedClaim.cutHead); its last
 * word may be cut short. Undefined: only the whole text will do.
 */
export function claimTextCut(claim: Claim, min: number): string | undefined {
  return claim instanceof ParsedClaim ? claim.cutHead(min) : undefined;
}

export type { Problem };
