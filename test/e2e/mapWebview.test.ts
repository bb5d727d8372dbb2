// The claim map's webview in Chromium, under the page's own Content-Security-
// Policy, with a stand-in for the extension (mapPage.ts): it draws a graph
// without one CSP violation or script error, lists its nodes and links in the
// text view, asks for the graph again as filters and hops change, reveals a
// node on click and from the keyboard, says when the map is capped, shows an
// empty state, exports a PNG and an SVG, and follows the theme. Screenshots
// of the light and dark themes go to test-results/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openMapPage, until, type MapPage } from './mapPage';
import { RESULTS_DIR } from './workbench';
import { COST_BG, PIVOT, sampleGraph } from '../fixtures/map/sampleGraph';
import type { ClaimMapResult } from '../../shared/protocol';

let map: MapPage;
const VIEW = { filter: {}, hops: 2, groupByNote: false, layout: 'layered', textView: false };

before(async () => {
  map = await openMapPage('light');
}, { timeout: 60_000 });
after(async () => { await map?.close(); });

/** The newest query the page sent, after `count` earlier ones. */
async function nextQuery(count: number): Promise<{ seq: number; params: Record<string, unknown> }> {
  await until(map.page, `window.__sent.filter((m) => m.type === 'query').length > ${count}`);
  const queries = await map.sentOf('query');
  return queries[queries.length - 1] as unknown as { seq: number; params: Record<string, unknown> };
}

/** Answers the newest query with `result` and waits until it is drawn. */
async function answer(result: ClaimMapResult, count: number): Promise<Record<string, unknown>> {
  const q = await nextQuery(count);
  await map.page.evaluate(`document.getElementById('app').dataset.state = 'waiting'`);
  await map.post({ type: 'graph', seq: q.seq, result });
  await map.page.waitForSelector('#app[data-state="drawn"]');
  return q.params;
}

const queries = async () => (await map.sentOf('query')).length;

test('the page has a strict policy: nothing by default, the script only by nonce, no inline or eval', async () => {
  const policy = (await map.policy()) ?? '';
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.match(directives.get('script-src')!.join(' '), /^'nonce-[\w-]{20,}'$/, 'scripts: only the nonce, no host, no unsafe-*');
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes('unsafe-eval'), policy);
  assert.ok(!directives.has('connect-src'), 'no network access');
  assert.equal((await map.sentOf('ready')).length, 1, 'the page says it is ready once');
});

test('draws the graph it is given, with no CSP violation or script error, and reports its first paint', async () => {
  await map.post({ type: 'show', state: VIEW, startedAt: Date.now() });
  const params = await answer(sampleGraph, 0);
  assert.equal(params.hops, 2);
  await map.page.waitForSelector('#app[data-paint-ms]');
  const painted = await map.sentOf('painted');
  assert.equal(painted.length, 1);
  assert.deepEqual({ nodes: painted[0].nodes, edges: painted[0].edges }, { nodes: 10, edges: 9 }, 'notes are not drawn unless grouped');
  console.log(`first paint of the sample graph: ${painted[0].ms} ms after "show"`);
  assert.match(await map.page.locator('#summary').innerText(), /Whole workspace · 7 claims · 3 entities · 9 links/);
  // The layered layout's engine comes after the first paint, as a script of its own under the page's nonce.
  await until(map.page, `typeof window.ELK === 'function'`);
  assert.deepEqual(await map.problems(), []);
  mkdirSync(RESULTS_DIR, { recursive: true });
  await map.page.screenshot({ path: join(RESULTS_DIR, 'map-webview-light.png') });
});

test('a page made with the graph shows its first picture at once; the map takes its place once drawn', async () => {
  // The map's script held back, as it is while a large script loads: the picture is what the analyst sees meanwhile.
  const early = await openMapPage('light', { picture: sampleGraph, scriptDelayMs: 1500 });
  try {
    const picture = early.page.locator('svg.first-picture');
    await picture.waitFor();
    assert.equal(await early.page.locator('#app[data-state="loading"]').count(), 1, 'the map\'s script has not started yet');
    assert.equal(await picture.locator('rect, ellipse').count(), 10, 'every claim and entity, as the map draws them');
    assert.equal(await picture.locator('line').count(), 9, 'every link');
    assert.match(await picture.locator('text').allTextContents().then((t) => t.join(' ')), /DeepSeek/);
    await early.page.screenshot({ path: join(RESULTS_DIR, 'map-first-picture.png') });
    await until(early.page, `window.__sent.some((m) => m.type === 'ready')`);
    await early.post({ type: 'show', state: VIEW, startedAt: Date.now(), result: sampleGraph });
    await early.page.waitForSelector('#app[data-paint-ms]');
    assert.equal(await picture.count(), 0, 'the drawn map replaces the picture');
    const [painted] = await early.sentOf('painted');
    assert.equal(typeof painted.picture, 'number', 'the page says when its first picture was shown');
    assert.ok((painted.picture as number) <= (painted.ms as number), `the picture (${painted.picture} ms) came before the map (${painted.ms} ms)`);
    assert.deepEqual(await early.problems(), []);
  } finally {
    await early.close();
  }
});

