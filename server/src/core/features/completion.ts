// Completion: entities and notes after `[[`, claim ids after `#^` and in
// relation fields, field names at the start of a claim's child item, and
// values after `status::`, `kind::` and `by::`.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type EntityDef, type NoteModel, type Position, lineRange } from '../notes/model';
import { foldName } from '../text/names';
import { RELATION_FIELDS } from '../notes/parser';
import { statusBadge } from './cards';
import { claimAt } from './locate';
import { type Completion, type CompletionItem, type TextEdit } from './types';

export const FIELD_NAMES: Array<[string, string]> = [
  ['status', 'verdict: one of the workspace statuses'],
  ['quote', 'verbatim text from the source, in quotation marks'],
  ['by', 'who made the claim: [[entity]]'],
  ['kind', 'fact, prediction, opinion, statistic, quote…'],
  ['confidence', 'low / medium / high, or 0–1'],
  ['supports', 'claims this one supports: ^id or [[note#^id]]'],
  ['contradicts', 'claims this one contradicts'],
  ['refines', 'claims this one refines'],
  ['same-as', 'the same claim noted elsewhere: [[note#^id]] (holds both ways)'],
  ['distinct-from', 'a look-alike claim that is not the same: [[note#^id]]'],
  ['evidence', 'a URL or [[wikilink]]'],
  ['source', 'a source id from the front matter'],
  ['note', 'free text'],
];
const DEFAULT_KINDS = ['fact', 'prediction', 'opinion', 'statistic', 'quote'];
const LIMIT = 200;

export function completion(index: WorkspaceIndex, uri: string, pos: Position, lineText: string): Completion {
  const before = lineText.slice(0, pos.character);
  const after = lineText.slice(pos.character);
  const note = index.notes.get(uri);
  const list = (items: CompletionItem[], isIncomplete = false): Completion => ({ isIncomplete, items });
  const edit = (from: number, newText: string): TextEdit => ({ range: lineRange(pos.line, from, pos.character), newText });

  const open = before.lastIndexOf('[[');
  if (open >= 0 && before.indexOf(']]', open) < 0) {
    const typed = before.slice(open + 2);
    const close = after.startsWith(']]') ? '' : ']]';
    const hash = typed.indexOf('#^');
    if (hash >= 0 && note) {
      const target = typed.slice(0, hash);
      const notes = target ? index.resolveNote(target, uri) : [note];
      return list(claimIdItems(index, notes[0], open + 2 + hash + 2, (id) => id + close, edit));
    }
    return linkItems(index, typed, open + 2, close, edit);
  }
  if (!note) return list([]);

  const value = /^\s*(?:[-*+]\s+)?([A-Za-z][\w-]*)::\s*(.*)$/.exec(before);
  if (value) {
    const key = value[1].toLowerCase();
    const typedFrom = pos.character - value[2].length;
    if (key === 'status') {
      return list(index.config.statuses.map((s, i) => ({
        label: s.id, kind: 'value', detail: statusBadge(index, s.id),
        sortText: String(i).padStart(3, '0'), edit: edit(typedFrom, s.id),
      })));
    }
    if (key === 'kind') {
      const used = new Set(DEFAULT_KINDS);
      for (const n of index.notes.values()) for (const c of n.claims) if (c.kind) used.add(c.kind);
      return list([...used].sort().map((k) => ({ label: k, kind: 'value', edit: edit(typedFrom, k) })));
    }
    if (key === 'by') {
      const typed = value[2].replace(/^\[\[/, '');
      const people = linkItems(index, typed, typedFrom, '', edit, true);
      people.items.forEach((i) => { i.edit = edit(typedFrom, `[[${i.label}]]`); i.filterText = `[[${i.label}`; });
      return people;
    }
    if (RELATION_FIELDS.has(key)) {
      const caret = /(?:^|[\s,])\^([\w-]*)$/.exec(before);
      if (caret) return list(claimIdItems(index, note, pos.character - caret[1].length, (id) => id, edit));
      if (/(?:::|,)\s*$/.test(before)) return list(claimIdItems(index, note, pos.character, (id) => '^' + id, edit));
    }
    return list([]);
  }
  const field = /^(\s*)[-*+]\s+(\w*)$/.exec(before);
  const claim = claimAt(note, pos);
  if (field && claim && pos.line > claim.line) {
    const typedFrom = pos.character - field[2].length;
    return list(FIELD_NAMES.map(([name, doc], i) => ({
      label: name, kind: 'field', detail: doc, sortText: String(i).padStart(3, '0'),
      edit: edit(typedFrom, `${name}:: `),
    })));
  }
  return list([]);
}

function claimIdItems(index: WorkspaceIndex, note: NoteModel | undefined, from: number,
  text: (id: string) => string, edit: (from: number, t: string) => TextEdit): CompletionItem[] {
  if (!note) return [];
  return note.claims.filter((c) => c.id).map((c) => ({
    label: c.id!, kind: 'claim',
    detail: statusBadge(index, index.statusOf(c)), documentation: c.text,
    edit: edit(from, text(c.id!)),
  }));
}

// What an entity's item says whatever was typed, worked out once per definition (a
// definition is replaced, never changed): `[[` is typed often, and folding the names
// of two hundred entities on each keystroke made garbage that collections paid for.
const entityItems = new WeakMap<EntityDef, { name: string; filterText: string }>();
function entityItem(e: EntityDef): { name: string; filterText: string } {
  let fixed = entityItems.get(e);
  if (!fixed) entityItems.set(e, fixed = { name: foldName(e.name), filterText: [e.name, ...e.aliases, e.id].join(' ') });
  return fixed;
}

function linkItems(index: WorkspaceIndex, typed: string, from: number, close: string,
  edit: (from: number, t: string) => TextEdit, entitiesOnly = false): Completion {
  const q = foldName(typed);
  const items: CompletionItem[] = [];
  // At most LIMIT items; the editor asks again as the analyst types more.
  const full = () => items.length >= LIMIT;
  let more = false;
  for (const e of index.entities()) {
    if (q && !index.entityKeysOf(e).some((k) => k.includes(q))) continue;
    if (full()) { more = true; break; }
    const fixed = entityItem(e);
    items.push({
      label: e.name, kind: 'entity', detail: e.type, documentation: e.description, filterText: fixed.filterText,
      sortText: (fixed.name.startsWith(q) ? '0' : '1') + fixed.name,
      edit: edit(from, e.name + close),
    });
  }
  if (!entitiesOnly && !more) {
    for (const n of index.notes.values()) {
      if (n.entity) continue;
      const base = index.noteBase(n);
      if (q && !foldName(base).includes(q)) continue;
      if (full()) { more = true; break; }
      items.push({
        label: base, kind: 'note', detail: `note · ${n.claims.length} claims`,
        sortText: '2' + foldName(base), edit: edit(from, base + close),
      });
    }
  }
  return { isIncomplete: more, items };
}
