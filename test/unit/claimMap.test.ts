// The claim map's graph model on inline fixtures: nodes and edges by type,
// neighbourhoods n hops out, expansion, filters, the limit and what it cut,
// cycles, claims across notes with same-as, the focus from a position, and the
// adjacency index kept up to date edit by edit (checked against one built
// afresh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClaimGraph, claimNodeId, NONE } from '../../server/src/core/features/claimGraph';
import { ARGUMENT_RELATIONS } from '../../server/src/core/features/claimMapTypes';
import { claimMap, filteredGraph } from '../../server/src/core/features/claimMap';
import { type ClaimMapParams, type ClaimMapResult } from '../../server/src/core/features/claimMapTypes';
import { type WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { caret, ENTITIES, indexOf, ROOT, uri } from './helpers';

const A = `# A
- #claim [[Sam Altman]] wants a billion users. ^billion
  - by:: [[Altman]]
  - status:: supported
  - kind:: opinion
- #claim [[DeepSeek]] is cheap. ^cheap
  - status:: refuted
  - kind:: fact
  - supports:: ^billion
  - contradicts:: [[b#^less]]
  - same-as:: [[b#^less]]
- #claim A claim that names nobody. ^plain
  - refines:: ^cheap
  - supports:: ^ghost, [[nowhere#^none]]

Prose about [[Anthropic]].
`;
const B = `# B
- #claim [[DeepSEE]] trains on less. ^less
  - status:: disputed
  - kind:: fact
  - same-as:: [[a#^cheap]]
- #claim Cheap models win. ^win
  - same-as:: [[a#^cheap]]
  - supports:: [[a#^cheap]], [[a#^cheap]]
`;

const C = (note: string, id: string) => `claim:${uri(`notes/${note}.md`)}#^${id}`;
const E = (id: string) => `entity:${id}`;

async function mapOf(files: Record<string, string>) {
  const { index } = await indexOf(files);
  const graph = new ClaimGraph(index);
  index.onDidChange((uris) => graph.changed(uris));
  const ask = (p: ClaimMapParams = {}): ClaimMapResult => { graph.sync(); return claimMap(index, graph, p); };
  return { index, graph, ask };
}

const sample = () => mapOf({ 'entities.yaml': ENTITIES, 'notes/a.md': A, 'notes/b.md': B });
const ids = (r: { nodes: Array<{ id: string }> }) => r.nodes.map((n) => n.id).sort();
const edgeList = (r: { edges: Array<{ id: string }> }) => r.edges.map((e) => e.id).sort();
const short = (id: string) => id.replace(`claim:${uri('notes/')}`, '').replace('.md#^', '#');
const edgesShort = (r: ClaimMapResult) => r.edges.map((e) => `${short(e.source)} ${e.relation} ${short(e.target)}`).sort();

/** Every edge's two ends are nodes of the result; the counts add up. */
function wellFormed(r: ClaimMapResult): void {
  const nodes = new Set(r.nodes.map((n) => n.id));
  assert.equal(nodes.size, r.nodes.length, 'each node once');
  for (const e of r.edges) assert.ok(nodes.has(e.source) && nodes.has(e.target), `edge ${e.id} has both ends`);
  assert.equal(new Set(r.edges.map((e) => e.id)).size, r.edges.length, 'each edge once');
  assert.equal(r.shown, r.nodes.length + r.edges.length);
  assert.ok(r.shown <= r.total);
}

test('a small workspace is drawn whole: claims, the entities they name, every relation once, dangling references left out', async () => {
  const r = (await sample()).ask();
  wellFormed(r);
  assert.equal(r.scope, 'workspace');
  assert.deepEqual(r.focus, []);
  assert.deepEqual(ids(r), [C('a', 'billion'), C('a', 'cheap'), C('a', 'plain'), C('b', 'less'), C('b', 'win'), E('deepseek'), E('sam-altman')].sort(),
    'Anthropic is named only in prose: no claim links it, so it is not drawn');
  assert.deepEqual(edgesShort(r), [
    'a#billion by entity:sam-altman',
    'a#billion mentions entity:sam-altman',
    'a#cheap contradicts b#less',
    'a#cheap mentions entity:deepseek',
    'a#cheap same-as b#less',
    'a#cheap same-as b#win',
    'a#cheap supports a#billion',
    'a#plain refines a#cheap',
    'b#less mentions entity:deepseek',
    'b#win supports a#cheap',
  ]);
  assert.equal(r.total, 7 + 10);
  assert.deepEqual(r.kinds, ['fact', 'opinion']);
  assert.deepEqual(r.statuses.map((s) => s.id).slice(0, 2), ['unverified', 'supported']);
});

test('claim nodes carry what the map draws and reveals; entity nodes their type and definition', async () => {
  const r = (await sample()).ask();
  assert.deepEqual(r.nodes.find((n) => n.id === C('a', 'cheap')), {
    id: C('a', 'cheap'), type: 'claim', label: 'DeepSeek is cheap.', status: 'refuted', rating: 1, stance: 'rejected', kind: 'fact',
    claimId: 'cheap', parent: `note:${uri('notes/a.md')}`, uri: uri('notes/a.md'), line: 5,
  });
  const win = r.nodes.find((n) => n.id === C('b', 'win'))!;
  assert.deepEqual([win.status, win.rating, win.stance, win.kind], ['unverified', undefined, 'open', undefined]);
  assert.deepEqual(r.nodes.find((n) => n.id === E('sam-altman')), {
    id: E('sam-altman'), type: 'entity', label: 'Sam Altman', entityType: 'person', uri: uri('entities.yaml'), line: 1,
  });
});

test('labels are the claim text shortened to 120 characters, never inside a surrogate pair', async () => {
  const long = 'word '.repeat(60).trim();
  const emoji = 'x'.repeat(118) + '😀 and more text after it';
  const { ask } = await mapOf({ 'n.md': `- #claim ${long} ^long\n- #claim ${emoji} ^emoji\n- #claim ^empty\n` });
  const r = ask();
  const label = (id: string) => r.nodes.find((n) => n.claimId === id)!.label;
  assert.ok(label('long').length <= 120 && label('long').endsWith('…') && long.startsWith(label('long').slice(0, -1)));
  assert.equal(label('emoji'), 'x'.repeat(118) + '…');
  assert.equal(label('empty'), '^empty');
});

test('a claim\'s label follows its text as the note is edited', async () => {
  const { index, ask } = await mapOf({ 'n.md': '- #claim First wording. ^a\n- #claim Other claim. ^b\n' });
  const labels = () => ask().nodes.filter((n) => n.type === 'claim').map((n) => n.label).sort();
  assert.deepEqual(labels(), ['First wording.', 'Other claim.']);
  index.update(uri('n.md'), '- #claim Second wording, with [[Acme|a link]]. ^a\n- #claim Other claim. ^b\n');
  assert.deepEqual(labels(), ['Other claim.', 'Second wording, with a link.']);
});

test('two hops from a claim, both ways; one hop; zero hops is the focus alone', async () => {
  const { ask } = await sample();
  const focus = { node: C('a', 'plain') };
  const one = ask({ focus, hops: 1 });
  wellFormed(one);
  assert.equal(one.scope, 'neighbourhood');
  assert.deepEqual(one.focus, [C('a', 'plain')]);
  assert.deepEqual(ids(one), [C('a', 'cheap'), C('a', 'plain')]);
  const two = ask({ focus });
  wellFormed(two);
  assert.deepEqual(ids(two), [C('a', 'billion'), C('a', 'cheap'), C('a', 'plain'), C('b', 'less'), C('b', 'win'), E('deepseek')].sort());
  assert.ok(!ids(two).includes(E('sam-altman')), 'Sam Altman is three hops from the focus');
  assert.ok(edgesShort(two).includes('b#less mentions entity:deepseek'), 'edges between nodes of the last hop are drawn');
  assert.equal(two.total, two.shown);
  const none = ask({ focus, hops: 0 });
  assert.deepEqual([ids(none), none.edges], [[C('a', 'plain')], []]);
});

test('an entity focus reaches the claims that mention it; expanding a node adds its neighbours', async () => {
  const { ask } = await sample();
  const r = ask({ focus: { node: E('sam-altman') }, hops: 1 });
  assert.deepEqual(ids(r), [C('a', 'billion'), E('sam-altman')]);
  const expanded = ask({ focus: { node: E('sam-altman') }, hops: 1, expand: [C('a', 'billion')] });
  wellFormed(expanded);
  assert.deepEqual(ids(expanded), [C('a', 'billion'), C('a', 'cheap'), E('sam-altman')]);
  const again = ask({ focus: { node: E('sam-altman') }, hops: 1, expand: [C('a', 'billion'), C('a', 'cheap'), 'claim:nowhere#^x'] });
  assert.equal(again.nodes.length, 7, 'expanding the neighbour too reaches the rest; an unknown id is ignored');
});

test('cycles among supports: each node once, every edge of the cycle drawn, any number of hops', async () => {
  const note = `- #claim X. ^x\n  - supports:: ^y\n- #claim Y. ^y\n  - supports:: ^z\n- #claim Z. ^z\n  - supports:: ^x\n- #claim Self. ^self\n  - supports:: ^self\n`;
  const { ask } = await mapOf({ 'c.md': note });
  const cid = (id: string) => `claim:${uri('c.md')}#^${id}`;
  for (const hops of [1, 2, 6]) {
    const r = ask({ focus: { node: cid('x') }, hops });
    wellFormed(r);
    assert.deepEqual(ids(r), [cid('x'), cid('y'), cid('z')].sort(), 'x is one hop from y (it supports it) and from z (supported by it)');
    assert.equal(r.edges.length, 3);
  }
  const self = ask({ focus: { node: cid('self') } });
  assert.deepEqual(edgeList(self), [`${cid('self')}|supports|${cid('self')}`]);
});

test('the limit cuts nearest first and never leaves an edge without its ends; total says how much there was', async () => {
  const claims = Array.from({ length: 30 }, (_, i) => `- #claim [[DeepSeek]] point ${i}. ^p${i}\n`).join('');
  const { ask } = await mapOf({ 'entities.yaml': ENTITIES, 'many.md': claims });
  const focus = { node: E('deepseek') };
  const all = ask({ focus, hops: 1 });
  assert.deepEqual([all.total, all.shown], [61, 61]);
  const cut = ask({ focus, hops: 1, limit: 10 });
  wellFormed(cut);
  assert.deepEqual([cut.total, cut.shown], [61, 10]);
  assert.equal(cut.nodes[0]!.id, E('deepseek'), 'the focus first');
  assert.deepEqual(cut.nodes.slice(1).map((n) => n.claimId), ['p0', 'p1', 'p2', 'p3', 'p4']);
  assert.equal(ask({ focus, hops: 1, limit: 1 }).nodes.length, 1);
});

test('no focus on a large workspace: the most connected claim\'s neighbourhood, and a message saying so', async () => {
  const claims = Array.from({ length: 600 }, (_, i) => `- #claim Point ${i}. ^p${i}${i > 0 && i < 5 ? '\n  - supports:: ^hub' : ''}\n`).join('');
  const { ask } = await mapOf({ 'big.md': claims + '- #claim The hub. ^hub\n', 'small.md': '- #claim Alone. ^alone\n' });
  const r = ask();
  wellFormed(r);
  assert.equal(r.scope, 'neighbourhood');
  assert.deepEqual(r.focus, [`claim:${uri('big.md')}#^hub`]);
  assert.match(r.message ?? '', /more than 500 nodes and edges: showing the neighbourhood of its most connected claim, "The hub\."/);
  assert.equal(r.nodes.length, 5);
  const small = ask({ filter: { note: ['small.md'] } });
  assert.deepEqual([small.scope, small.nodes.length], ['workspace', 1], 'a filter that leaves it small draws it whole');
});

test('filters: status and kind choose claims; an entity is drawn only when a shown claim links it', async () => {
  const { ask } = await sample();
  const refuted = ask({ filter: { status: ['refuted'] } });
  wellFormed(refuted);
  assert.deepEqual(ids(refuted), [C('a', 'cheap'), E('deepseek')]);
  assert.deepEqual(edgesShort(refuted), ['a#cheap mentions entity:deepseek']);
  const facts = ask({ filter: { kind: ['Fact'] } });
  assert.deepEqual(ids(facts), [C('a', 'cheap'), C('b', 'less'), E('deepseek')]);
  assert.equal(facts.edges.length, 4, 'contradicts, same-as and two mentions');
  const unknown = ask({ filter: { status: ['maybe'] } });
  assert.deepEqual([unknown.nodes, unknown.total], [[], 0]);
  assert.match(unknown.message ?? '', /^Unknown status "maybe": use one of unverified, supported/);
  assert.match(ask({ filter: { kind: ['poem'] } }).message ?? '', /No claim is of kind "poem": the kinds in use are fact, opinion/);
});

test('filters: entity by id, name or alias (mentions and speakers); note by glob', async () => {
  const { ask } = await sample();
  const byAlias = ask({ filter: { entity: ['DeepSEE'] } });
  assert.deepEqual(ids(byAlias), [C('a', 'cheap'), C('b', 'less'), E('deepseek')]);
  assert.deepEqual(ids(ask({ filter: { entity: ['sam-altman'] } })), [C('a', 'billion'), E('sam-altman')]);
  assert.deepEqual(ids(ask({ filter: { note: ['b.md'] } })), [C('b', 'less'), C('b', 'win'), E('deepseek')]);
  assert.deepEqual(ids(ask({ filter: { note: ['notes/*.md'], status: ['disputed', 'refuted'] } })), [C('a', 'cheap'), C('b', 'less'), E('deepseek')]);
  assert.match(ask({ filter: { entity: ['Nobody'] } }).message ?? '', /No entity is named "Nobody"/);
});

test('filters: a relation filter removes the other edge types and the entities only they reached', async () => {
  const { ask } = await sample();
  const argued = ask({ filter: { relation: ['supports', 'contradicts'] } });
  wellFormed(argued);
  assert.deepEqual(edgesShort(argued), ['a#cheap contradicts b#less', 'a#cheap supports a#billion', 'b#win supports a#cheap']);
  assert.ok(!argued.nodes.some((n) => n.type === 'entity'));
  assert.equal(argued.nodes.length, 5, 'claims stay, unlinked or not');
  const speakers = ask({ filter: { relation: ['by'] } });
  assert.deepEqual(edgesShort(speakers), ['a#billion by entity:sam-altman']);
  const hop = ask({ focus: { node: C('a', 'plain') }, filter: { relation: ['refines'] } });
  assert.deepEqual(ids(hop), [C('a', 'cheap'), C('a', 'plain')], 'the walk follows only drawn edges');
  assert.match(ask({ filter: { relation: ['causes' as never] } }).message ?? '', /Unknown relation "causes"/);
});

test('grouped by note: note nodes as parents, counted in the elements; a note node as the focus is its claims', async () => {
  const { ask } = await sample();
  const r = ask({ groupByNote: true });
  wellFormed(r);
  const notes = r.nodes.filter((n) => n.type === 'note');
  assert.deepEqual(notes.map((n) => [n.id, n.label]), [[`note:${uri('notes/a.md')}`, 'notes/a'], [`note:${uri('notes/b.md')}`, 'notes/b']]);
  for (const c of r.nodes.filter((n) => n.type === 'claim')) assert.ok(notes.some((n) => n.id === c.parent));
  assert.equal(r.total, 7 + 10 + 2);
  assert.ok(r.nodes.findIndex((n) => n.type === 'note') < r.nodes.findIndex((n) => n.type === 'claim'), 'a parent comes before its claims');
  const b = ask({ focus: { node: `note:${uri('notes/b.md')}` }, hops: 0, groupByNote: true });
  assert.deepEqual(b.focus, [C('b', 'less'), C('b', 'win')]);
  assert.deepEqual(ids(b), [C('b', 'less'), C('b', 'win'), `note:${uri('notes/b.md')}`].sort());
  assert.deepEqual(ids(ask({ focus: { node: `note:${uri('notes/b.md')}` }, hops: 0, expand: [`note:${uri('notes/b.md')}`] })),
    [C('a', 'cheap'), C('b', 'less'), C('b', 'win'), E('deepseek')], 'expanding a note group adds its claims\' neighbours');
});

test('the focus from a position: a claim\'s line or field, a mention, a registry entry, a prose line (the note\'s claims)', async () => {
  const { index, graph } = await sample();
  const at = (file: string, marked: string, hops = 0) => {
    const { pos } = caret(marked);
    graph.sync();
    return claimMap(index, graph, { focus: { uri: uri(file), position: pos }, hops });
  };
  const lines = A.split('\n');
  const mark = (line: number, col: number) => [...lines.slice(0, line), lines[line]!.slice(0, col) + '|' + lines[line]!.slice(col), ...lines.slice(line + 1)].join('\n');
  assert.deepEqual(at('notes/a.md', mark(5, 2)).focus, [C('a', 'cheap')], 'on the tag');
  assert.deepEqual(at('notes/a.md', mark(8, 6)).focus, [C('a', 'cheap')], 'on a field line');
  assert.deepEqual(at('notes/a.md', mark(8, 18)).focus, [C('a', 'cheap')], 'on the reference in its supports:: field');
  assert.deepEqual(at('notes/a.md', mark(5, 13)).focus, [E('deepseek')], 'on the mention [[DeepSeek]]');
  assert.deepEqual(at('notes/a.md', mark(0, 1)).focus, [C('a', 'billion'), C('a', 'cheap'), C('a', 'plain')], 'a heading: the note\'s claims');
  const prose = at('notes/a.md', mark(15, 15));
  assert.deepEqual(prose.focus, [E('anthropic')], 'a mention in prose is the entity');
  const entity = at('entities.yaml', ENTITIES.replace('name: DeepSeek', 'name: Deep|Seek'), 1);
  assert.deepEqual(entity.focus, [E('deepseek')]);
  assert.deepEqual(ids(entity), [C('a', 'cheap'), C('b', 'less'), E('deepseek')]);
});

test('a focus that names nothing, or that the filter hides, says why and shows the map as without one', async () => {
  const { index, graph, ask } = await sample();
  const gone = ask({ focus: { node: C('a', 'nope') } });
  assert.equal(gone.scope, 'workspace');
  assert.equal(gone.message, 'That node is no longer in the workspace.');
  const hidden = ask({ focus: { node: C('a', 'cheap') }, filter: { status: ['supported'] } });
  assert.deepEqual([hidden.scope, hidden.message], ['workspace', 'The filter hides "DeepSeek is cheap.".']);
  const elsewhere = claimMap(index, graph, { focus: { uri: uri('articles/a.txt'), position: { line: 0, character: 0 } } });
  assert.match(elsewhere.message ?? '', /note or an entity registry/);
  assert.equal(elsewhere.nodes.length, 7);
  const empty = await mapOf({ 'e.md': '# Nothing\n', 'entities.yaml': ENTITIES });
  const none = empty.ask({ focus: { uri: uri('e.md'), position: { line: 0, character: 0 } } });
  assert.equal(none.message, 'No claim or entity at the cursor, and this note has no claims. This workspace has no claims yet.');
});

test('an entity note is an entity: a claim linking it draws an edge, and its page is a focus', async () => {
  const { ask } = await mapOf({
    'entities/openai.md': '---\nentity:\n  type: organization\n  id: openai\n---\n# OpenAI\n\nMakes models.\n',
    'n.md': '- #claim [[OpenAI]] pivots. ^pivot\n',
  });
  const r = ask({ focus: { uri: uri('entities/openai.md'), position: { line: 7, character: 2 } }, hops: 1 });
  assert.deepEqual(r.focus, [E('openai')]);
  assert.deepEqual(r.nodes.map((n) => [n.id, n.type, n.entityType, n.line]), [[E('openai'), 'entity', 'organization', 5], [`claim:${uri('n.md')}#^pivot`, 'claim', undefined, 0]]);
});

test('the whole filtered graph for the exports, and a filter naming nothing is an error there', async () => {
  const { index, graph } = await sample();
  graph.sync();
  const g = filteredGraph(index, graph, { status: ['refuted', 'disputed'] });
  assert.deepEqual(ids(g), [C('a', 'cheap'), C('b', 'less'), E('deepseek')]);
  assert.equal(g.edges.length, 4);
  assert.throws(() => filteredGraph(index, graph, { entity: ['Nobody'] }), /No entity is named "Nobody"/);
});

/**
 * Every edge as the index resolves it, written plainly (one per claim,
 * relation and target): what the graph's edges out, and its edges in read
 * the other way, must both be.
 */
function referenceEdges(index: WorkspaceIndex): string[] {
  const edges = new Set<string>();
  const argument: readonly string[] = ARGUMENT_RELATIONS;
  for (const note of index.notes.values()) {
    const claim = (i: number) => claimNodeId(note.uri, note.claims[i]!);
    for (const ref of note.refs) {
      const to = ref.claim >= 0 && ref.field !== undefined && argument.includes(ref.field) ? index.resolveRef(note, ref) : undefined;
      if (to) edges.add(`${claim(ref.claim)}|${ref.field}|${claimNodeId(to.note.uri, to.claim)}`);
    }
    for (const link of note.links) {
      const named = link.claim >= 0 && !link.anchor?.startsWith('^') ? index.resolveEntity(link.target) : [];
      if (named.length === 1) edges.add(`${claim(link.claim)}|${link.field === 'by' ? 'by' : 'mentions'}|entity:${named[0]!.id}`);
    }
  }
  return [...edges].sort();
}

/** The graph's edges read from their sources, and read from their targets. */
function graphEdges(index: WorkspaceIndex, graph: ClaimGraph): { out: string[]; in: string[] } {
  graph.sync();
  const out: string[] = [], into: string[] = [];
  const nodes = [...index.notes.keys()].flatMap((u) => graph.claimsOf(u));
  for (const e of index.entities()) nodes.push(graph.entityNode(e)!);
  for (const n of nodes) {
    for (let e = graph.outFrom(n); e < graph.outTo(n); e++) out.push(`${graph.idOf(n)}|${graph.relationOf(e)}|${graph.idOf(graph.targetOf(e))}`);
    for (let e = graph.firstIn(n); e !== NONE; e = graph.nextIn(e)) into.push(`${graph.idOf(graph.sourceOf(e))}|${graph.relationOf(e)}|${graph.idOf(n)}`);
  }
  return { out: out.sort(), in: into.sort() };
}

function sameEdgesAsReference(index: WorkspaceIndex, graph: ClaimGraph, when: string): void {
  const expected = referenceEdges(index);
  const { out, in: into } = graphEdges(index, graph);
  assert.deepEqual(out, expected, `edges out ${when}`);
  assert.deepEqual(into, expected, `edges in ${when}`);
}

/** The whole graph as sorted ids, to compare an updated graph with one built afresh. */
function snapshot(index: WorkspaceIndex, graph: ClaimGraph): string[] {
  graph.sync();
  const g = filteredGraph(index, graph, {});
  return [...ids(g), ...edgeList(g)];
}

test('the adjacency index follows edits note by note, the same as one built afresh', async () => {
  const { index, graph } = await sample();
  graph.sync();
  const fresh = () => snapshot(index, new ClaimGraph(index));
  const steps: Array<[string, string | undefined]> = [
    // b's ^less goes: a's contradiction and same-as dangle.
    ['notes/b.md', B.replace('^less', '^fewer')],
    // It comes back under a new note name that a's references do not use.
    ['notes/c.md', '- #claim Elsewhere. ^less\n'],
    ['notes/b.md', B],
    // A new entity makes a dangling mention resolve; a second one with the same alias makes it ambiguous.
    ['notes/d.md', '- #claim [[Mistral]] ships. ^ship\n  - by:: [[Arthur]]\n'],
    ['entities.yaml', ENTITIES + '- id: mistral\n  name: Mistral\n  type: organization\n  aliases: [Arthur]\n'],
    ['more.entities.yaml', '- id: arthur\n  name: Arthur Mensch\n  aliases: [Arthur]\n'],
    ['more.entities.yaml', undefined],
    // A note is deleted; the claim that pointed at it dangles.
    ['notes/a.md', undefined],
    ['notes/a.md', A],
    // An entity note comes, and a claim says who it is.
    ['entities/openai.md', '---\nentity:\n  type: organization\n---\n# OpenAI\n'],
    ['notes/b.md', B + '- #claim [[OpenAI]] and [[Sam Altman]]. ^both\n  - supports:: ^win\n'],
  ];
  sameEdgesAsReference(index, graph, 'at first');
  for (const [path, text] of steps) {
    if (text === undefined) index.delete(uri(path)); else index.update(uri(path), text);
    const when = `after ${text === undefined ? 'deleting' : 'setting'} ${path}`;
    assert.deepEqual(snapshot(index, graph), fresh(), when);
    sameEdgesAsReference(index, graph, when);
  }
  const last = snapshot(index, graph);
  assert.ok(last.includes(`${C('b', 'both')}|mentions|${E('openai')}`));
  assert.ok(last.includes(`${C('d', 'ship')}|by|${E('mistral')}`));
  assert.ok(last.includes(`${C('a', 'cheap')}|contradicts|${C('b', 'less')}`));
});

test('during the cold index the graph catches up with the notes read since it last looked', async () => {
  const { index, graph } = await sample();
  graph.sync();
  // As the cold index does: the note is read, and nothing is announced yet.
  (index as unknown as { set(uri: string, text: string, kind: string): void }).set(uri('notes/e.md'), '- #claim [[DeepSeek]] again. ^again\n', 'note');
  graph.sync();
  assert.ok(!graph.node(C('e', 'again')), 'not announced, not seen');
  graph.catchUp();
  graph.sync();
  assert.ok(graph.node(C('e', 'again')));
  assert.deepEqual(snapshot(index, graph), snapshot(index, new ClaimGraph(index)));
});

test('a registry rewritten whole (more entities changed than resolving again would save) is followed by building again', async () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `- id: t${i}\n  name: Topic ${i}\n  type: other\n`).join('');
  const { index, graph } = await mapOf({ 'topics.entities.yaml': many(100), 'n.md': '- #claim [[Topic 7]] and [[Topic 150]]. ^t\n' });
  graph.sync();
  assert.deepEqual(snapshot(index, graph).filter((s) => s.includes('|')), [`claim:${uri('n.md')}#^t|mentions|entity:t7`]);
  index.update(uri('topics.entities.yaml'), many(200));
  assert.deepEqual(snapshot(index, graph), snapshot(index, new ClaimGraph(index)));
  assert.ok(snapshot(index, graph).includes(`claim:${uri('n.md')}#^t|mentions|entity:t150`));
});

