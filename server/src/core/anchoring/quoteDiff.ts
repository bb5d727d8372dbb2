// What differs between a quote and the passage it matched approximately, word
// by word (jsdiff's word diff): so a fuzzy match says "'Obama' → 'Obaed'"
// instead of repeating a 230-character passage for the analyst to compare by
// eye. What the normalized step folds is not a difference: spacing, case,
// curly against straight quotation marks, the kinds of dash.
import { diffWords } from 'diff';
import { foldMarks } from '../text/fold';

export type DiffPart =
  | { readonly kind: 'same'; readonly text: string }
  | { readonly kind: 'changed'; readonly quote: string; readonly source: string }
  | { readonly kind: 'dropped'; readonly quote: string }
  | { readonly kind: 'added'; readonly source: string };

/** The quote's words against the source's, in order: the same, changed, dropped from the source, or added by it. */
export function quoteDiff(quote: string, source: string): DiffPart[] {
  // Runs as the diff gives them: the same text, or what the quote has (`q`) against what the source has (`s`).
  const runs: Array<{ same: string } | { q: string; s: string }> = [];
  for (const c of diffWords(foldMarks(quote), foldMarks(source), { ignoreCase: true })) {
    const last = runs.at(-1);
    if (!c.added && !c.removed) runs.push({ same: c.value });
    else if (last && 'q' in last) { if (c.removed) last.q += c.value; else last.s += c.value; }
    else runs.push(c.removed ? { q: c.value, s: '' } : { q: '', s: c.value });
  }
  // The diff cuts at punctuation, so "£4.2" against "£4.8" would be '2' → '8': a
  // difference takes in the rest of the words it cuts into, and reads whole.
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (!('q' in r)) continue;
    const before = runs[i - 1];
    const after = runs[i + 1];
    // Cut into a word: the same text and the difference touch without a space between them.
    const joinsBefore = /^\S/.test(r.q) || /^\S/.test(r.s);
    const joinsAfter = /\S$/.test(r.q) || /\S$/.test(r.s);
    const head = joinsBefore && before && 'same' in before ? /\S+$/.exec(before.same)?.[0] ?? '' : '';
    const tail = joinsAfter && after && 'same' in after ? /^\S+/.exec(after.same)?.[0] ?? '' : '';
    if (head) (before as { same: string }).same = (before as { same: string }).same.slice(0, -head.length);
    if (tail) (after as { same: string }).same = (after as { same: string }).same.slice(tail.length);
    r.q = head + r.q + tail;
    r.s = head + r.s + tail;
  }
  const out: DiffPart[] = [];
  for (const r of runs) {
    if ('same' in r) { if (r.same) out.push({ kind: 'same', text: r.same.replace(/\s+/g, ' ') }); continue; }
    const q = r.q.replace(/\s+/g, ' ').trim();
    const s2 = r.s.replace(/\s+/g, ' ').trim();
    if (q && s2) out.push({ kind: 'changed', quote: q, source: s2 });
    else if (q) out.push({ kind: 'dropped', quote: q });
    else if (s2) out.push({ kind: 'added', source: s2 });
  }
  return out;
}

/** The differences in a few words: "'Obama' → 'Obaed'; 'very' not in the source; the source adds 'the'", at most `max` of them. */
export function shortDiff(parts: readonly DiffPart[], max = 3): string {
  const changes = parts.filter((p) => p.kind !== 'same');
  const said = changes.slice(0, max).map((p) =>
    p.kind === 'changed' ? `'${p.quote}' → '${p.source}'` : p.kind === 'dropped' ? `'${p.quote}' not in the source` : p.kind === 'added' ? `the source adds '${p.source}'` : '');
  const more = changes.length - said.length;
  return said.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** How many of the words two texts share, in order, 0…1 (twice the shared words over all their words). */
export function wordSimilarity(a: string, b: string): number {
  const total = wordCount(a) + wordCount(b);
  if (total === 0) return 1;
  const same = quoteDiff(a, b).reduce((n, p) => n + (p.kind === 'same' ? wordCount(p.text) : 0), 0);
  return (2 * same) / total;
}
