// The checks across claims: verdicts that contradict each other, support
// that does not hold, the same claim given different verdicts, verdicts with
// no grounds; each names the other claim and points at it, and an edit that
// settles a finding clears it on both ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { type Problem } from '../../server/src/core/notes/model';
import { ROOT, uri } from './helpers';

const CHECKS = new Set(['contradiction-upheld', 'support-rejected', 'rejected-as-support', 'same-claim-conflict', 'verdict-without-grounds']);

async function open(files: Record<string, string>) {
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const service = createClaimlens({ workspace: ws, codec: nodeCodec });
  await service.start();
  const findings = async (path: string): Promise<Problem[]> => (await service.problems(uri(path))).filter((p) => CHECKS.has(p.code));
  return { service, findings };
}

const claim = (id: string, status: string, ...fields: string[]) =>
  `- #claim Claim ${id} says something. ^${id}\n  - status:: ${status}\n  - evidence:: https://example.org/${id}\n${fields.map((f) => `  - ${f}\n`).join('')}`;

test('contradiction-upheld: both ends, each naming the other, with related information at it', async () => {
  const { findings } = await open({
    'a.md': claim('a', 'supported', 'contradicts:: [[b#^b]]'),
    'b.md': claim('b', 'plausible'),
  });
  const [onA] = await findings('a.md');
  assert.equal(onA!.code, 'contradiction-upheld');
  assert.equal(onA!.severity, 'warning');
  assert.match(onA!.message, /\[\[b#\^b\]\]/);
  assert.equal(onA!.range.start.line, 3, 'shown on the contradicts:: link');
  assert.deepEqual(onA!.related?.map((r) => [r.uri, r.range.start.line]), [[uri('b.md'), 0]]);
  const [onB] = await findings('b.md');
  assert.equal(onB!.code, 'contradiction-upheld');
  assert.match(onB!.message, /\[\[a#\^a\]\]/);
  assert.deepEqual(onB!.related?.map((r) => r.uri), [uri('a.md')]);
});

test('contradiction between an upheld and a rejected claim is no finding', async () => {
  const { findings } = await open({ 'a.md': claim('a', 'supported', 'contradicts:: [[b#^b]]'), 'b.md': claim('b', 'refuted') });
  assert.deepEqual(await findings('a.md'), []);
  assert.deepEqual(await findings('b.md'), []);
});

test('support-rejected and rejected-as-support: a chain across three notes', async () => {
  const { findings } = await open({
    'one.md': claim('x', 'refuted', 'supports:: [[two#^y]]'),
    'two.md': claim('y', 'supported', 'supports:: [[three#^z]]'),
    'three.md': claim('z', 'supported'),
  });
  const one = await findings('one.md');
  assert.deepEqual(one.map((p) => p.code), ['rejected-as-support']);
  assert.match(one[0]!.message, /supports \[\[two#\^y\]\], which is upheld/);
  const two = await findings('two.md');
  assert.deepEqual(two.map((p) => p.code), ['support-rejected']);
  assert.match(two[0]!.message, /\[\[one#\^x\]\] \(Refuted\)/);
  assert.deepEqual(two[0]!.related?.map((r) => r.uri), [uri('one.md')]);
  assert.deepEqual(await findings('three.md'), [], 'z has an upheld supporter: the chain stops at y');
});

test('support-rejected needs every supporter rejected: one upheld supporter is enough', async () => {
  const { findings } = await open({
    'n.md': claim('t', 'supported') + claim('bad', 'misleading', 'supports:: ^t') + claim('good', 'plausible', 'supports:: ^t'),
  });
  assert.deepEqual((await findings('n.md')).map((p) => p.code), ['rejected-as-support']);
});

test('a supports cycle of upheld claims raises no consistency finding and does not hang', async () => {
  const { findings } = await open({
    'a.md': claim('a', 'supported', 'supports:: [[b#^b]]'),
    'b.md': claim('b', 'supported', 'supports:: [[a#^a]]'),
  });
  assert.deepEqual(await findings('a.md'), []);
});

test('same-claim-conflict: symmetric, followed through a chain of same-as across three notes', async () => {
  const { findings } = await open({
    'a.md': claim('a', 'supported', 'same-as:: [[b#^b]]'),
    'b.md': claim('b', 'supported', 'same-as:: [[c#^c]]'),
    'c.md': claim('c', 'refuted'),
  });
  const a = await findings('a.md');
  assert.deepEqual(a.map((p) => p.code), ['same-claim-conflict']);
  assert.match(a[0]!.message, /\[\[c#\^c\]\] is the same claim, but its verdict is Refuted \(rejected\)/);
  assert.equal((await findings('b.md')).length, 1);
  assert.deepEqual((await findings('c.md')).map((p) => p.message.match(/\[\[(\w)#/)![1]).sort(), ['a', 'b']);
});

test('a claim linked as the same claim to itself is no conflict', async () => {
  const { findings } = await open({ 'a.md': claim('a', 'supported', 'same-as:: ^a') });
  assert.deepEqual(await findings('a.md'), []);
});

test('renamed statuses take their stance from .claimlens.yaml; checks: sets severities', async () => {
  const config = [
    'statuses:', '  - id: pending', '  - id: holds', '    stance: upheld', '  - id: false', '    stance: rejected', '  - id: supported', '    stance: open',
    'checks:', '  contradiction-upheld: error', '  verdict-without-grounds: hint', '',
  ].join('\n');
  const { findings, service } = await open({
    '.claimlens.yaml': config,
    'a.md': claim('a', 'holds', 'contradicts:: ^b') + claim('b', 'holds') + claim('c', 'supported', 'contradicts:: ^a')
      + '- #claim No grounds at all. ^bare\n  - status:: false\n',
  });
  const found = await findings('a.md');
  assert.deepEqual(found.map((p) => [p.code, p.severity]), [
    ['contradiction-upheld', 'error'], ['contradiction-upheld', 'error'], ['verdict-without-grounds', 'hint'],
  ]);
  assert.deepEqual(service.index.config.problems, []);
});

test('verdict-without-grounds is off by default', async () => {
  const { findings } = await open({ 'a.md': '- #claim Bare. ^bare\n  - status:: supported\n' });
  assert.deepEqual(await findings('a.md'), []);
});

test('a stance or check level Claimlens does not know is reported in .claimlens.yaml', async () => {
  const { service } = await open({ '.claimlens.yaml': 'statuses:\n  - id: ok\n    stance: maybe\nchecks:\n  same-claim-conflict: loud\n' });
  assert.deepEqual(service.index.config.problems.map((p) => p.code), ['config-status', 'config-check']);
});

test('an edit that settles a finding clears it on both ends', async () => {
  const a = claim('a', 'supported', 'contradicts:: [[b#^b]]');
  const { service, findings } = await open({ 'a.md': a, 'b.md': claim('b', 'supported') });
  assert.equal((await findings('a.md')).length, 1);
  assert.equal((await findings('b.md')).length, 1);
  const changed: string[] = [];
  service.onDidChange((c) => changed.push(...c.uris));
  service.setDocument(uri('b.md'), 1, claim('b', 'refuted'));
  assert.deepEqual(await findings('b.md'), []);
  assert.deepEqual(await findings('a.md'), [], 'the other end, in a note that was not edited, is clear too');
  assert.deepEqual(changed, [uri('b.md')], 'only the edited note was re-read');
});

test('a same-as cycle across three notes is followed once round: each conflict reported once per claim', async () => {
  const { findings } = await open({
    'a.md': claim('a', 'supported', 'same-as:: [[b#^b]]'),
    'b.md': claim('b', 'supported', 'same-as:: [[c#^c]]'),
    'c.md': claim('c', 'misleading', 'same-as:: [[a#^a]]'),
  });
  assert.deepEqual((await findings('a.md')).map((p) => p.message.match(/^\[\[(\w)#/)![1]), ['c']);
  assert.deepEqual((await findings('c.md')).map((p) => p.message.match(/^\[\[(\w)#/)![1]).sort(), ['a', 'b']);
});

test('verdict-without-grounds, when on, counts a quote, evidence or a supporting claim as grounds', async () => {
  const { findings } = await open({
    '.claimlens.yaml': 'checks:\n  verdict-without-grounds: hint\n',
    'n.md': '- #claim Quoted. ^q\n  - status:: supported\n  - quote:: "x"\n'
      + '- #claim Supported by another. ^s\n  - status:: refuted\n'
      + '- #claim Bare but open. ^o\n  - status:: disputed\n  - supports:: ^s\n'
      + '- #claim Bare and upheld. ^bare\n  - status:: plausible\n',
  });
  assert.deepEqual((await findings('n.md')).map((p) => [p.code, p.severity, p.range.start.line]), [['verdict-without-grounds', 'hint', 8]]);
});
