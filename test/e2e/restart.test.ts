// In a real VS Code: when the language server is killed, the client starts it
// again, says so, and hover works again.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { positionOf, screenshotOnFailure, sessionFor } from './session';
import { hoverUntil, openFile, screenshot } from './workbench';

const NOTE = 'notes/openai-consumer-shift.md';
const PROFILE = 'e2e-restart';
const session = sessionFor(PROFILE);

test('a killed language server is started again, the analyst is told, and hover answers again', { timeout: 180_000 }, async () => {
  const { page } = session();
  await screenshotOnFailure(page, 'restart-failure.png', async () => {
    await openFile(page, NOTE);
    const at = positionOf(NOTE, '[[Sam Altman]]', 2);
    await hoverUntil(page, at, ['Sam Altman', 'person']);
    await page.keyboard.press('Escape');
    // This profile's server only: its path runs through the profile's extensions folder.
    const killed = spawnSync('pkill', ['-KILL', '-f', `profiles/${PROFILE}[^ ]*/.*dist/server\\.js`]);
    assert.equal(killed.status, 0, 'a server process was found and killed');
    await page.locator('.notifications-toasts', { hasText: 'Claimlens restarted its language server (1 of 4 in 3 minutes).' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'restart-notice.png');
    const hover = await hoverUntil(page, at, ['Sam Altman', 'person']);
    assert.match(await hover.innerText(), /10\s+claims in\s+1\s+note/);
  });
});
