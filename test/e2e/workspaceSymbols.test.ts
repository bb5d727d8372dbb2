// In a real VS Code: Go to Symbol in Workspace (Ctrl+T, or # in Quick Open)
// finds claims by the words of their text and entities by name, a long claim
// named by the beginning of its text, and choosing one opens its note there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { sessionFor, step } from './session';
import { openFile } from './workbench';

const LONG = 'Cloud providers will commoditise foundation models within two years, as open weights close the gap '
  + 'and the price of a million tokens falls by an order of magnitude, while the large labs move up the stack into '
  + 'assistants, agents, devices and enterprise contracts that are harder to copy.';

const FILES = {
  'entities.yaml': [
    '- id: mistral',
    '  name: Mistral AI',
    '  type: organization',
    '  aliases: [Mistral]',
    '',
  ].join('\n'),
  'notes/market.md': [
    '# Market',
    '',
    'Some prose before the claims.',
    '',
    `- #claim ${LONG} ^commoditise`,
    '  - status:: disputed',
    '- #claim [[Mistral]] commits to publishing open weights for its small models. ^open-weights',
    '  - status:: supported',
    '',
  ].join('\n'),
  'notes/pricing.md': [
    '# Pricing',
    '',
    '- #claim Token prices for frontier models fell tenfold in eighteen months. ^tenfold',
    '',
  ].join('\n'),
};

const session = sessionFor('e2e-workspace-symbols', { files: FILES });

/** The rows of the open quick input once one of them contains `expect`: each row's label and description. */
async function rowsFor(page: Page, query: string, expect: string): Promise<string[]> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(`#${query}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: expect }).first().waitFor({ timeout: 60_000 });
  return rows.allInnerTexts();
}

test('# finds a claim by a word of its text, its long text cut at a word, and opens its note at the claim', { timeout: 180_000 }, async () => {
  await step(session, 'workspace-symbols-claim', async (page) => {
    // A note open starts the language server; its claim's code lens says the workspace is indexed.
    await openFile(page, 'notes/pricing.md');
    await page.locator('.codelens-decoration', { hasText: 'Unverified' }).first().waitFor({ timeout: 60_000 });
    const rows = await rowsFor(page, 'commod', 'Cloud providers');
    assert.equal(rows.length, 1, `one claim holds a word starting "commod": ${JSON.stringify(rows)}`);
    const row = rows[0]!.replace(/\s+/g, ' ');
    // The beginning of the text, cut at a word and marked so; where it is, as a wikilink would name it.
    assert.match(row, /^Cloud providers will commoditise foundation models .*\w…\s*notes\/market#\^commoditise/);
    assert.ok(!row.includes('enterprise contracts'), 'the end of a long claim is left out');
  });
  await step(session, 'workspace-symbols-opened', async (page) => {
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container.active .monaco-editor[data-uri$="/notes/market.md"]').waitFor({ timeout: 30_000 });
    // The claim's id is selected: line 5 of the note.
    await page.locator('#status\\.editor\\.selection').filter({ hasText: /Ln 5, Col \d+/ }).waitFor({ timeout: 30_000 });
  });
});

test('# finds an entity by its alias, ahead of the claims that name it', { timeout: 120_000 }, async () => {
  await step(session, 'workspace-symbols-entity', async (page) => {
    const rows = await rowsFor(page, 'mistral', 'Mistral AI');
    const flat = rows.map((r) => r.replace(/\s+/g, ' ').trim());
    assert.match(flat[0]!, /^Mistral AI\s*organization/, `the entity first: ${JSON.stringify(flat)}`);
    assert.ok(flat.some((r) => r.startsWith('Mistral commits to publishing open weights')), `the claim that names it: ${JSON.stringify(flat)}`);
  });
});
