// Test helpers: inline fixtures with a caret `|` marking a position, and an
// in-memory workspace indexed the way the server indexes a real one.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { type Position } from '../../server/src/core/notes/model';
import { type Edit } from '../../server/src/core/features/types';
import { InMemoryWorkspace, joinPath } from '../../server/src/core/workspace/workspace';

export const ROOT = 'file:///ws';

/** `a|b` → the text without the caret and the caret's position. */
export function caret(text: string, marker = '|'): { text: string; pos: Position } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('fixture has no caret');
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { text: before + text.slice(at + marker.length), pos: { line, character: at - (before.lastIndexOf('\n') + 1) } };
}

export function uri(path: string): string {
  return joinPath(ROOT, path);
}

/** Builds an index over files given by workspace-relative path. */
export async function indexOf(files: Record<string, string | Uint8Array>): Promise<{ index: WorkspaceIndex; ws: InMemoryWorkspace }> {
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const index = new WorkspaceIndex(ws);
  await index.build();
  return { index, ws };
}

/** A fixture note with a caret: indexes it with the other files, returns the note's URI and the caret. */
export async function withCaret(path: string, textWithCaret: string, others: Record<string, string> = {}) {
  const { text, pos } = caret(textWithCaret);
  const { index, ws } = await indexOf({ ...others, [path]: text });
  return { index, ws, uri: uri(path), pos, text };
}

export const ENTITIES = `- id: sam-altman
  name: Sam Altman
  type: person
  aliases: [Altman]
  description: Chief executive of OpenAI.
  links: { url: https://example.org/altman }
- id: deepseek
  name: DeepSeek
  type: organization
  aliases: [Deepseek, DeepSEE]
- id: anthropic
  name: Anthropic
  type: organization
`;

/** Applies the text edits a proposed edit makes to one file (an action without an edit fails the test). */
export function applyTo(text: string, edit: Edit | undefined, fileUri: string): string {
  if (!edit) throw new Error('the action has no edit');
  const doc = TextDocument.create(fileUri, 'markdown', 0, text);
  return TextDocument.applyEdits(doc, edit.files.filter((f) => f.uri === fileUri).flatMap((f) => f.edits));
}

/** A note with headings, claims, a relation and prose mentions, for navigation tests. */
export const STRATEGY_NOTE = `---
source:
  path: ../articles/a.txt
---
# Strategy
- #claim [[Sam Altman]] wants a billion users. ^billion
  - by:: [[Altman]]
## Rivals
- #claim [[DeepSEE]] is cheap. ^cheap
  - supports:: ^billion
# Prose
Some text about [[Sam Altman]].
`;
