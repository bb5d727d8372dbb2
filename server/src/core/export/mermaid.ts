// The claim map as a Mermaid flowchart (`flowchart TB`), which GitHub, GitLab,
// Obsidian and most Markdown viewers draw from a ```mermaid block: each note's
// claims in a subgraph, entities beside them, and an edge per relation.
//
// Node ids are made here (c1, e1, n1), never taken from the notes, so no
// claim id or keyword can break the syntax; labels are quoted, with every
// character Mermaid's grammar or its HTML labels read specially written as an
// entity code (`#quot;`, `#35;`…) and line breaks as spaces. A claim's shape
// says its kind, its colour (a classDef per status, from the status's place on
// the rating scale, as the editor colours it) its verdict; an edge's line says
// its relation.
import { type MapRelation } from '../features/claimMapTypes';
import { joined } from './sink';
import { type GraphExport, type GraphExportNode } from './mapExport';

/** Mermaid's own limits, as its defaults set them (and GitHub keeps): past them it draws an error instead. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

/** The shape of a claim by its kind: `[open, close]` around the quoted label. */
const SHAPES: Record<string, [string, string]> = {
  fact: ['[', ']'], statistic: ['[[', ']]'], prediction: ['[/', '/]'], opinion: ['(', ')'], quote: ['>', ']'],
};
const CLAIM_SHAPE: [string, string] = ['[', ']'];
const ENTITY_SHAPE: [string, string] = ['([', '])'];

/** The arrow and label of each relation, and the colour of its line. */
const EDGES: Record<MapRelation, { arrow: string; label?: string; style: string }> = {
  supports: { arrow: '-->', label: 'supports', style: 'stroke:#2e7d32,stroke-width:1.5px' },
  contradicts: { arrow: '==>', label: 'contradicts', style: 'stroke:#c62828,stroke-width:2.5px' },
  refines: { arrow: '-->', label: 'refines', style: 'stroke:#1565c0,stroke-width:1.5px,stroke-dasharray:6 3' },
  'same-as': { arrow: '<-->', label: 'same as', style: 'stroke:#6a1b9a,stroke-width:1.5px' },
  by: { arrow: '-.->', label: 'by', style: 'stroke:#757575' },
  mentions: { arrow: '-.->', style: 'stroke:#bdbdbd' },
};

/** Fill and border by the status's place on the rating scale: best green, worst red, no verdict grey. */
function statusColours(rating: number | undefined, scale: { best: number; worst: number }): string {
  if (rating === undefined || scale.best === scale.worst) return 'fill:#f5f5f5,stroke:#9e9e9e';
  const f = (rating - scale.worst) / (scale.best - scale.worst);
  if (f >= 0.9) return 'fill:#e8f5e9,stroke:#2e7d32';
  if (f >= 0.65) return 'fill:#e3f2fd,stroke:#1565c0';
  if (f >= 0.4) return 'fill:#fff8e1,stroke:#f9a825';
  if (f >= 0.15) return 'fill:#fff3e0,stroke:#ef6c00';
  return 'fill:#ffebee,stroke:#c62828';
}

// Characters the flowchart grammar or an HTML label reads specially; `:` and
// `;` too, which Mermaid's own escaping of style lines would otherwise take.
const SPECIAL = /["#&<>`[\]{}()|:;%\\]/g;
const NAMED: Record<string, string> = { '"': 'quot', '&': 'amp', '<': 'lt', '>': 'gt' };

/** Text for a quoted Mermaid label. */
export function mermaidLabel(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(SPECIAL, (c) => `#${NAMED[c] ?? c.charCodeAt(0)};`);
}

export function writeMermaid(graph: GraphExport): { text: string; warnings: string[] } {
  const text = joined(mermaidText(graph));
  return { text, warnings: mermaidWarnings(graph, text.length) };
}

/** The flowchart in pieces: a line each, with its line end. */
export function* mermaidText(graph: GraphExport): Generator<string> {
  const ids = new Map<string, string>();
  const counts = { c: 0, e: 0 };
  yield 'flowchart TB\n';
  const node = (n: GraphExportNode, prefix: 'c' | 'e', indent: string) => {
    const id = `${prefix}${++counts[prefix]}`;
    ids.set(n.key, id);
    const [open, close] = n.type === 'entity' ? ENTITY_SHAPE : SHAPES[n.kind ?? ''] ?? CLAIM_SHAPE;
    return `${indent}${id}${open}"${mermaidLabel(n.label)}"${close}\n`;
  };
  // Each note's claims in a subgraph, notes in the order the graph lists them.
  const byNote = new Map<string, GraphExportNode[]>();
  for (const n of graph.nodes) {
    if (n.type !== 'claim') continue;
    const list = byNote.get(n.note ?? '');
    if (list) list.push(n); else byNote.set(n.note ?? '', [n]);
  }
  let notes = 0;
  for (const [note, claims] of byNote) {
    yield `  subgraph n${++notes}["${mermaidLabel(note)}"]\n`;
    for (const c of claims) yield node(c, 'c', '    ');
    yield '  end\n';
  }
  for (const n of graph.nodes) if (n.type === 'entity') yield node(n, 'e', '  ');
  const styled = new Map<MapRelation, number[]>();
  for (let i = 0; i < graph.edges.length; i++) {
    const e = graph.edges[i]!;
    const kind = EDGES[e.relation];
    yield `  ${ids.get(e.source)} ${kind.arrow}${kind.label ? `|${kind.label}|` : ''} ${ids.get(e.target)}\n`;
    const at = styled.get(e.relation);
    if (at) at.push(i); else styled.set(e.relation, [i]);
  }
  for (const [relation, at] of styled) yield `  linkStyle ${at.join(',')} ${EDGES[relation].style}\n`;
  // A class per status in use, named by the status when its id is a plain word.
  const classes = new Map<string, { name: string; members: string[] }>();
  const entities: string[] = [];
  for (const n of graph.nodes) {
    const id = ids.get(n.key)!;
    if (n.type === 'entity') { entities.push(id); continue; }
    const status = n.status ?? '';
    let c = classes.get(status);
    if (!c) classes.set(status, c = { name: /^\w+$/.test(status) ? `status_${status}` : `status_${classes.size + 1}`, members: [] });
    c.members.push(id);
  }
  for (const [status, c] of classes) {
    const def = graph.statuses.find((s) => s.id === status);
    yield `  classDef ${c.name} ${statusColours(def?.rating, graph.rating)},color:#212121\n`;
    yield `  class ${c.members.join(',')} ${c.name}\n`;
  }
  if (entities.length) yield `  classDef entity fill:#ede7f6,stroke:#5e35b1,color:#212121\n  class ${entities.join(',')} entity\n`;
}

/** What a reader of a flowchart of `chars` UTF-16 units should know: where Mermaid, as GitHub runs it, gives up. */
export function mermaidWarnings(graph: GraphExport, chars: number): string[] {
  const warnings: string[] = [];
  if (graph.edges.length > MERMAID_MAX_EDGES) {
    warnings.push(`the flowchart has ${graph.edges.length} edges; Mermaid draws at most ${MERMAID_MAX_EDGES} unless its maxEdges setting is raised (GitHub does not): narrow the filter`);
  }
  if (chars > MERMAID_MAX_TEXT) {
    warnings.push(`the flowchart is ${chars} characters long; Mermaid reads at most ${MERMAID_MAX_TEXT} unless its maxTextSize setting is raised (GitHub does not): narrow the filter`);
  }
  return warnings;
}