test('the text view lists every node and link, and its entries reveal', async () => {
  await map.page.click('#text-toggle');
  assert.equal(await map.page.getAttribute('#text-toggle', 'aria-pressed'), 'true');
  const nodes = await map.page.locator('#text-view ul.nodes li').allInnerTexts();
  assert.equal(nodes.length, 10);
  assert.ok(nodes.includes('Claim ^deepseek-owner (refuted): DeepSeek is an Anthropic model.'), nodes.join('\n'));
  assert.ok(nodes.includes('Entity (person): Sam Altman'));
  const links = await map.page.locator('#text-view ul.edges li').allInnerTexts();
  assert.ok(links.includes('“DeepSeek is an Anthropic model.” contradicts “DeepSeek trained a frontier-class model for a small…”'), links.join('\n'));
  await map.page.locator('#text-view button', { hasText: 'Sam Altman' }).click();
  const reveals = await map.sentOf('reveal');
  assert.deepEqual(reveals[reveals.length - 1], { type: 'reveal', node: 'entity:sam-altman' });
  const state = await map.sentOf('state');
  assert.equal((state[state.length - 1].state as { textView: boolean }).textView, true, 'the choice is remembered');
  await map.page.click('#text-toggle');
  assert.ok(await map.page.locator('#text-view').isHidden());
});

test('a click on a claim reveals it; the keyboard reaches every node and reveals too', async () => {
  const box = await map.page.locator('#graph').boundingBox();
  const at: { x: number; y: number } = await map.page.evaluate(`(() => {
    const cy = window.claimMap.cy;
    return cy.getElementById(${JSON.stringify(PIVOT)}).renderedPosition();
  })()`);
  await map.page.mouse.click(box!.x + at.x, box!.y + at.y);
  await until(map.page, `window.__sent.some((m) => m.type === 'reveal' && m.node === ${JSON.stringify(PIVOT)})`);
  await map.page.focus('#graph');
  const before = (await map.sentOf('reveal')).length;
  await map.page.keyboard.press('Home');
  const selected = await map.page.locator('#summary').innerText();
  assert.match(selected, /^(Claim|Entity)/, 'the selected node is read out');
  await map.page.keyboard.press('Enter');
  await until(map.page, `window.__sent.filter((m) => m.type === 'reveal').length > ${before}`);
  await map.page.locator('#card').waitFor({ state: 'visible' });
  assert.match(await map.page.locator('#card').innerText(), /Click: open/, 'the selected node shows its card');
});

test('filters and hops ask again with the new view, and are remembered', async () => {
  const n = await queries();
  await map.page.click('#filters summary');
  await map.page.locator('input[data-filter="status"][value="refuted"]').uncheck();
  const params = await answer({ ...sampleGraph, nodes: sampleGraph.nodes.filter((x) => x.status !== 'refuted'), edges: sampleGraph.edges.filter((e) => !e.source.includes('deepseek-owner')) }, n);
  assert.deepEqual((params.filter as { status: string[] }).status, ['unverified', 'supported', 'plausible', 'disputed', 'misleading']);
  const state = await map.sentOf('state');
  assert.deepEqual((state[state.length - 1].state as { filter: unknown }).filter, params.filter);
  assert.match(await map.page.locator('#summary').innerText(), /6 claims/);
  await map.page.locator('input[data-filter="relation"][value="mentions"]').uncheck();
  const params2 = await answer(sampleGraph, n + 1);
  assert.ok(!(params2.filter as { relation: string[] }).relation.includes('mentions'));
  await map.page.locator('button[data-action="clear-filter"]').first().click();
  const params3 = await answer(sampleGraph, n + 2);
  assert.deepEqual(params3.filter, {});
  await map.page.click('#filters summary');
  await map.page.selectOption('#hops', '3');
  const params4 = await answer(sampleGraph, n + 3);
  assert.equal(params4.hops, 3);
});

