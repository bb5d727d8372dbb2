// The claim map as the graph exports (GraphML, Mermaid) write it: the whole
// filtered graph (features/claimMap.ts), its nodes named as the other exports
// name them — a claim by its global id (`claim:notes/a#^id`), an entity by its
// id (`entity:sam-altman`) — and its notes by workspace-relative path, so the
// file says nothing of where the workspace lies on this machine.
import { type StatusDef } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type MapEdge, type MapNode, type MapRelation } from '../features/claimMapTypes';
import { workspacePath } from './exportModel';

export interface GraphExportNode {
  /** `claim:<note path without .md>#^<id>` (`#L<line>` without an id), `entity:<id>`. */
  key: string;
  type: 'claim' | 'entity';
  label: string;
  status?: string;
  rating?: number;
  stance?: string;
  kind?: string;
  claimId?: string;
  /** A claim's note: its workspace-relative path. */
  note?: string;
  entityType?: string;
}

export interface GraphExportEdge { source: string; target: string; relation: MapRelation }

export interface GraphExport {
  nodes: GraphExportNode[];
  edges: GraphExportEdge[];
  statuses: StatusDef[];
  rating: { best: number; worst: number };
}

export function graphExport(index: WorkspaceIndex, graph: { nodes: MapNode[]; edges: MapEdge[] }): GraphExport {
  const keys = new Map<string, string>();
  const nodes: GraphExportNode[] = [];
  for (const n of graph.nodes) {
    if (n.type === 'note') continue;
    const out: GraphExportNode = { key: n.id, type: n.type, label: n.label };
    if (n.type === 'claim' && n.uri !== undefined) {
      const path = workspacePath(index, n.uri);
      // The map's id is `claim:<note URI><#^id or #L<line>>`: the note's URI gives way to its path.
      out.key = `claim:${path.replace(/\.md$/i, '')}${n.id.slice(`claim:${n.uri}`.length)}`;
      out.note = path;
    }
    for (const k of ['status', 'rating', 'stance', 'kind', 'claimId', 'entityType'] as const) {
      if (n[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = n[k];
    }
    keys.set(n.id, out.key);
    nodes.push(out);
  }
  const edges = graph.edges.map((e) => ({ source: keys.get(e.source)!, target: keys.get(e.target)!, relation: e.relation }));
  return { nodes, edges, statuses: index.config.statuses, rating: index.config.rating };
}
