// The Markdown cards shown on hover: a claim's card and an entity's card.
// The source view's hover shows the same claim card.
import { type ResolvedClaim, type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type EntityDef, type NoteModel, type StatusDef } from '../notes/model';
import { RELATION_FIELDS } from '../notes/parser';
import { displayQuote } from '../notes/quotes';

/** Codicon names (as `.claimlens.yaml` gives them) shown as characters any Markdown renders. */
const ICONS: Record<string, string> = {
  question: '❔', pass: '✅', 'pass-filled': '✅', check: '✅', thumbsup: '👍', 'comment-discussion': '💬',
  warning: '⚠️', error: '❌', close: '❌', info: 'ℹ️', circle: '⚪', 'circle-outline': '⚪',
};

export function statusDef(index: WorkspaceIndex, id: string): StatusDef | undefined {
  return index.config.statuses.find((s) => s.id === id);
}

export function statusBadge(index: WorkspaceIndex, id: string): string {
  const def = statusDef(index, id);
  const icon = def ? ICONS[def.icon] ?? '' : '❓';
  return `${icon ? icon + ' ' : ''}${def ? def.label : id}`;
}

function fieldValues(claim: Claim, key: string): string[] {
  return claim.fields.filter((f) => f.key === key && f.value.length > 0).map((f) => f.value);
}

