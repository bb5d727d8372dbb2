// The Mermaid export accepted by Mermaid itself: the samples' claim map and a
// workspace of awkward labels, exported as `claimlens export --format mermaid`
// writes them, parsed and drawn by the mermaid package's own bundle in Debian's
// Chromium (headless, a blank page: no editor needed), and the SVG counted —
// every claim and entity a node, every note a group, every relation an edge —
// and its labels read back as the notes wrote them.
//   node --import tsx --test test/e2e/mermaid.test.ts
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { exportClaims } from '../../server/src/core/export/formats';
import { nodeCodec } from '../../server/src/node/codec';
import { samplesIndex } from '../unit/exportHelpers';
import { ENTITIES, indexOf } from '../unit/helpers';
import { CHROMIUM_ARGS, RESULTS_DIR } from './workbench';

const MERMAID = join(__dirname, '../../node_modules/mermaid/dist/mermaid.min.js');

let browser: Browser;
let page: Page;

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: join(__dirname, '../../.cache/chromium-config') },
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  await page.setContent('<!doctype html><html><body><div id="map"></div></body></html>');
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate("mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })");
});
after(async () => { await browser?.close(); });

interface Drawn { parsed: boolean; nodes: number; groups: number; edges: number; labels: string[]; error?: string }

// Runs in the page (a string: the project's types know no DOM): parse, render, show the SVG, count what it drew.
const DRAW = `async (source) => {
  try {
    const parsed = !!(await mermaid.parse(source));
    const { svg } = await mermaid.render('map' + Date.now(), source);
    const host = document.getElementById('map');
    host.innerHTML = svg;
    return {
      parsed,
      nodes: host.querySelectorAll('g.node').length,
      groups: host.querySelectorAll('g.cluster').length,
      edges: host.querySelectorAll('path.flowchart-link').length,
      labels: [...host.querySelectorAll('g.node .nodeLabel')].map((l) => l.textContent ?? ''),
    };
  } catch (e) {
    return { parsed: false, nodes: 0, groups: 0, edges: 0, labels: [], error: String(e) };
  }
}`;

/** Has mermaid parse and render the text in the page, and counts what it drew; keeps a screenshot when named. */
async function draw(text: string, screenshot?: string): Promise<Drawn> {
  const drawn = await page.evaluate(`(${DRAW})(${JSON.stringify(text)})`) as Drawn;
  if (screenshot) await page.locator('#map svg').screenshot({ path: join(RESULTS_DIR, screenshot) }).catch(() => undefined);
  return drawn;
}

test('mermaid parses and draws the samples\' claim map: 32 nodes in 2 note groups, 47 edges', { timeout: 60_000 }, async () => {
  const { index } = await samplesIndex();
  const text = (await exportClaims(index, new Anchoring(index), { format: 'mermaid', codec: nodeCodec })).data as string;
  const drawn = await draw(text, 'mermaid-samples.png');
  assert.equal(drawn.error, undefined);
  assert.deepEqual([drawn.parsed, drawn.nodes, drawn.groups, drawn.edges], [true, 32, 2, 47]);
  assert.ok(drawn.labels.includes('"Stay tuned" hints that OpenAI will release open models.'), 'a label with quotes reads as written');
  assert.ok(drawn.labels.includes('OpenAI did not set out to be a consumer company; ChatGPT\'s success pushed it there.'));
  assert.ok(drawn.labels.includes('OpenAI could take an affiliate fee of about 2% on purchases made through its products.'));
});

test('mermaid parses and draws labels full of its own syntax, each read back as the note wrote it', { timeout: 60_000 }, async () => {
  const awkward = [
    'He said "no" [sic] (twice) {really} #1 & #quot; <script>alert(1)</script>',
    'A --> B ==> C -.-> D | pipe ; semicolon : colon %% not a comment',
    'end',
    'style c1 fill:#f00; classDef x color:#000;',
    'Backticks `code` and a "quoted `mix`" 😀 über naïve 2025年3月28日',
    'subgraph end click c1 callback',
  ];
  const notes = awkward.map((t, i) => `- #claim${i % 2 ? '/statistic' : ''} ${t} ^a${i}\n  - by:: [[Sam Altman]]\n`).join('');
  const { index } = await indexOf({
    'entities.yaml': ENTITIES + '- id: odd\n  name: "Odd [Co] \\"Ltd\\" <x> #9"\n  type: organization\n  aliases: [OddCo]\n',
    'notes/sub"graph] end.md': notes + `- #claim/quote Names [[OddCo]] ^odd\n  - supports:: ^a0\n  - contradicts:: ^a1\n  - refines:: ^a2\n  - same-as:: ^a3\n`,
  });
  const text = (await exportClaims(index, new Anchoring(index), { format: 'mermaid', codec: nodeCodec })).data as string;
  const drawn = await draw(text, 'mermaid-awkward.png');
  assert.equal(drawn.error, undefined, text);
  assert.deepEqual([drawn.parsed, drawn.nodes, drawn.groups, drawn.edges], [true, 9, 1, 11]);
  for (const t of awkward) assert.ok(drawn.labels.includes(t), `the label "${t}" is drawn as written; drawn: ${JSON.stringify(drawn.labels)}`);
  assert.ok(drawn.labels.includes('Odd [Co] "Ltd" <x> #9'));
  assert.equal(await page.evaluate("document.querySelectorAll('#map script').length"), 0, 'a label never becomes markup');
});

test('text that is not a flowchart is refused by the same check (the test can fail)', { timeout: 60_000 }, async () => {
  const drawn = await draw('flowchart TB\n  c1["unclosed\n  c1 --> \n');
  assert.equal(drawn.parsed, false);
  assert.ok(drawn.error);
});
