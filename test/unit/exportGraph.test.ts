// The claim map's exports. GraphML read back by a real GraphML reader —
// networkx, with Debian's Python (`npm test` installs python3-networkx; the
// test fails without it, it does not skip) — with the expected nodes, edges
// and attributes, awkward text included. Mermaid's text: shapes, classes,
// edge styles, escaping and the warnings past Mermaid's limits (that mermaid
// itself parses and draws it is test/e2e/mermaid.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { exportClaims, type ClaimFilter, type GraphFormat } from '../../server/src/core/export/formats';
import { mermaidLabel, writeMermaid } from '../../server/src/core/export/mermaid';
import { nodeCodec } from '../../server/src/node/codec';
import { samplesIndex } from './exportHelpers';
import { ENTITIES, indexOf } from './helpers';

const PYTHON = '/usr/bin/python3';

/** What networkx makes of a GraphML file: its graph type, nodes with attributes, edges with attributes. */
const READER = `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
print(json.dumps({
  "directed": g.is_directed(), "multigraph": g.is_multigraph(),
  "nodes": {n: d for n, d in g.nodes(data=True)},
  "edges": [[u, v, d] for u, v, d in g.edges(data=True)],
}))
`;

interface Read { directed: boolean; multigraph: boolean; nodes: Record<string, Record<string, unknown>>; edges: Array<[string, string, Record<string, unknown>]> }

function readGraphml(xml: string): Read {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-graphml-'));
  const file = path.join(dir, 'map.graphml');
  fs.writeFileSync(file, xml);
  const r = spawnSync(PYTHON, ['-c', READER, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.error, undefined, `${PYTHON} did not run: ${r.error?.message}`);
  assert.equal(r.status, 0, `networkx could not read the GraphML (install python3-networkx: node scripts/e2e-setup.mjs --debian):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Read;
}

async function exported(format: GraphFormat, filter?: ClaimFilter, files?: Record<string, string>) {
  const { index } = files ? await indexOf(files) : await samplesIndex();
  return exportClaims(index, new Anchoring(index), { format, codec: nodeCodec, ...(filter ? { filter } : {}) });
}

const count = <T>(xs: T[], key: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => { m[key(x)] = (m[key(x)] ?? 0) + 1; return m; }, {});

test('GraphML of the samples, read back by networkx: every claim and entity, every relation, with their attributes', async () => {
  const out = await exported('graphml');
  assert.deepEqual([out.claims, out.entities, out.relations, out.warnings], [21, 11, 47, []]);
  const g = readGraphml(out.data as string);
  assert.deepEqual([g.directed, g.multigraph], [true, true], 'directed; a claim said by and mentioning one entity has two edges to it');
  assert.equal(Object.keys(g.nodes).length, 32);
  assert.equal(g.edges.length, 47);
  assert.deepEqual(g.nodes['claim:notes/openai-consumer-shift#^transistor'], {
    type: 'claim', label: 'Frontier models will commoditise the way transistors did.', status: 'plausible', rating: 4,
    stance: 'upheld', kind: 'prediction', claimId: 'transistor', note: 'notes/openai-consumer-shift.md',
  });
  assert.deepEqual(g.nodes['entity:sam-altman'], { type: 'entity', label: 'Sam Altman', entityType: 'person' });
  assert.deepEqual(count(g.edges, (e) => String(e[2].relation)), { mentions: 27, by: 10, supports: 5, refines: 2, contradicts: 2, 'same-as': 1 });
  assert.ok(g.edges.some(([u, v, d]) => u === 'claim:notes/openai-consumer-shift#^deepseek-owner' && v === 'claim:notes/deepseek-notes#^independent-lab' && d.relation === 'contradicts'));
  assert.ok(!(out.data as string).includes('file:'), 'no path of this machine in the file');
});

test('GraphML under a filter: only the claims it keeps, the entities they name, the relations it draws', async () => {
  const g = readGraphml((await exported('graphml', { status: ['refuted', 'disputed'], relation: ['contradicts', 'same-as', 'supports'] })).data as string);
  assert.deepEqual(Object.keys(g.nodes).sort(), [
    'claim:notes/openai-consumer-shift#^ads-not-primary', 'claim:notes/openai-consumer-shift#^deepseek-cost',
    'claim:notes/openai-consumer-shift#^deepseek-drama', 'claim:notes/openai-consumer-shift#^deepseek-owner',
  ]);
  assert.deepEqual(g.edges, [], 'every relation of these claims leads to a claim the filter leaves out');
});

test('GraphML keeps awkward text exactly: markup characters, quotes, emoji; characters XML cannot hold are left out', async () => {
  const awkward = 'Ads <b>&amp;</b> "tracking" \'cookies\' ]]> 😀 in [[DeepSeek]]\u0007 & more';
  const out = await exported('graphml', undefined, {
    'entities.yaml': ENTITIES + '- id: odd\n  name: "Odd & <Co> \\"Ltd\\""\n  type: organization\n',
    'notes/x&y.md': `- #claim ${awkward} ^odd-1\n  - kind:: a<b>\n  - by:: [[Odd & <Co> "Ltd"]]\n`,
  });
  const g = readGraphml(out.data as string);
  const claim = g.nodes['claim:notes/x&y#^odd-1']!;
  assert.equal(claim.label, 'Ads <b>&amp;</b> "tracking" \'cookies\' ]]> 😀 in DeepSeek & more');
  assert.deepEqual([claim.kind, claim.note], ['a<b>', 'notes/x&y.md']);
  assert.equal(g.nodes['entity:odd']!.label, 'Odd & <Co> "Ltd"');
  assert.deepEqual(g.edges.map((e) => e[2].relation).sort(), ['by', 'mentions']);
});

