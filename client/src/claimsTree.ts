// The claims panel's tree: every claim in the workspace grouped by note, by
// entity or by status, filtered by text and status. The server answers the
// groups with their counts a page at a time (a workspace names tens of
// thousands of entities), and a group's claims a page at a time when it is
// expanded (shared/protocol.ts); this side keeps the nodes, so a change
// refreshes only the groups it touched and the tree keeps what is expanded.
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import {
  type ClaimEntry, type ClaimGrouping, type ClaimsFilter, type ClaimsGroup, type ClaimsOverview,
  ClaimCardRequest, ClaimsInGroupRequest, ClaimsOverviewRequest,
} from '../../shared/protocol';
import { statusColorName } from './statusColors';

/** Claims asked for at a time when a group is expanded, and groups at a time at the root; "Show more" asks for the next page. */
export const PAGE = 200;

export class GroupNode {
  readonly kind = 'group';
  claims: ClaimNode[] | undefined;
  more = 0;
  constructor(readonly grouping: ClaimGrouping, public group: ClaimsGroup) {}
}
export class ClaimNode {
  readonly kind = 'claim';
  constructor(readonly parent: GroupNode, readonly claim: ClaimEntry) {}
}
export class MoreNode {
  readonly kind = 'more';
  constructor(readonly parent: GroupNode, readonly count: number) {}
}
/** The root's last row when the grouping has more groups than are shown. */
export class MoreGroupsNode {
  readonly kind = 'moreGroups';
  constructor(readonly grouping: ClaimGrouping, readonly count: number) {}
}
export type Node = GroupNode | ClaimNode | MoreNode | MoreGroupsNode;

export const GROUPINGS: Record<ClaimGrouping, string> = { note: 'Note', entity: 'Entity', status: 'Status' };
const GROUP_NAMES: Record<ClaimGrouping, string> = { note: 'notes', entity: 'entities', status: 'statuses' };

/** A status's colour in the panel: its place on the rating scale (statusColors.ts), as a theme colour. */
export function statusColor(rating: number | undefined, scale: { best: number; worst: number }): vscode.ThemeColor {
  return new vscode.ThemeColor(statusColorName(rating, scale));
}

