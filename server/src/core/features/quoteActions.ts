// The quick fix for a fuzzy quote: replace it with the source's text. The
// replacement travels in the diagnostic's data; the fix applies only while the
// field still holds the value the diagnostic was computed on, and carries the
// document version, so it never lands on text that has moved.
import { type CodeAction, CodeActionKind, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { type NoteModel } from '../notes/model';
import { EditBuilder, type VersionOf } from './edits';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function fuzzyQuoteAction(note: NoteModel, d: Diagnostic, versionOf: VersionOf): CodeAction | undefined {
  const data = d.data as { value?: unknown; replacement?: unknown } | undefined;
  if (d.code !== 'quote-fuzzy' || typeof data?.value !== 'string' || typeof data.replacement !== 'string') return undefined;
  const field = note.claims.flatMap((c) => c.fields)
    .find((f) => f.key === 'quote' && f.value === data.value && sameRange(f.valueRange, d.range));
  if (!field) return undefined;
  const shown = data.replacement.length > 70 ? `${data.replacement.slice(0, 69)}…` : data.replacement;
  return {
    title: `Replace with the source's text: ${shown}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: new EditBuilder(versionOf).add(note.uri, { range: field.valueRange, newText: data.replacement }).build(),
  };
}
