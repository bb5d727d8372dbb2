// Playwright helpers that drive VS Code's workbench (as served by code-server)
// the way an analyst does: Quick Open, Go to Line, the mouse over a word, the
// command palette. Each helper waits on something the workbench shows (a
// selector, the status bar, a hover's text), never on a fixed delay.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const RESULTS_DIR = join(__dirname, '../../test-results');
// Chromium keeps crash reports under $XDG_CONFIG_HOME; not in the user's home.
const CHROMIUM_CONFIG = join(__dirname, '../../.cache/chromium-config');

export interface Workbench {
  browser: Browser;
  page: Page;
}

/** Opens `url` in Debian's Chromium and resolves once the workbench is on screen. */
export async function openWorkbench(url: string, executablePath = '/usr/bin/chromium'): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: CHROMIUM_CONFIG },
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // The clipboard is how readEditorText() gets the whole document.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The status bar is drawn once the workbench has restored its parts.
    await page.locator('.part.statusbar').waitFor();
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

/** Types into a quick input that `shortcut` opens, then picks the row whose label contains `pick`. */
async function quickPick(page: Page, shortcut: string, text: string, pick: string): Promise<void> {
  await page.keyboard.press(shortcut);
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(text);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: pick }).first();
  await row.waitFor({ timeout: 30_000 });
  // Enter takes the focused row, as a person would; a row further down is clicked.
  if ((await row.getAttribute('class'))?.split(' ').includes('focused')) await page.keyboard.press('Enter');
  else await row.click();
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The editor of the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
}

/** Opens a workspace file (path relative to the workspace) through Quick Open. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop() ?? relativePath;
  await quickPick(page, 'Control+P', relativePath, name);
  await page
    .locator(`.editor-group-container.active .monaco-editor[data-uri$="/${relativePath}"]`)
    .waitFor({ timeout: 30_000 });
}

/**
 * Saves the open file at `relativePath` with Ctrl+S, as the analyst does, and
 * waits until its tab is no longer dirty: the panel and hovers follow the
 * editor's text at once, but the file is on disk only once the save is done.
 */
export async function saveFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop() ?? relativePath;
  // The keystroke goes to the editor that has the focus; a quick input that is still closing would swallow it.
  await page.locator(`.editor-group-container.active .monaco-editor.focused[data-uri$="/${relativePath}"]`).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+S');
  await page.locator('.editor-group-container.active .tabs-container .tab.active:not(.dirty)', { hasText: name }).waitFor({ timeout: 30_000 });
}

/**
 * The text of the file at `path` once `ready` holds for it, or its last text
 * after `timeoutMs`: a save (the analyst's, or the one VS Code makes after an
 * edit that created the file) reaches the disk a moment after the editor and
 * the panel show the text.
 */
export async function fileText(path: string, ready: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (ready(text) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a command by its title through the command palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // The palette opens with '>' already typed.
  await quickPick(page, 'Control+Shift+P', title, title);
}

/** Moves the caret to a 1-based line and column with Go to Line, and waits for the status bar to agree. */
export async function moveCaret(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await page
    .locator('#status\\.editor\\.selection')
    .filter({ hasText: `Ln ${line}, Col ${column}` })
    .waitFor();
}

/** A 1-based line and column, as the status bar shows them. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Puts the mouse on the character at `at` and waits until a hover shows every
 * text in `expected`; returns that hover. The caret is moved there first:
 * Monaco then draws the line (scrolling, wrapping and all) and the caret's
 * box says where the character is. A hover asked for before the language
 * server is ready comes back without the card, so this moves away and back
 * until the card appears or `timeoutMs` runs out.
 */
export async function hoverUntil(page: Page, at: Position, expected: string[], timeoutMs = 60_000): Promise<Locator> {
  await moveCaret(page, at.line, at.column);
  const caret = await activeEditor(page).locator('.cursors-layer .cursor').first().boundingBox();
  if (!caret) throw new Error(`no caret drawn at ${at.line}:${at.column}`);
  const anyHover = page.locator('.monaco-editor .monaco-hover:visible');
  let hover = anyHover;
  for (const text of expected) hover = hover.filter({ hasText: text });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A few pixels right of the caret is inside the character after it.
    await page.mouse.move(caret.x + 4, caret.y + caret.height / 2);
    try {
      await hover.first().waitFor({ timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
      return hover.first();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await page.mouse.move(0, 0);
    await anyHover.first().waitFor({ state: 'hidden' });
  }
}

/** The whole text of the active editor, read through the clipboard; leaves the caret at the start. */
export async function readEditorText(page: Page): Promise<string> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  // A string, because this project's TypeScript has no DOM types.
  const text: string = await page.evaluate('navigator.clipboard.readText()');
  await page.keyboard.press('Control+Home');
  return text;
}

/** Switches the colour theme through its picker, as an analyst would. */
export async function colorTheme(page: Page, theme: string): Promise<void> {
  // Its own key chord: from the palette, the command would open the picker before the palette had closed.
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget .quick-input-box input').fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens `target`'s context menu and picks `item`. */
export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  const entry = page.locator('.monaco-menu .action-item', { hasText: item }).first();
  // A menu ignores a click that comes too soon after it opened (the right button's release): hovered first, and Enter if the click was dropped.
  await entry.hover();
  await entry.click();
  const menu = page.locator('.monaco-menu').first();
  await menu.waitFor({ state: 'hidden', timeout: 2_000 }).catch(async () => {
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  });
}

/** Saves a PNG of the whole window to test-results/`name`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, name);
  await page.screenshot({ path });
  return path;
}
