// One editor session for an e2e test file: the extension built, packaged and
// installed into a fresh profile, code-server serving samples/ (or a
// temporary copy of it, for tests that edit notes, or a folder of given
// files), and Chromium showing the workbench. Plus small helpers the tests
// share.
import { after, before } from 'node:test';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, screenshot, type Position, type Workbench } from './workbench';

export const SAMPLES = join(__dirname, '../../samples');

export interface Session extends Workbench {
  /** The address code-server answers on. */
  url: string;
  /** The folder the editor has open: samples/, or the copy of it. */
  workspace: string;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Serve a temporary copy of samples/, removed on close: for tests that change files. */
  copySamples?: boolean;
  /** Serve a fresh temporary folder holding only these files (path → text) instead of samples/: a first run on the analyst's own folder. */
  files?: Record<string, string>;
  /** Serve this folder as it is (not copied, not removed): a large workspace made elsewhere. */
  folder?: string;
  /** User settings on top of the quiet defaults (scripts/vscode.mjs). */
  settings?: Record<string, unknown>;
}

/**
 * The session for the tests of one file: started before them (the first run
 * on a clean machine installs the editor, a few minutes) and closed after
 * them. The tests call the returned function to reach it.
 */
export function sessionFor(profileName: string, options: SessionOptions = {}): () => Session {
  let session: Session | undefined;
  before(async () => { session = await startSession(profileName, options); }, { timeout: 10 * 60_000 });
  after(async () => { await session?.close(); });
  return () => {
    if (!session) throw new Error('the editor session did not start');
    return session;
  };
}

/** Starts everything; `profileName` names the profile folder (under .cache/profiles/). */
export async function startSession(profileName: string, options: SessionOptions = {}): Promise<Session> {
  // The launch helpers are ES modules shared with `npm start`; this project's
  // TypeScript compiles to CommonJS, which reaches them through import().
  const { launchEditor } = await import('../../scripts/vscode.mjs');
  const workspace = options.folder ?? (options.copySamples || options.files ? mkdtempSync(join(tmpdir(), 'claimlens-e2e-')) : SAMPLES);
  const removeCopy = () => { if (workspace !== SAMPLES && workspace !== options.folder) rmSync(workspace, { recursive: true, force: true }); };
  if (options.files) {
    for (const [rel, text] of Object.entries(options.files)) {
      mkdirSync(dirname(join(workspace, rel)), { recursive: true });
      writeFileSync(join(workspace, rel), text);
    }
  } else if (workspace !== SAMPLES && workspace !== options.folder) cpSync(SAMPLES, workspace, { recursive: true });
  let editor;
  try {
    editor = await launchEditor({ workspace, profileName, settings: options.settings ?? {} });
  } catch (error) {
    removeCopy();
    throw error;
  }
  try {
    const workbench = await openWorkbench(editor.url);
    return {
      ...workbench,
      url: editor.url,
      workspace,
      async close() {
        await workbench.browser.close();
        await editor.stop();
        removeCopy();
      },
    };
  } catch (error) {
    console.error(`code-server log: ${editor.logFile}`);
    await editor.stop();
    removeCopy();
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

/**
 * A test step in `session`'s page: a failure names the screenshot it saved
 * (test-results/`name`-failure.png); a pass saves `name`.png too.
 */
export async function step(session: () => Session, name: string, body: (page: Page) => Promise<void>): Promise<void> {
  const { page } = session();
  try {
    await screenshotOnFailure(page, `${name}-failure.png`, () => body(page));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n(screenshot: test-results/${name}-failure.png)`, { cause: error });
  }
  await screenshot(page, `${name}.png`);
}
