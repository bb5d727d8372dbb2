// In a real VS Code: "Claimlens: Export Claims…" asks for a format and a
// file, the server writes it and the result offers "Open"; exporting to the
// same file again asks before replacing it, and "Cancel" keeps the file. The
// session serves a copy of samples/, since the export writes into it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshotOnFailure, sessionFor } from './session';
import { activeEditor, openFile, screenshot } from './workbench';

const session = sessionFor('e2e-export', { copySamples: true });

const input = (page: Page) => page.locator('.quick-input-widget .quick-input-box input');

/** Runs the command, picks `format`, and accepts the file the save dialog proposes. */
async function exportAs(page: Page, format: string): Promise<void> {
  // Not runCommand(): the palette is followed at once by the format picker, so it never closes in between.
  await page.keyboard.press('Control+Shift+P');
  await input(page).waitFor({ state: 'visible' });
  await page.keyboard.type('Claimlens: Export Claims');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Claimlens: Export Claims…' }).first().click();
  await page.locator('.quick-input-box input[placeholder="Export format"]').waitFor();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: format }).first().click();
  // The save dialog (a quick input in the browser) proposes claims.<ext> in the workspace folder.
  await page.locator('.quick-input-widget').filter({ hasText: 'Export claims as' }).waitFor();
  await page.keyboard.press('Enter');
}

function toast(page: Page, text: string) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

test('Export Claims writes the chosen format, and "Open" opens the file', { timeout: 120_000 }, async () => {
  const { page } = session();
  const file = join(session().workspace, 'claims.csv');
  await screenshotOnFailure(page, 'export-failure.png', async () => {
    // As an analyst would: a note open, and the server done reading the notes (the status bar then counts the note's 18 claims).
    await openFile(page, 'notes/openai-consumer-shift.md');
    await page.locator('.part.statusbar', { hasText: '18 claims' }).waitFor({ timeout: 60_000 });
    await exportAs(page, 'CSV');
    const done = toast(page, 'Exported 21 claims (24 of 24 quotes anchored) to claims.csv.');
    await done.waitFor({ timeout: 60_000 });
    assert.ok(existsSync(file));
    assert.match(readFileSync(file, 'utf8'), /^id,note,text,status,kind,by,entities,quote,anchor,source_title,/);
    // The progress notification closes once the server has answered.
    await toast(page, 'exporting claims').waitFor({ state: 'hidden', timeout: 30_000 });
    await screenshot(page, 'export-done.png');
    await done.locator('.monaco-button', { hasText: 'Open' }).click();
    await activeEditor(page).and(page.locator('[data-uri$="/claims.csv"]')).waitFor();
  });
});

test('exporting to an existing file asks first; Cancel keeps the file as it was', { timeout: 120_000 }, async () => {
  const { page } = session();
  const file = join(session().workspace, 'claims.csv');
  const before = statSync(file).mtimeMs;
  await screenshotOnFailure(page, 'export-replace-failure.png', async () => {
    await exportAs(page, 'CSV');
    // The browser's save dialog asks first (a desktop one may not); OK there, then the export's own question.
    await page.locator('.quick-input-widget', { hasText: 'claims.csv already exists' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'claims.csv already exists. Replace it?' });
    await dialog.waitFor({ timeout: 30_000 });
    await screenshot(page, 'export-replace.png');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(statSync(file).mtimeMs, before);
  });
});
