// The claim map's data (SPEC §5, "claim map"): what the service computes and
// the map's webview draws. Plain data with no imports beyond the core's own
// types, so the client and the webview bundle can take it as it is.
import { type Position } from '../base/position';
import { type StatusDef } from '../notes/model';

/** The links between claims that carry an argument, drawn as directed, styled edges. */
export const ARGUMENT_RELATIONS = ['supports', 'contradicts', 'refines', 'same-as'] as const;
/** Every edge type: the argument relations, a claim's speaker (`by::`) and the entities it mentions (light edges). */
export const MAP_RELATIONS = [...ARGUMENT_RELATIONS, 'by', 'mentions'] as const;
export type MapRelation = (typeof MAP_RELATIONS)[number];

export type MapNodeType = 'claim' | 'entity' | 'note';

export interface MapNode {
  /**
   * Stable across edits that keep the thing: `claim:<noteUri>#^<id>` for a
   * claim with an id (`claim:<noteUri>#L<line>` without, the line 1-based, as
   * the exports name such a claim), `entity:<entityId>`, `note:<noteUri>`.
   */
  id: string;
  type: MapNodeType;
  /** A claim's text (shortened to 120 characters), an entity's name, a note's name. */
  label: string;
  /** Claims: the status id (lower case), its rating on the workspace's scale, its stance and kind. */
  status?: string;
  rating?: number;
  stance?: 'upheld' | 'rejected' | 'open';
  kind?: string;
  /** Claims: the `^id`, when it has one. */
  claimId?: string;
  /** Claims: the note node's id (the compound group, when notes are drawn). */
  parent?: string;
  /** Entities: their type in the registry (person, organisation…). */
  entityType?: string;
  /** Where "reveal" goes: a claim's line in its note, an entity's definition, a note's top. */
  uri?: string;
  line?: number;
}

export interface MapEdge {
  /** `<source>|<relation>|<target>`: one edge per pair and relation. */
  id: string;
  source: string;
  target: string;
  relation: MapRelation;
}

/** Values within one field are alternatives; the fields must all hold. Empty or absent: no restriction. */
export interface MapFilter {
  status?: string[];
  /** Entity ids, names or aliases: claims that mention one or are said by one. */
  entity?: string[];
  /** Note path globs, as the export's `--note`. */
  note?: string[];
  relation?: MapRelation[];
  kind?: string[];
}

export type MapFocus =
  /** The claim, entity mention or entity definition at a position; on any other line of a note, that note's claims. */
  | { uri: string; position: Position }
  /** A node already on the map (a note's node stands for its claims). */
  | { node: string };

export interface ClaimMapParams {
  /** Absent: the whole workspace when it is small (≤ 500 elements), else the most connected claim's neighbourhood. */
  focus?: MapFocus;
  /** How far from the focus (default 2). */
  hops?: number;
  /** Nodes whose direct neighbours are added (double-click); a note's node expands its claims. */
  expand?: string[];
  filter?: MapFilter;
  /** Draw notes as compound groups of their claims. */
  groupByNote?: boolean;
  /** The most elements (nodes + edges) to return (default 2000). */
  limit?: number;
}

export interface ClaimMapResult {
  nodes: MapNode[];
  edges: MapEdge[];
  /** The node ids the map centres on (the focus, resolved); empty for the whole workspace. */
  focus: string[];
  scope: 'neighbourhood' | 'workspace';
  /** Elements (nodes + edges) in this scope before the limit; `nodes.length + edges.length` after it. */
  total: number;
  shown: number;
  /** Why the focus could not be used, when it could not (e.g. "No claim or entity at the cursor"). */
  message?: string;
  /** For the filter controls and the colours: the workspace's statuses (in order) and rating scale, the kinds in use. */
  statuses: StatusDef[];
  rating: { best: number; worst: number };
  kinds: string[];
}

export const MAP_DEFAULT_HOPS = 2;
export const MAP_WHOLE_WORKSPACE_MAX = 500;
export const MAP_DEFAULT_LIMIT = 2000;
/** The most hops and elements a request may ask for; the server refuses more. */
export const MAP_MAX_HOPS = 6;
export const MAP_MAX_LIMIT = 5000;
/** A claim node's label: its text, shortened to this many characters. */
export const MAP_LABEL_MAX = 120;