test('the arrays are laid out again once the numbers left behind outnumber the live ones: the same graph, the same maps', async () => {
  const { index, graph, ask } = await sample();
  graph.sync();
  const numbers = () => (graph as unknown as { nodeCount: number }).nodeCount;
  const focus = { node: C('a', 'cheap') };
  const before = ask({ focus, hops: 2 });
  let layouts = 0;
  // Each edit of b gives its claims new numbers (and a's, which point at them, new edges).
  for (let i = 0; i < 1200; i++) {
    const given = numbers();
    index.update(uri('notes/b.md'), i % 2 ? B : B.replace('Cheap models win.', `Cheap models win ${i}.`));
    graph.sync();
    if (numbers() < given) layouts++;
    if (i % 100 === 99) sameEdgesAsReference(index, graph, `after ${i + 1} edits`);
  }
  assert.ok(layouts >= 2, `laid out again ${layouts} times`);
  index.update(uri('notes/b.md'), B);
  sameEdgesAsReference(index, graph, 'at last');
  assert.deepEqual(snapshot(index, graph), snapshot(index, new ClaimGraph(index)));
  const after = ask({ focus, hops: 2 });
  assert.deepEqual(ids(after), ids(before));
  assert.deepEqual(edgeList(after), edgeList(before));
});

