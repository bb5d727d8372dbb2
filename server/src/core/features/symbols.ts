// Document symbols (every claim nested under its heading, for the Outline)
// and workspace symbols (claims and entities, matched on text, id and aliases).
import { type SymbolIndex } from '../workspace/symbolIndex';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type Claim, type NoteModel } from '../notes/model';
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

/**
 * Symbols answered for a query, best first. A claim's name is the beginning
 * of its text (see ClaimSymbol.name): five hundred whole texts made a third
 * of a megabyte of JSON on every keystroke. A hundred is several times what
 * the list shows at once, and the editor asks again at the next keystroke.
 */
const LIMIT = 100;

/** Claims and entities matching `query`, best first (see SymbolIndex): what workspace symbol search shows. */
export function workspaceSymbols(symbols: SymbolIndex, query: string, limit = LIMIT): WorkspaceSymbol[] {
  return symbols.search(query, limit).map((e) => e.kind === 'entity'
    ? { name: e.entity.name, kind: 'entity', containerName: e.entity.type, location: { uri: e.entity.uri, range: e.entity.nameRange } }
    : {
      name: e.name, kind: 'claim',
      containerName: `${e.note.name}${e.claim.id ? `#^${e.claim.id}` : ''}`,
      location: { uri: e.note.uri, range: e.claim.idRange ?? e.claim.tagRange },
    });
}
