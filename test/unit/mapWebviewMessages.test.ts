// The claim map's webview is untrusted input: every message it sends is
// checked before anything acts on it, and its page allows no script but the
// bundle's, no inline code and no network.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, mapHtml, makeNonce } from '../../client/src/map/mapHtml';
import { DEFAULT_VIEW_STATE, LIMITS, parseFromWebview } from '../../client/src/map/mapMessages';

const PAGE = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'n0nce-AbCdEf0123456789abcdef',
  bootUri: 'https://x/boot.js', scriptUri: 'https://x/map.js', styleUri: 'https://x/map-style.css', elkUri: 'https://x/elk.js',
};

test('the page: default-src none, the script only with the nonce, no inline, no eval, no network', () => {
  const html = mapHtml(PAGE);
  const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
  assert.equal(policy, contentSecurityPolicy(PAGE));
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${PAGE.nonce}'`]);
  assert.ok(!/unsafe-(inline|eval)|\*/.test(policy), policy);
  assert.ok(!directives.has('connect-src') && !directives.has('frame-src'), 'no network, no frames');
  // The one <script> is the small first one from the bundle, with the nonce; nothing inline runs. It brings the
  // map's script and style sheet (named on the page) once the page is shown.
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0][1], new RegExp(`nonce="${PAGE.nonce}" src="${PAGE.bootUri}"`));
  assert.equal(scripts[0][2], '');
  assert.match(html, new RegExp(`data-script="${PAGE.scriptUri}" data-style="${PAGE.styleUri}"`));
  // Style rules in the page come under the nonce.
  for (const [, attributes] of html.matchAll(/<style([^>]*)>/g)) assert.match(attributes, new RegExp(`nonce="${PAGE.nonce}"`));
  assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
});

test('a nonce is 24 characters of a random source, different each time', () => {
  let i = 0;
  const fake = (n: number) => Uint8Array.from({ length: n }, () => i++);
  const a = makeNonce(fake);
  assert.equal(a.length, 24);
  assert.match(a, /^[\w-]+$/);
  assert.notEqual(makeNonce(fake), a);
});

test('messages of the right shape pass, exactly as sent', () => {
  const ok = [
    { type: 'ready' },
    { type: 'ready', page: { width: 640, height: 800 } },
    { type: 'query', seq: 3, params: { focus: { uri: 'file:///w/a.md', position: { line: 4, character: 2 } }, hops: 2, expand: ['claim:x'], filter: { status: ['refuted'], relation: ['supports'] }, groupByNote: true } },
    { type: 'query', seq: 4, params: { focus: { node: 'entity:openai' } } },
    { type: 'reveal', node: 'claim:file:///w/a.md#^x' },
    { type: 'saveImage', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
    { type: 'saveImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { type: 'exportGraph', format: 'graphml', filter: { note: ['notes/**'] } },
    { type: 'state', state: DEFAULT_VIEW_STATE },
    { type: 'painted', ms: 123.5, nodes: 10, edges: 9 },
  ];
  for (const m of ok) assert.deepEqual(parseFromWebview(m), m, JSON.stringify(m));
});

test('a page that is ready but measured no usable size (hidden while it loaded) is still ready, its size left out', () => {
  for (const page of [{ width: 0, height: 800 }, { width: 640.5, height: 800 }, { width: 640, height: 800, x: 1 }, 'big']) {
    assert.deepEqual(parseFromWebview({ type: 'ready', page }), { type: 'ready' }, JSON.stringify(page));
  }
});

test('anything else is refused: unknown types, extra keys, wrong types, out-of-range numbers, oversized or disguised images', () => {
  const bad: unknown[] = [
    null, 'ready', [], { type: 'eval', code: '1' }, { type: 'ready', extra: 1 },
    { type: 'query', seq: -1, params: {} }, { type: 'query', seq: 1, params: { hops: 99 } },
    { type: 'query', seq: 1, params: { hops: 1.5 } }, { type: 'query', seq: 1, params: { limit: 0 } },
    { type: 'query', seq: 1, params: { filter: { relation: ['owns'] } } },
    { type: 'query', seq: 1, params: { filter: { status: 'refuted' } } },
    { type: 'query', seq: 1, params: { expand: Array(LIMITS.list + 1).fill('x') } },
    { type: 'query', seq: 1, params: { focus: { uri: 'file:///a', position: { line: -1, character: 0 } } } },
    { type: 'query', seq: 1, params: { focus: { node: 'x', uri: 'file:///a' } } },
    { type: 'query', seq: 1, params: { __proto__: { polluted: true }, script: 'x' } },
    { type: 'reveal', node: '' }, { type: 'reveal', node: 'x'.repeat(LIMITS.id + 1) }, { type: 'reveal', node: 42 },
    { type: 'saveImage', format: 'png', data: 'data:text/html;base64,PHNjcmlwdD4=' },
    { type: 'saveImage', format: 'png', data: 'data:image/png;base64,<script>' },
    { type: 'saveImage', format: 'svg', data: '<html><svg></svg></html>' },
    { type: 'saveImage', format: 'gif', data: 'GIF89a' },
    { type: 'saveImage', format: 'svg', data: `<svg>${' '.repeat(LIMITS.image)}</svg>` },
    { type: 'exportGraph', format: 'qdpx', filter: {} }, { type: 'exportGraph', format: 'mermaid' },
    { type: 'state', state: { ...DEFAULT_VIEW_STATE, layout: 'circle' } },
    { type: 'painted', ms: Infinity, nodes: 1, edges: 1 },
  ];
  for (const m of bad) assert.equal(parseFromWebview(m), undefined, JSON.stringify(m)?.slice(0, 120));
});