test('built in slices: a question meanwhile finishes the build, and edits meanwhile are followed', async () => {
  const { index, graph } = await sample();
  let steps = 0;
  // A time limit that is always up: one note per step.
  while (!graph.sync(() => true)) {
    if (++steps === 2) index.update(uri('notes/b.md'), B.replace('^less', '^fewer'));
    if (steps === 3) index.update(uri('notes/d.md'), '- #claim [[DeepSeek]] again. ^again\n  - supports:: [[a#^cheap]]\n');
  }
  assert.ok(steps >= 3 && graph.built);
  sameEdgesAsReference(index, graph, 'after a build in slices with edits');
  assert.deepEqual(snapshot(index, graph), snapshot(index, new ClaimGraph(index)));

  const { index: other, graph: halfBuilt } = await sample();
  assert.equal(halfBuilt.sync(() => true), false);
  other.update(uri('notes/a.md'), A.replace('^plain', '^simple'));
  assert.equal(halfBuilt.sync(), true);
  sameEdgesAsReference(other, halfBuilt, 'after a build finished by a question');
});

test('the service builds the index right after the cold index, with no map asked, and follows an edit after it', async () => {
  const files = { 'entities.yaml': ENTITIES, 'notes/a.md': A, 'notes/b.md': B };
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const service = createClaimlens({ workspace: ws, codec: nodeCodec });
  const graph = (service as unknown as { graph: ClaimGraph }).graph;
  await service.start();
  service.setDocument(uri('notes/b.md'), 1, B.replace('^less', '^fewer'));
  for (let turns = 0; !graph.built && turns < 1000; turns++) await new Promise((r) => setImmediate(r));
  assert.ok(graph.built, 'built without a question');
  const r = await service.claimMap({ focus: { node: C('a', 'cheap') }, hops: 1 });
  const { index } = await indexOf({ ...files, 'notes/b.md': B.replace('^less', '^fewer') });
  const expected = claimMap(index, (() => { const g = new ClaimGraph(index); g.sync(); return g; })(), { focus: { node: C('a', 'cheap') }, hops: 1 });
  assert.deepEqual(ids(r), ids(expected));
  assert.deepEqual(edgeList(r), edgeList(expected));
  assert.ok(!r.nodes.some((n) => n.id === C('b', 'less')));
});

test('a repeat of an id in a note is its own node, named by its line, in a short note and in a long one', async () => {
  const many = Array.from({ length: 20 }, (_, i) => `- #claim Claim ${i}. ^k${i}\n`).join('');
  const { graph, ask } = await mapOf({
    'short.md': '- #claim First. ^same\n- #claim Second. ^same\n',
    'long.md': `${many}- #claim Again. ^k3\n`,
  });
  const all = ids(ask({ limit: 5000 }));
  assert.ok(all.includes(`claim:${uri('short.md')}#^same`) && all.includes(`claim:${uri('short.md')}#L2`));
  assert.ok(all.includes(`claim:${uri('long.md')}#^k3`) && all.includes(`claim:${uri('long.md')}#L21`));
  assert.equal(graph.idOf(graph.node(`claim:${uri('long.md')}#L21`)!), `claim:${uri('long.md')}#L21`);
  assert.equal(graph.node(`claim:${uri('long.md')}#L4`), undefined, 'a claim with an id of its own is named by it');
});
