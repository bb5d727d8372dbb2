// The quick fix for a fuzzy quote: replace it with the source's text. The
// replacement travels in the problem's data; the fix applies only while the
// field still holds the value the problem was computed on, and carries the
// document version, so it never lands on text that has moved.
import { type NoteModel, type Problem, type Range } from '../notes/model';
import { EditBuilder, type VersionOf } from './edits';
import { type CodeAction } from './types';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function fuzzyQuoteAction(note: NoteModel, p: Problem, versionOf: VersionOf): CodeAction | undefined {
  const data = p.data;
  if (p.code !== 'quote-fuzzy' || typeof data?.value !== 'string' || typeof data.replacement !== 'string') return undefined;
  const field = note.claims.flatMap((c) => c.fields)
    .find((f) => f.key === 'quote' && f.value === data.value && sameRange(f.valueRange, p.range));
  if (!field) return undefined;
  const shown = data.replacement.length > 70 ? `${data.replacement.slice(0, 69)}…` : data.replacement;
  return {
    title: `Replace with the source's text: ${shown}`,
    kind: 'quickfix',
    fixes: p,
    isPreferred: true,
    edit: new EditBuilder(versionOf).add(note.uri, { range: field.valueRange, newText: data.replacement }).build(),
  };
}
