// Protocol tests of claimlens/claimMap through the built server over stdio,
// on the samples: the whole (small) workspace, the neighbourhood at a cursor
// position, an edit the map follows, malformed parameters refused with what is
// wrong; and the claim map's formats through claimlens/export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCodes } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ClaimMapRequest, ExportErrors, ExportRequest } from '../../shared/protocol';
import { positionOf, responseError, samplesServer } from './lspClient';

const session = samplesServer();
const NOTE = 'notes/openai-consumer-shift.md';
const send = () => session.client.connection;
const claim = (id: string, note = NOTE) => `claim:${session.client.uri(note)}#^${id}`;

test('without a focus the samples are drawn whole: 21 claims, the 11 entities they name, 47 relations', async () => {
  const r = await send().sendRequest(ClaimMapRequest, {});
  assert.equal(r.scope, 'workspace');
  assert.deepEqual([r.nodes.filter((n) => n.type === 'claim').length, r.nodes.filter((n) => n.type === 'entity').length, r.edges.length], [21, 11, 47]);
  assert.deepEqual([r.total, r.shown], [79, 79]);
  const byRelation = Object.fromEntries(['supports', 'contradicts', 'refines', 'same-as', 'by', 'mentions'].map((k) => [k, r.edges.filter((e) => e.relation === k).length]));
  assert.deepEqual(byRelation, { supports: 5, contradicts: 2, refines: 2, 'same-as': 1, by: 10, mentions: 27 });
  assert.ok(r.edges.some((e) => e.id === `${claim('low-cost-training', 'notes/deepseek-notes.md')}|same-as|${claim('deepseek-cost')}`),
    'same-as across the two notes, once');
  assert.deepEqual(r.kinds, ['fact', 'opinion', 'prediction', 'quote', 'statistic']);
  assert.equal(r.statuses.length, 6);
});

test('the focus at a cursor position: the claim on that line, two hops out, both ways', async () => {
  const text = fs.readFileSync(path.join(session.root, NOTE), 'utf8');
  const uri = session.client.uri(NOTE);
  const r = await send().sendRequest(ClaimMapRequest, { focus: { uri, position: positionOf(text, 'Frontier models will commoditise') }, hops: 1 });
  assert.equal(r.scope, 'neighbourhood');
  assert.deepEqual(r.focus, [claim('transistor')]);
  assert.deepEqual(r.nodes.map((n) => n.id).sort(), [
    claim('consumer-pivot'), claim('llm-standard-feature'), claim('r1-open-weights', 'notes/deepseek-notes.md'), claim('transistor'), 'entity:sam-altman',
  ].sort());
  const node = r.nodes.find((n) => n.id === claim('transistor'))!;
  assert.deepEqual([node.status, node.stance, node.kind, node.uri, node.line], ['plausible', 'upheld', 'prediction', uri, positionOf(text, '- #claim Frontier').line]);
  const mention = await send().sendRequest(ClaimMapRequest, { focus: { uri, position: positionOf(text, '[[DeepSEE]] builds', 4) }, hops: 1 });
  assert.deepEqual(mention.focus, ['entity:deepseek']);
  assert.equal(mention.nodes.filter((n) => n.type === 'claim').length, 6, 'the six claims that name DeepSeek');
});

test('the map follows an edit of an open note', async () => {
  const uri = await session.client.open(NOTE);
  const text = fs.readFileSync(path.join(session.root, NOTE), 'utf8');
  await session.client.change(uri, text.replace('  - supports:: ^dislikes-ads\n', '  - contradicts:: ^dislikes-ads\n'));
  const r = await send().sendRequest(ClaimMapRequest, { focus: { node: claim('ads-not-primary') }, hops: 1, filter: { relation: ['supports', 'contradicts'] } });
  assert.deepEqual(r.edges.map((e) => e.id), [`${claim('ads-not-primary')}|contradicts|${claim('dislikes-ads')}`]);
  await session.client.change(uri, text);
});

test('malformed parameters are refused with what is wrong, and the server goes on answering', async () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ hops: 99 }, /"hops" must be a whole number from 0 to 6/],
    [{ limit: 0 }, /"limit" must be a whole number from 1 to 5000/],
    [{ focus: 'here' }, /"focus" must be an object/],
    [{ focus: { uri: 'file:///x.md', position: { line: -1, character: 0 } } }, /"focus.position" must be/],
    [{ focus: { uri: 'a b:c', position: { line: 0, character: 0 } } }, /"focus.uri" is not a URI: a b:c/],
    [{ filter: { relation: ['causes'] } }, /"filter.relation" holds "causes"/],
    [{ filter: { status: 'refuted' } }, /"filter.status" must be a list/],
    [{ expand: [1, 2] }, /"expand" must be a list/],
    [{ hop: 2 }, /has no parameter "hop"/],
    [[1, 2], /must be an object/],
  ];
  for (const [params, message] of cases) {
    const e = await responseError(send().sendRequest(ClaimMapRequest.method, params));
    assert.equal(e.code, ErrorCodes.InvalidParams, JSON.stringify(params));
    assert.match(e.message, message);
  }
  const unknown = await send().sendRequest(ClaimMapRequest, { filter: { status: ['maybe'] } });
  assert.match(unknown.message ?? '', /Unknown status "maybe"/, 'a value that names nothing is a message on an empty map, not an error');
  assert.equal((await send().sendRequest(ClaimMapRequest, {})).total, 79);
});

test('claimlens/export writes the claim map as GraphML and Mermaid, under the map\'s filters', async () => {
  const out = fs.mkdtempSync(path.join(session.root, 'out-'));
  const target = URI.file(path.join(out, 'map.graphml')).toString();
  const graphml = await send().sendRequest(ExportRequest, { format: 'graphml', target, overwrite: false, filter: { entity: ['DeepSeek'], relation: ['contradicts', 'mentions'] } });
  assert.deepEqual([graphml.claims, graphml.entities, graphml.relations, graphml.quotes], [6, 6, 13, 0]);
  const xml = fs.readFileSync(path.join(out, 'map.graphml'), 'utf8');
  assert.equal((xml.match(/<node /g) ?? []).length, 12);
  assert.equal((xml.match(/<data key="relation">contradicts<\/data>/g) ?? []).length, 1, 'the other contradiction leads to a claim the filter leaves out');
  const mmd = URI.file(path.join(out, 'map.mmd')).toString();
  const mermaid = await send().sendRequest(ExportRequest, { format: 'mermaid', target: mmd, overwrite: false, filter: { kind: ['prediction'] } });
  assert.equal(mermaid.claims, 5);
  assert.match(fs.readFileSync(path.join(out, 'map.mmd'), 'utf8'), /^flowchart TB\n/);
  const json = URI.file(path.join(out, 'claims.json')).toString();
  const wrong = await responseError(send().sendRequest(ExportRequest, { format: 'json', target: json, overwrite: false, filter: { relation: ['supports'] } }));
  assert.deepEqual([wrong.code, wrong.message], [ExportErrors.BadRequest, 'A relation filter applies to the claim map\'s formats (graphml, mermaid), not to json.']);
  const bad = await responseError(send().sendRequest(ExportRequest.method, { format: 'graphml', target, overwrite: true, filter: { kind: 'fact' } }));
  assert.deepEqual([bad.code, bad.message], [ExportErrors.BadRequest, 'The export\'s filter: "filter.kind" must be a list of at most 500 strings.']);
  assert.ok(!fs.existsSync(path.join(out, 'claims.json')));
});
