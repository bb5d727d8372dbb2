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
  const out: DiffPart[] = [];
  const changes = diffWords(foldMarks(quote), foldMarks(source), { ignoreCase: true });
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const next = changes[i + 1];
    const text = c.value.replace(/\s+/g, ' ');
    if (c.removed && next?.added) {
      out.push({ kind: 'changed', quote: text.trim(), source: next.value.replace(/\s+/g, ' ').trim() });
      i++;
    } else if (c.removed) {
      out.push({ kind: 'dropped', quote: text.trim() });
    } else if (c.added) {
      out.push({ kind: 'added', source: text.trim() });
    } else {
      out.push({ kind: 'same', text });
    }
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
