// The quick fixes on a quote. A fuzzy quote: replace it with the source's
// text; the replacement travels in the problem's data, and the fix applies
// only while the field still holds the value the problem was computed on, and
// carries the document version, so it never lands on text that has moved.
// A quote that matches in several places as closely: one fix per place that
// pins it in the anchors record — the server writes the record (the command
// below), the quote itself is never rewritten.
import { type NoteModel, type Problem, type Range } from '../notes/model';
import { EditBuilder, type VersionOf } from './edits';
import { type CodeAction, PIN_OCCURRENCE_COMMAND } from './types';

/** Which place to pin: the quote's record key, the place's number (1-based) and where it started when offered. */
export interface PinOccurrence { note: string; key: string; occurrence: number; start: number }

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

interface OfferedPlace { start: number; line: number; context: string }

function isPlace(v: unknown): v is OfferedPlace {
  const p = v as OfferedPlace;
  return typeof p === 'object' && p !== null && typeof p.start === 'number' && typeof p.line === 'number' && typeof p.context === 'string';
}

/** One fix per place of an ambiguous quote, each pinning that place in the anchors record. */
export function pinActions(note: NoteModel, p: Problem): CodeAction[] {
  const data = p.data;
  if (p.code !== 'quote-ambiguous' || typeof data?.key !== 'string' || !Array.isArray(data.places) || !data.places.every(isPlace)) return [];
  const places = data.places as OfferedPlace[];
  const key = data.key;
  return places.map((place, i) => {
    const args: PinOccurrence = { note: note.uri, key, occurrence: i + 1, start: place.start };
    return {
      title: `Pin occurrence ${i + 1} of ${places.length} (line ${place.line + 1}: ${place.context})`,
      kind: 'quickfix', fixes: p, command: { id: PIN_OCCURRENCE_COMMAND, arguments: [args] },
    };
  });
}
