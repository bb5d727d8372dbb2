// The claim map as GraphML (graphml.graphdrawing.org), the graph format
// Gephi, yEd, draw.io, Cytoscape desktop and networkx read: one directed
// graph, a node per claim and entity, an edge per relation. Every attribute is
// declared with a <key> (its name and type) before the graph; a node carries
// only the attributes it has. Text is XML-escaped; characters XML cannot hold
// are left out.
import { type GraphExport, type GraphExportNode } from './mapExport';
import { joined } from './sink';
import { xmlAttr, xmlText } from './xml';

/** Node attributes, in the order they are declared and written. */
const NODE_KEYS: ReadonlyArray<[keyof GraphExportNode, 'string' | 'double']> = [
  ['type', 'string'], ['label', 'string'], ['status', 'string'], ['rating', 'double'], ['stance', 'string'],
  ['kind', 'string'], ['claimId', 'string'], ['note', 'string'], ['entityType', 'string'],
];

export function writeGraphml(graph: GraphExport): string {
  return joined(graphmlText(graph));
}

/** The file in pieces: a node or an edge each. */
export function* graphmlText(graph: GraphExport): Generator<string> {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [name, type] of NODE_KEYS) out.push(`  <key id="${name}" for="node" attr.name="${name}" attr.type="${type}"/>`);
  out.push('  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>');
  out.push('  <graph id="claims" edgedefault="directed">');
  yield lines(out.splice(0));
  for (const n of graph.nodes) {
    out.push(`    <node id="${xmlAttr(n.key)}">`);
    for (const [name] of NODE_KEYS) {
      const v = n[name];
      if (v !== undefined) out.push(`      <data key="${name}">${xmlText(String(v))}</data>`);
    }
    out.push('    </node>');
    yield lines(out.splice(0));
  }
  for (const e of graph.edges) {
    const id = xmlAttr(`${e.source}|${e.relation}|${e.target}`);
    out.push(`    <edge id="${id}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}">`);
    out.push(`      <data key="relation">${e.relation}</data>`);
    out.push('    </edge>');
    yield lines(out.splice(0));
  }
  yield lines(['  </graph>', '</graphml>']);
}

function lines(out: string[]): string {
  return out.join('\n') + '\n';
}