test('Mermaid: a flowchart with each note a subgraph, shapes by kind, a class per status, a line per relation', async () => {
  const out = await exported('mermaid');
  const text = out.data as string;
  const lines = text.split('\n');
  assert.equal(lines[0], 'flowchart TB');
  assert.deepEqual(lines.filter((l) => /^ {2}subgraph /.test(l)), ['  subgraph n1["notes/deepseek-notes.md"]', '  subgraph n2["notes/openai-consumer-shift.md"]']);
  assert.ok(lines.includes('    c9[/"Frontier models will commoditise the way transistors did."/]'), 'a prediction is a parallelogram');
  assert.ok(lines.includes('    c15>"Sam Altman does not much like advertising."]'), 'a quote is a flag');
  assert.ok(lines.includes('  e7(["Sam Altman"])'), 'an entity is a stadium');
  assert.ok(lines.includes('  c3 <-->|same as| c13'));
  assert.equal(lines.filter((l) => / ==>\|contradicts\| /.test(l)).length, 2);
  assert.equal(lines.filter((l) => / -\.-> e\d+$/.test(l)).length, 27, 'mentions: dotted, no label');
  assert.match(text, /\n {2}linkStyle (\d+,)*\d+ stroke:#c62828,stroke-width:2.5px\n/);
  assert.match(text, /\n {2}classDef status_refuted fill:#ffebee,stroke:#c62828,color:#212121\n {2}class c12 status_refuted\n/);
  assert.match(text, /\n {2}classDef status_supported fill:#e8f5e9/);
  assert.match(text, /\n {2}classDef status_unverified fill:#f5f5f5/);
  // Every edge line's ends are nodes defined above it.
  const defined = new Set(lines.flatMap((l) => /^ +([cen]\d+)[[(>{]/.exec(l)?.[1] ?? []));
  for (const m of text.matchAll(/^ {2}([ce]\d+) \S+ ([ce]\d+)$/gm)) assert.ok(defined.has(m[1]!) && defined.has(m[2]!), m[0]);
});

test('Mermaid labels: every character its grammar or an HTML label reads is an entity code; line breaks are spaces', () => {
  assert.equal(mermaidLabel('A "quote" [x] (y) {z} <b>#1 & `code` | a:b; 50%\\'), 'A #quot;quote#quot; #91;x#93; #40;y#41; #123;z#125; #lt;b#gt;#35;1 #amp; #96;code#96; #124; a#58;b#59; 50#37;#92;');
  assert.equal(mermaidLabel('two\nlines\r\nand\u2028more\u0000'), 'two lines and more');
  assert.equal(mermaidLabel('end'), 'end');
});

test('Mermaid warns when the flowchart is past what Mermaid draws by default', () => {
  const nodes = Array.from({ length: 600 }, (_, i) => ({ key: `claim:n#^c${i}`, type: 'claim' as const, label: `Claim ${i}`, note: 'n.md' }));
  const edges = nodes.slice(1).map((n, i) => ({ source: n.key, target: nodes[i]!.key, relation: 'supports' as const }));
  const { warnings } = writeMermaid({ nodes, edges, statuses: [], rating: { best: 5, worst: 1 } });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^the flowchart has 599 edges; Mermaid draws at most 500/);
});
