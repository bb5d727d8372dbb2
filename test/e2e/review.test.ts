// In a real VS Code: the article of test/fixtures/stealth-edit was saved again
// after a stealth edit. "Claimlens: Review Changed Sources" opens the review
// — each quote then and now, the words that differ, a button above each
// decision — and "Accept the new passage" on the changed figure rewrites the
// quote in the note, saves it, and takes the quote off the review.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { screenshotOnFailure, sessionFor } from './session';
import { activeEditor, runCommand, screenshot } from './workbench';

const FIXTURE = join(__dirname, '../fixtures/stealth-edit');

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'review.md' && name !== '.gitattributes') out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const session = sessionFor('e2e-review', { files: filesUnder(FIXTURE) });

test('Review Changed Sources shows each quote then and now, and accepting the new figure rewrites the quote', { timeout: 180_000 }, async () => {
  const { page, workspace } = session();
  await screenshotOnFailure(page, 'review-failure.png', async () => {
    // The server has read the folder: the status bar counts its claims.
    await page.locator('#claimlens\\.claimlens\\.claimlens\\.status', { hasText: '6 claims' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'Claimlens: Review Changed Sources');
    const report = page.locator('.editor-group-container.active .monaco-editor[data-uri^="claimlens-review:"]');
    await report.waitFor();
    await report.locator('.view-lines', { hasText: '6 quotes await a decision' }).waitFor();
    const accept = report.locator('.codelens-decoration a', { hasText: 'Accept the new passage · ^repair-cost' });
    await accept.waitFor();
    assert.equal(await report.locator('.codelens-decoration a', { hasText: 'Keep the old wording' }).count() >= 2, true);
    // The figure's item in view: the report opens at its top, the edited figure is its second quote.
    await report.locator('.view-lines', { hasText: 'the repairs would cost £4.2 million' }).waitFor();
    // Drawn once Markdown is coloured: the bold of the passages.
    await report.locator('.view-lines .mtkb').first().waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, 'review-changed-sources.png');

    await accept.click();
    // Said once the note is rewritten and saved and the record written.
    await page.locator('.part.statusbar', { hasText: 'Accepted the new passage' }).waitFor({ timeout: 30_000 });
    await report.locator('.view-lines', { hasText: '5 quotes await a decision' }).waitFor({ timeout: 30_000 });
    // Its buttons are gone with it; the next quote's are there.
    await accept.waitFor({ state: 'detached' });
    await report.locator('.codelens-decoration a', { hasText: 'Accept the new passage · ^engineer-warning' }).waitFor();
    assert.match(readFileSync(join(workspace, 'notes/harbour-bridge.md'), 'utf8'), /\n {2}- quote:: "the repairs would cost £4\.8 million"\n/);
    const record = JSON.parse(readFileSync(join(workspace, '.claimlens/anchors.json'), 'utf8'));
    assert.equal(record.quotes['notes/harbour-bridge.md#^repair-cost/1'].exact, 'the repairs would cost £4.8 million');
    assert.equal(await activeEditor(page).getAttribute('data-uri').then((u) => u?.startsWith('claimlens-review:')), true, 'the review stays in front');
  });
  await screenshot(page, 'review-accepted.png');
});
