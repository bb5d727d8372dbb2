// The review of changed sources (SPEC §4): a Markdown report of every quote
// whose source no longer has the text it was confirmed on, per source and
// per note — the passage then and now, the words that differ — each with its
// one-click decisions: accept the new passage, or keep the old wording. The
// decisions are command links (`claimlens.reviewQuote`, one JSON argument),
// written as reference links at the foot of the report so its body reads
// cleanly as text; `actions` gives each decision's line, for an editor to put
// a button there.
//
// "Then" comes from an earlier saved copy (`source.versions`) whose text has
// the recorded SHA-256 when there is one, with the sentence around the
// passage; else from the record itself, the passage with 32 characters
// either side.
import { type RecordedAnchor } from '../anchoring/anchorRecord';
import { type Place } from '../anchoring/contextMatch';
import { type QuoteAnchor } from '../anchoring/noteAnchoring';
import { quoteDiff } from '../anchoring/quoteDiff';
import { type QuoteChange } from '../anchoring/sourceChange';
import { diffMarkdown, oneLine } from './anchorViews';
import { escapeMd } from './cards';
import { shortDigest } from './recordViews';
import { type ReviewDecision } from './recordUpdates';
import { REVIEW_QUOTE_COMMAND } from './types';

/** One decision on one quote, as a link carries it: the source's digest the review was made on, and for an ambiguous quote which place. */
export interface ReviewQuoteArgs { note: string; key: string; decision: ReviewDecision; sha256: string; place?: number }

/**
 * A decision in the report: the line its link is on, its title, the claim it
 * is about (`^id`, else its first words), what it sends, and its link's
 * target (a command URI).
 */
export interface ReviewAction { line: number; title: string; claim: string; args: ReviewQuoteArgs; target: string }

export interface ReviewReport {
  markdown: string;
  actions: ReviewAction[];
  /** Quotes that await a decision. */
  pending: number;
}

/** A quote of a changed source, with what the report shows of it. */
export interface ReviewItem {
  notePath: string;
  noteUri: string;
  quote: QuoteAnchor;
  entry: RecordedAnchor;
  change: QuoteChange;
  /** The source's SHA-256 now. */
  sha256: string;
  /** The source's text now (what its offsets count in). */
  text: string;
  /** An earlier saved copy whose text has the recorded SHA-256. */
  copy?: { path: string; text: string };
}

/** A quote kept as an earlier version of its article, listed at the end. */
export interface KeptItem { notePath: string; noteUri: string; quote: QuoteAnchor; entry: RecordedAnchor }

/** How many units of text either side of a passage the report shows, cut at a word. */
const AROUND = 100;

function excerpt(text: string, place: Place): string {
  let s = Math.max(0, place.start - AROUND);
  let e = Math.min(text.length, place.end + AROUND);
  if (s > 0) s = text.indexOf(' ', s) + 1 || place.start;
  if (e < text.length) { const at = text.lastIndexOf(' ', e); e = at > place.end ? at : place.end; }
  const before = oneLine(text.slice(s, place.start)).trimStart();
  const after = oneLine(text.slice(place.end, e)).trimEnd();
  return `${s > 0 ? '…' : ''}${escapeMd(before)}**${escapeMd(oneLine(text.slice(place.start, place.end)))}**${escapeMd(after)}${e < text.length ? '…' : ''}`;
}

