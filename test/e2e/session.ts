// One editor session for an e2e test file: the extension built, packaged and
// installed into a fresh profile, code-server serving samples/, and Chromium
// showing the workbench. Plus small helpers the tests share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, screenshot, type Position, type Workbench } from './workbench';

export const SAMPLES = join(__dirname, '../../samples');

export interface Session extends Workbench {
  /** The address code-server answers on. */
  url: string;
  close(): Promise<void>;
}

/** Starts everything; `profileName` names the profile folder (under .cache/profiles/). */
export async function startSession(profileName: string): Promise<Session> {
  // The launch helpers are ES modules shared with `npm start`; this project's
  // TypeScript compiles to CommonJS, which reaches them through import().
  const { launchEditor } = await import('../../scripts/vscode.mjs');
  const editor = await launchEditor({ workspace: SAMPLES, profileName });
  try {
    const workbench = await openWorkbench(editor.url);
    return {
      ...workbench,
      url: editor.url,
      async close() {
        await workbench.browser.close();
        await editor.stop();
      },
    };
  } catch (error) {
    console.error(`code-server log: ${editor.logFile}`);
    await editor.stop();
    throw error;
  }
}

/** Where `text` first appears in a samples/ file (1-based), plus `offset` characters into it. */
export function positionOf(relativePath: string, text: string, offset = 0): Position {
  const lines = readFileSync(join(SAMPLES, relativePath), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in samples/${relativePath}`);
  return { line: index + 1, column: lines[index].indexOf(text) + offset + 1 };
}

/** Runs `body`; if it throws, saves test-results/`name` first, so a failure can be seen. */
export async function screenshotOnFailure<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await screenshot(page, name).catch(() => undefined);
    throw error;
  }
}