export class ClaimsTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | Node[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private client: LanguageClient | undefined;
  private groups: GroupNode[] = [];
  /** Whether `groups` holds the root's answer; false: the root is asked again when drawn. */
  private loaded = false;
  /** Groups to ask for when the root is asked again: an edit that adds a group keeps the pages already shown. */
  private keep = PAGE;
  /** Counts the refreshes: an answer asked for before the last one is dropped. */
  private generation = 0;
  /** The root's question on its way: the tree and follow cursor may both ask at once. */
  private loading: Promise<void> | undefined;
  overview: ClaimsOverview | undefined;
  /** Fires when the overview (counts, statuses) is new: the view's description and context keys follow it. */
  readonly onDidLoad = new vscode.EventEmitter<ClaimsOverview>();

  constructor(public grouping: ClaimGrouping, public filter: ClaimsFilter) {}

  attach(client: LanguageClient): void {
    this.client = client;
    this.refresh();
  }

  /** Everything asked again: a new grouping or filter, or a restarted server; `keep` groups, else the first page. */
  refresh(keep = PAGE): void {
    this.generation++;
    this.groups = [];
    this.loaded = false;
    this.loading = undefined;
    this.keep = Math.max(PAGE, keep);
    this.overview = undefined;
    this.changed.fire(undefined);
  }

  /**
   * After an edit: asks the counts of the groups shown again and refreshes
   * only the groups whose count changed or that hold a changed file's
   * claims; a group that came or went redraws the root.
   */
  async update(uris: ReadonlySet<string>): Promise<void> {
    const client = this.client;
    if (!client || !this.overview || !this.loaded) return this.refresh(this.groups.length);
    const shown = this.groups.length;
    const generation = this.generation;
    const fresh = await client.sendRequest(ClaimsOverviewRequest, { grouping: this.grouping, filter: this.filter, limit: Math.max(PAGE, shown) });
    if (generation !== this.generation) return;
    const same = fresh.groupCount === this.overview.groupCount && fresh.groups.length >= shown
      && this.groups.every((node, i) => fresh.groups[i]!.key === node.group.key);
    this.setOverview(fresh);
    // A group came or went: the root is asked again (the tree keeps what was expanded, by id).
    if (!same) return this.refresh(shown);
    const dirty: GroupNode[] = [];
    this.groups.forEach((node, i) => {
      const g = fresh.groups[i]!;
      const touched = node.group.count !== g.count || (this.grouping === 'note' ? uris.has(g.key) : node.claims?.some((c) => uris.has(c.claim.uri)));
      node.group = g;
      if (touched) { node.claims = undefined; dirty.push(node); }
    });
    if (dirty.length) this.changed.fire(dirty);
  }

  private setOverview(o: ClaimsOverview): void {
    this.overview = o;
    this.onDidLoad.fire(o);
  }

  /** The root's rows: the groups shown, and a row that shows more when there are. */
  private roots(): Node[] {
    const more = (this.overview?.groupCount ?? 0) - this.groups.length;
    return more > 0 ? [...this.groups, new MoreGroupsNode(this.grouping, more)] : this.groups;
  }

  /** The root's first groups, asked once however many ask at once. */
  private loadRoot(client: LanguageClient): Promise<void> {
    const generation = this.generation;
    this.loading ??= (async () => {
      try {
        const o = await client.sendRequest(ClaimsOverviewRequest, { grouping: this.grouping, filter: this.filter, limit: this.keep });
        if (generation !== this.generation) return;
        this.setOverview(o);
        this.groups = o.groups.map((g) => new GroupNode(this.grouping, g));
        this.loaded = true;
      } finally {
        if (generation === this.generation) this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** The next groups, from the last one shown (and on to `through`, a group's key); false when the server has none. */
  private async nextGroups(client: LanguageClient, through?: string): Promise<boolean> {
    const generation = this.generation;
    const o = await client.sendRequest(ClaimsOverviewRequest, {
      grouping: this.grouping, filter: this.filter, offset: this.groups.length, limit: PAGE, ...(through !== undefined ? { through } : {}),
    });
    if (generation !== this.generation) return false;
    this.setOverview(o);
    this.groups.push(...o.groups.map((g) => new GroupNode(this.grouping, g)));
    return o.groups.length > 0;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const client = this.client;
    if (!client) return [];
    if (!node) {
      if (!this.loaded) await this.loadRoot(client);
      return this.roots();
    }
    if (node instanceof GroupNode) {
      if (!node.claims) {
        const page = await client.sendRequest(ClaimsInGroupRequest, { grouping: this.grouping, key: node.group.key, filter: this.filter, limit: PAGE });
        node.claims = page.claims.map((c) => new ClaimNode(node, c));
        node.more = page.more;
      }
      return node.more ? [...node.claims, new MoreNode(node, node.more)] : node.claims;
    }
    return [];
  }

  /** The next page of a group, or of the groups ("Show more"). */
  async more(node: MoreNode | MoreGroupsNode): Promise<void> {
    const client = this.client;
    if (node instanceof MoreGroupsNode) {
      if (!client || !this.loaded || node.grouping !== this.grouping) return;
      if (await this.nextGroups(client)) this.changed.fire(undefined);
      return;
    }
    const group = node.parent;
    if (!client || !group.claims) return;
    const page = await client.sendRequest(ClaimsInGroupRequest, {
      grouping: this.grouping, key: group.group.key, filter: this.filter, offset: group.claims.length, limit: PAGE,
    });
    group.claims.push(...page.claims.map((c) => new ClaimNode(group, c)));
    group.more = page.more;
    this.changed.fire(group);
  }

  getParent(node: Node): Node | undefined {
    return node instanceof GroupNode || node instanceof MoreGroupsNode ? undefined : node.parent;
  }

  /** The group node with this key, and its first page of claims loaded: for follow cursor. A group not shown yet is shown, with those before it. */
  async groupWithClaims(key: string): Promise<GroupNode | undefined> {
    if (!this.loaded && this.client) await this.loadRoot(this.client);
    let group = this.groups.find((g) => g.group.key === key);
    const client = this.client;
    if (!group && client && this.loaded && this.groups.length < (this.overview?.groupCount ?? 0) && await this.nextGroups(client, key)) {
      group = this.groups.find((g) => g.group.key === key);
      this.changed.fire(undefined);
    }
    if (group) await this.getChildren(group);
    return group;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof GroupNode) return this.groupItem(node);
    if (node instanceof MoreNode) {
      const item = new vscode.TreeItem(`Show ${Math.min(PAGE, node.count)} more of ${node.count}…`);
      item.command = { command: 'claimlens.claims.showMore', title: 'Show more', arguments: [node] };
      return item;
    }
    if (node instanceof MoreGroupsNode) {
      const item = new vscode.TreeItem(`Show ${Math.min(PAGE, node.count)} more of ${node.count} ${GROUP_NAMES[node.grouping]}…`);
      item.command = { command: 'claimlens.claims.showMore', title: 'Show more', arguments: [node] };
      return item;
    }
    const c = node.claim;
    const item = new vscode.TreeItem(c.text || '(empty claim)');
    item.id = `claim:${this.grouping}:${node.parent.group.key}:${c.uri}:${c.id ?? `line-${c.line}`}`;
    item.description = c.id ? `^${c.id}` : 'no id';
    item.iconPath = this.statusIcon(c.status);
    item.contextValue = c.id ? 'claim.withId' : 'claim';
    item.accessibilityInformation = { label: `${c.text}, ${this.statusLabel(c.status)}${c.id ? `, ${c.id}` : ''}` };
    item.command = { command: 'claimlens.claims.reveal', title: 'Reveal Claim', arguments: [node] };
    return item;
  }

  /** The claim's hover card, asked for only when the tooltip is about to show. */
  async resolveTreeItem(item: vscode.TreeItem, node: Node): Promise<vscode.TreeItem> {
    if (!(node instanceof ClaimNode) || !this.client) return item;
    const card = await this.client.sendRequest(ClaimCardRequest, { textDocument: { uri: node.claim.uri }, line: node.claim.line });
    if (card) item.tooltip = new vscode.MarkdownString(card);
    return item;
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const g = node.group;
    const item = new vscode.TreeItem(g.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `group:${node.grouping}:${g.key}`;
    item.description = `${g.count}${g.detail ? ` · ${g.detail}` : ''}`;
    item.contextValue = `group.${node.grouping}`;
    item.tooltip = `${g.label}: ${g.count} claim${g.count === 1 ? '' : 's'}${g.detail ? ` (${g.detail})` : ''}`;
    if (node.grouping === 'status') item.iconPath = this.statusIcon(g.key);
    else if (node.grouping === 'note') { item.iconPath = vscode.ThemeIcon.File; item.resourceUri = vscode.Uri.parse(g.key); }
    else item.iconPath = new vscode.ThemeIcon(g.key ? 'symbol-class' : 'circle-slash');
    return item;
  }

  statusLabel(id: string): string {
    return this.overview?.statuses.find((s) => s.id === id)?.label ?? id;
  }

  statusIcon(id: string): vscode.ThemeIcon {
    const o = this.overview;
    const def = o?.statuses.find((s) => s.id === id);
    // A status the workspace does not define is flagged, as its diagnostic is.
    if (!o || !def) return new vscode.ThemeIcon('question', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    return new vscode.ThemeIcon(def.icon, statusColor(def.rating, o.rating));
  }

  dispose(): void {
    this.changed.dispose();
    this.onDidLoad.dispose();
  }
}