/** The passage as it was: in the earlier copy with the recorded text when there is one, else as the record keeps it. */
function then(item: ReviewItem): string {
  const { entry, copy } = item;
  if (copy) {
    const at = copy.text.slice(entry.start, entry.end) === entry.exact ? entry.start : copy.text.indexOf(entry.exact);
    if (at >= 0) return excerpt(copy.text, { start: at, end: at + entry.exact.length });
  }
  return `…${escapeMd(oneLine(entry.prefix))}**${escapeMd(oneLine(entry.exact))}**${escapeMd(oneLine(entry.suffix))}…`;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** A claim in a few words: its id, else its first words. */
function claimName(q: QuoteAnchor): string {
  if (q.claim.id) return `^${q.claim.id}`;
  const words = q.claim.text.split(/\s+/).filter(Boolean);
  return words.slice(0, 6).join(' ') + (words.length > 6 ? '…' : '');
}

function claimLabel(q: QuoteAnchor): string {
  return escapeMd(claimName(q));
}

const VERDICT: Record<QuoteChange['kind'], string> = { edited: 'edited', gone: 'gone', ambiguous: 'ambiguous', unchanged: 'unchanged' };

function commandLink(args: ReviewQuoteArgs): string {
  return `command:${REVIEW_QUOTE_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) { const k = key(it); const list = out.get(k); if (list) list.push(it); else out.set(k, [it]); }
  return out;
}

/** The report. `confirmed`: whether the record holds any quote at all (what an empty report says). */
export function reviewReport(items: readonly ReviewItem[], kept: readonly KeptItem[], confirmed: boolean): ReviewReport {
  const lines: string[] = ['# Changed sources', ''];
  const actions: ReviewAction[] = [];
  const links: string[] = [];
  if (items.length === 0) {
    lines.push(confirmed
      ? 'Every confirmed quote\'s source still has the text it was confirmed on.'
      : 'No quote is confirmed yet. **Claimlens: Confirm Quotes** (or `claimlens anchors --confirm`) records where each quote is; this review then lists what changes in the articles after.');
  } else {
    const sources = groupBy(items, (i) => i.entry.source);
    const byKind = (k: QuoteChange['kind']) => items.filter((i) => i.change.kind === k).length;
    const counts = (['edited', 'gone', 'ambiguous', 'unchanged'] as const).filter((k) => byKind(k) > 0).map((k) => `${byKind(k)} ${VERDICT[k]}`);
    const copies = sources.size === 1 ? 'One saved copy changed since its' : `${sources.size} saved copies changed since their`;
    lines.push(`${copies} quotes were confirmed. ${plural(items.length, 'quote')} await${items.length === 1 ? 's' : ''} a decision: ${counts.join(', ')}.`, '');
    lines.push('**Accept the new passage** records the article as it reads now, and a reworded quote takes the new wording. '
      + '**Keep the old wording** marks the claim as quoting the earlier version, which the exports state. '
      + 'Quotes still in the article need only the record brought up to date: **Claimlens: Confirm Quotes** does it for all of them at once.', '');
    let n = 0;
    let claim = '';
    const action = (title: string, args: ReviewQuoteArgs, id: string) => {
      const target = commandLink(args);
      links.push(`[${id}]: ${target}`);
      actions.push({ line: lines.length, title, claim, args, target });
      return `[${title}][${id}]`;
    };
    for (const [source, group] of sources) {
      const first = group[0]!;
      lines.push(`## ${escapeMd(source)}`, '');
      lines.push(`Confirmed on the text with sha256 \`${shortDigest(first.entry.sha256)}\`; the saved copy now has \`${shortDigest(first.sha256)}\`. `
        + (first.copy ? `The earlier copy \`${first.copy.path}\` has the text the quotes were confirmed on.`
          : 'No copy named in `source.versions` has the text the quotes were confirmed on: each passage is shown as the record keeps it, with 32 characters either side.'), '');
      for (const [notePath, notes] of groupBy(group, (i) => i.notePath)) {
        lines.push(`### ${escapeMd(notePath)}`, '');
        for (const item of notes) {
          n++;
          const { quote: q, change, sha256 } = item;
          claim = claimName(q);
          const base = { note: item.noteUri, key: q.key!, sha256 };
          const verdict = change.kind === 'unchanged' && change.moved ? 'unchanged, moved' : VERDICT[change.kind];
          lines.push(`#### ${n}. ${claimLabel(q)} · ${verdict}`, '');
          const line = q.field.keyRange.start.line + 1;
          links.push(`[note-${n}]: ${item.noteUri}#L${line}`);
          lines.push(`Quote: “${escapeMd(q.quote)}” ([line ${line}][note-${n}])`, '');
          if (change.kind === 'unchanged') {
            // The same words with their surroundings: nothing to compare, only the record to bring up to date.
            lines.push(change.moved ? `Still in the article, now at line ${lineOf(item.text, change.place.start)}.` : 'Still in the article, in the same place.', '');
            lines.push(action('Accept the new version', { ...base, decision: 'accept' }, `accept-${n}`), '');
            continue;
          }
          lines.push(`- Then: ${then(item)}`);
          switch (change.kind) {
            case 'edited':
              lines.push(`- Now: ${excerpt(item.text, change.place)}`);
              lines.push(`- Word by word: ${diffMarkdown(quoteDiff(item.entry.exact, change.exact))}`, '');
              lines.push(`${action('Accept the new passage', { ...base, decision: 'accept' }, `accept-${n}`)} · ${action('Keep the old wording', { ...base, decision: 'keep' }, `keep-${n}`)}`);
              break;
            case 'gone':
              lines.push('- Now: the passage is no longer in the article.', '');
              lines.push(action('Keep the old wording', { ...base, decision: 'keep' }, `keep-${n}`));
              break;
            case 'ambiguous':
              lines.push('- Now, its words are in these places, none of them where the passage was:');
              change.places.forEach((place, i) => {
                lines.push(`  ${i + 1}. line ${lineOf(item.text, place.start)}: ${excerpt(item.text, place)} ${action(`This is the passage (${i + 1})`, { ...base, decision: 'accept', place: i }, `accept-${n}-${i + 1}`)}`);
              });
              lines.push('');
              lines.push(action('Keep the old wording', { ...base, decision: 'keep' }, `keep-${n}`));
              break;
          }
          lines.push('');
        }
      }
    }
  }
  if (kept.length > 0) {
    lines.push('## Quoting an earlier version', '');
    for (const k of kept) {
      lines.push(`- ${escapeMd(k.notePath)} ${claimLabel(k.quote)}: “${escapeMd(k.quote.quote)}”, as \`${escapeMd(k.entry.source)}\` read with sha256 \`${shortDigest(k.entry.sha256)}\``);
    }
    lines.push('');
  }
  if (links.length > 0) lines.push(...links, '');
  while (lines.at(-1) === '') lines.pop();
  return { markdown: lines.join('\n') + '\n', actions, pending: items.length };
}