function plainLinks(text: string): string {
  return text.replace(/\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]/g, (_m, t: string, d?: string) => d ?? t.replace(/#\^?/, ' › '));
}

export function escapeMd(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

/** Extra lines for each quote; the anchoring layer supplies them when it knows the source. */
export type QuoteDetail = (note: NoteModel, claim: Claim, quote: string, index: number) => string | undefined;

export function claimCard(index: WorkspaceIndex, note: NoteModel, claim: Claim, quoteDetail?: QuoteDetail): string {
  const status = index.statusOf(claim);
  const lines: string[] = [];
  const title = claim.text ? escapeMd(claim.text) : '_(empty claim)_';
  lines.push(`**${statusBadge(index, status)}** · ${title}`);
  const meta: string[] = [];
  const by = fieldValues(claim, 'by');
  if (by.length) meta.push(`by ${by.map((b) => escapeMd(plainLinks(b))).join(', ')}`);
  if (claim.kind) meta.push(`kind: ${escapeMd(claim.kind)}`);
  const conf = fieldValues(claim, 'confidence')[0];
  if (conf) meta.push(`confidence: ${escapeMd(conf)}`);
  meta.push(`\`${escapeCode(note.name)}#^${claim.id ?? '(no id)'}\``);
  lines.push('', meta.join(' · '));
  const quotes = fieldValues(claim, 'quote');
  quotes.forEach((q, i) => {
    lines.push('', `> ${escapeMd(displayQuote(q))}`);
    const detail = quoteDetail?.(note, claim, q, i);
    if (detail) lines.push('', detail);
  });
  const relations: string[] = [];
  for (const f of claim.fields) {
    if (RELATION_FIELDS.has(f.key) && f.value) relations.push(`${f.key} ${escapeMd(plainLinks(f.value))}`);
  }
  // same-as holds both ways: a claim named as the same elsewhere says so here too.
  for (const r of claim.id ? index.referencesTo(note, claim.id) : []) {
    const from = r.ref.field === 'same-as' ? index.notes.get(r.uri) : undefined;
    const other = from?.claims[r.ref.claim];
    if (from && other?.id && other !== claim) relations.push(`same-as ${escapeMd(`${index.noteBase(from)} › ${other.id}`)}`);
  }
  if (relations.length) lines.push('', relations.join(' · '));
  const notes = fieldValues(claim, 'note');
  for (const n of notes) lines.push('', `_${escapeMd(plainLinks(n))}_`);
  if (claim.id) {
    const refs = index.referencesTo(note, claim.id);
    if (refs.length === 0) lines.push('', 'Not referenced elsewhere.');
    else {
      const from = [...new Set(refs.map((r) => index.notes.get(r.uri)?.name ?? r.uri))];
      lines.push('', `Referenced ${refs.length} time${refs.length === 1 ? '' : 's'} from ${from.map((n) => `\`${escapeCode(n)}\``).join(', ')}`);
    }
  }
  return lines.join('\n');
}

function escapeCode(s: string): string {
  return s.replace(/`/g, "'");
}

/** How many of an entity's latest claims its card lists. */
const LATEST = 3;

/**
 * Mentions from which an entity's card is worth counting before anyone asks:
 * a tally reads every mention, ~0.5 µs each, so the first hover of the most
 * named (10,000 mentions at 10k notes) would take several milliseconds.
 */
export const HEAVY_ENTITY = 1000;

/** Counts what an entity's card shows, if not counted since its mentions last changed: the first hover then finds it done. */
export function prepareEntityCard(index: WorkspaceIndex, e: EntityDef): void {
  index.memo(e, 'tally', () => tally(index, e, LATEST));
}

export function entityCard(index: WorkspaceIndex, e: EntityDef): string {
  const lines: string[] = [`**${escapeMd(e.name)}** · ${escapeMd(e.type)}`];
  if (e.description) lines.push('', escapeMd(e.description));
  if (e.aliases.length) lines.push('', `Also: ${e.aliases.map(escapeMd).join(', ')}`);
  if (e.links) {
    const links = Object.entries(e.links).filter(([, v]) => typeof v === 'string' || typeof v === 'number');
    if (links.length) lines.push('', links.map(([k, v]) => linkText(k, String(v))).join(' · '));
  }
  const t = index.memo(e, 'tally', () => tally(index, e, LATEST));
  if (t.claims === 0) {
    lines.push('', 'No claims mention it yet.');
    return lines.join('\n');
  }
  lines.push('', `**${t.claims}** claim${t.claims === 1 ? '' : 's'} in **${t.notes}** note${t.notes === 1 ? '' : 's'}`);
  lines.push('', t.byStatus.map(([s, n]) => `${statusBadge(index, s)} ${n}`).join(' · '));
  lines.push('', ...t.recent.map(({ note, claim }) => `- ${statusBadge(index, index.statusOf(claim))}: ${escapeMd(claim.text)} — \`${escapeCode(note.name)}\``));
  return lines.join('\n');
}

interface Tally { claims: number; notes: number; byStatus: Array<[string, number]>; recent: ResolvedClaim[] }

/**
 * One pass over the entity's mentions: claims, notes, the count by status, and
 * the latest few claims (by the source's date, then note name, then line).
 * It runs on the first hover of an entity after its mentions change, over
 * every mention (10,000 for the most named at 10k notes): nothing is made
 * per mention, and a note's date and name are compared once or a few times,
 * not once per claim.
 */
function tally(index: WorkspaceIndex, e: EntityDef, latest: number): Tally {
  let claims = 0, notes = 0;
  const byStatus = new Map<string, number>();
  const recent: Recent[] = [];
  let current: NoteModel | undefined;
  let last = -1;
  let date = '';
  /** How many more of the current note's claims could still be listed: its first ones come first, so once one is not, none after it is. */
  let open = 0;
  // A note's links come together and in its order, so a claim's do too: a claim with two links is met twice in a row.
  index.forEachMention(e, (note, link) => {
    // Read from memory only once per claim: at this count, each object read is a cache miss and costs more than the rest.
    if (link.claim < 0 || (link.claim === last && note === current)) return;
    last = link.claim;
    claims++;
    if (note !== current) { current = note; notes++; date = noteDate(note); open = latest; }
    const claim = note.claims[link.claim]!;
    const status = index.statusOf(claim);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    if (open === 0) return;
    if (recent.length === latest && !later(note, claim, date, recent[latest - 1]!)) { open = 0; return; }
    open--;
    // Moved along by hand: the notes come in no order, and in the worst case each one is the latest so far.
    let at = Math.min(recent.length, latest - 1);
    for (; at > 0 && later(note, claim, date, recent[at - 1]!); at--) recent[at] = recent[at - 1]!;
    recent[at] = { note, claim, date };
  });
  const order = index.config.statuses.map((s) => s.id);
  return {
    claims, notes,
    byStatus: [...byStatus].sort((a, b) => rank(order, a[0]) - rank(order, b[0])),
    recent: recent.map(({ note, claim }) => ({ note, claim })),
  };
}

interface Recent { note: NoteModel; claim: Claim; date: string }

/** Whether a claim is listed before `b`: a later source date, then a later note name, then an earlier line. */
function later(note: NoteModel, claim: Claim, date: string, b: Recent): boolean {
  if (date !== b.date) return date > b.date;
  if (note !== b.note && note.name !== b.note.name) return note.name > b.note.name;
  return claim.line < b.claim.line;
}

function linkText(key: string, value: string): string {
  return /^https?:\/\//.test(value) ? `[${escapeMd(key)}](${value})` : `${escapeMd(key)}: ${escapeMd(value)}`;
}

function rank(order: string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

function noteDate(note: NoteModel): string {
  const s = note.sources[0];
  return s?.published ?? s?.retrieved ?? '';
}
