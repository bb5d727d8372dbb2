// Document symbols (every claim nested under its heading, for the Outline)
// and workspace symbols (claims and entities, matched on text, id and aliases).
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type NoteModel } from '../notes/model';
import { foldName } from '../text/names';
import { statusBadge } from './cards';
import { type DocumentSymbol, type WorkspaceSymbol } from './types';

export function documentSymbols(index: WorkspaceIndex, note: NoteModel): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ level: number; sym: DocumentSymbol }> = [];
  const headingSyms: DocumentSymbol[] = [];
  note.headings.forEach((h, i) => {
    const next = note.headings.slice(i + 1).find((x) => x.level <= h.level);
    // A section runs to the next heading of the same or a higher level.
    const end = next ? { line: next.line, character: 0 } : { line: note.lineCount, character: 0 };
    const sym: DocumentSymbol = {
      name: h.text || '(untitled)', kind: 'heading',
      range: { start: { line: h.line, character: 0 }, end }, selectionRange: h.range, children: [],
    };
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1].sym.children! : roots).push(sym);
    stack.push({ level: h.level, sym });
    headingSyms.push(sym);
  });
  for (const claim of note.claims) {
    const sym = claimSymbol(index, claim);
    (claim.heading >= 0 ? headingSyms[claim.heading].children! : roots).push(sym);
  }
  // Headings were placed first: put every level back in document order.
  const sort = (list: DocumentSymbol[]) => {
    list.sort((a, b) => a.range.start.line - b.range.start.line);
    list.forEach((s) => s.children && sort(s.children));
  };
  sort(roots);
  return roots;
}

function claimSymbol(index: WorkspaceIndex, claim: Claim): DocumentSymbol {
  return {
    name: claim.text || '(empty claim)',
    detail: `${statusBadge(index, index.statusOf(claim))}${claim.id ? ` ^${claim.id}` : ''}`,
    kind: 'claim',
    range: claim.range,
    selectionRange: claim.idRange ?? claim.tagRange,
  };
}

export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 500): WorkspaceSymbol[] {
  const q = foldName(query);
  const words = q.split(' ').filter(Boolean);
  const matches = (...texts: string[]) => words.every((w) => texts.some((t) => t.includes(w)));
  const out: WorkspaceSymbol[] = [];
  for (const e of index.entities()) {
    if (out.length >= limit) return out;
    if (words.length && !matches(foldName(e.name), e.id.toLowerCase(), ...e.aliases.map(foldName))) continue;
    out.push({
      name: e.name, kind: 'entity', containerName: e.type,
      location: { uri: e.uri, range: e.nameRange },
    });
  }
  for (const note of index.notes.values()) {
    for (const claim of note.claims) {
      if (out.length >= limit) return out;
      if (words.length && !matches(claim.text.toLowerCase(), claim.id?.toLowerCase() ?? '')) continue;
      out.push({
        name: claim.text || '(empty claim)', kind: 'claim',
        containerName: `${note.name}${claim.id ? `#^${claim.id}` : ''}`,
        location: { uri: note.uri, range: claim.idRange ?? claim.tagRange },
      });
    }
  }
  return out;
}