test('double-click expands a node; an edit refresh keeps zoom and position', async () => {
  const n = await queries();
  const box = await map.page.locator('#graph').boundingBox();
  const at: { x: number; y: number } = await map.page.evaluate(`window.claimMap.cy.getElementById(${JSON.stringify(COST_BG)}).renderedPosition()`);
  await map.page.mouse.dblclick(box!.x + at.x, box!.y + at.y);
  const params = await nextQuery(n);
  assert.deepEqual(params.params.expand, [COST_BG]);
  const viewport = `(() => { const cy = window.claimMap.cy; return { zoom: cy.zoom(), pan: cy.pan(), at: cy.getElementById(${JSON.stringify(PIVOT)}).position() }; })()`;
  await map.page.evaluate(`void window.claimMap.cy.zoom(0.8)`);
  const before = await map.page.evaluate(viewport);
  await map.post({ type: 'refresh' });
  const extra = { ...sampleGraph, nodes: [...sampleGraph.nodes, { id: 'entity:anthropic', type: 'entity' as const, label: 'Anthropic', uri: 'file:///w/entities.yaml', line: 20 }] };
  await answer({ ...extra, edges: [...extra.edges, { id: 'x', source: COST_BG, target: 'entity:anthropic', relation: 'mentions' as const }] }, n + 1);
  assert.deepEqual(await map.page.evaluate(viewport), before, 'same zoom, pan and positions after the refresh');
});

test('a capped map says so; an empty one says why and offers to clear the filter', async () => {
  const n = await queries();
  await map.page.click('#whole');
  await answer({ ...sampleGraph, total: 5310, shown: 2000 }, n);
  assert.equal(await map.page.locator('#banner').innerText(), 'Showing 2,000 of 5,310: narrow the filter to see the rest.');
  await map.page.click('#filters summary');
  await map.page.screenshot({ path: join(RESULTS_DIR, 'map-webview-filters.png') });
  await map.page.locator('input[data-filter="status"][value="supported"]').uncheck();
  await answer({ ...sampleGraph, nodes: [], edges: [], total: 0, shown: 0 }, n + 1);
  assert.ok(await map.page.locator('#banner').isHidden());
  assert.match(await map.page.locator('#empty').innerText(), /No claim passes the filter\.\s+Clear the filter/);
  await map.page.locator('#empty button[data-action="clear-filter"]').click();
  const params = await answer(sampleGraph, n + 2);
  assert.deepEqual(params.filter, {});
});

test('exports a PNG and an SVG of the view, and asks the extension for GraphML and Mermaid', async () => {
  await map.page.click('#export summary');
  await map.page.click('button[data-export="png"]');
  await map.page.click('#export summary');
  await map.page.click('button[data-export="svg"]');
  await map.page.click('#export summary');
  await map.page.click('button[data-export="mermaid"]');
  const images = await map.sentOf('saveImage');
  assert.equal(images.length, 2);
  assert.equal(images[0].format, 'png');
  const png = Buffer.from(String(images[0].data).replace('data:image/png;base64,', ''), 'base64');
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.ok(png.length > 5000, `a real picture, ${png.length} bytes`);
  assert.equal(images[1].format, 'svg');
  const svg = String(images[1].data);
  assert.match(svg, /^<svg[\s>]/);
  assert.ok(svg.includes('Anthropic'), 'the SVG has the labels as text');
  assert.deepEqual((await map.sentOf('exportGraph')).at(-1), { type: 'exportGraph', format: 'mermaid', filter: {} });
});

test('follows the theme: the dark theme redraws in its colours', async () => {
  const colourOf = `window.claimMap.cy.getElementById(${JSON.stringify(PIVOT)}).style('border-color')`;
  const light = await map.page.evaluate(colourOf);
  await map.setTheme('dark');
  await until(map.page, `${colourOf} !== ${JSON.stringify(light)}`);
  assert.equal(await map.page.evaluate(colourOf), 'rgb(137,209,133)', "Supported is the dark theme's green");
  const background = await map.page.evaluate(`getComputedStyle(document.body).backgroundColor`);
  assert.equal(background, 'rgb(30, 30, 30)');
  await map.page.screenshot({ path: join(RESULTS_DIR, 'map-webview-dark.png') });
  assert.deepEqual(await map.problems(), []);
});

test('the key explains every shape and line', async () => {
  await map.page.click('#key summary');
  const text = await map.page.locator('#key .menu-body').innerText();
  for (const words of ['claim: prediction', 'entity', 'supports', 'contradicts', 'refines', 'same claim as', 'said by', 'mentions']) {
    assert.ok(text.includes(words), `${words} in\n${text}`);
  }
  assert.equal(await map.page.locator('details.menu[open]').count(), 1, 'one menu open at a time');
  await map.page.screenshot({ path: join(RESULTS_DIR, 'map-webview-key-dark.png') });
  await map.page.keyboard.press('Escape');
  assert.equal(await map.page.locator('details.menu[open]').count(), 0, 'Escape closes it');
});
