// The claim map's webview page, served as VS Code serves it (the same HTML,
// the same Content-Security-Policy, the built bundle from dist/webview) to
// Chromium, with a stand-in for the extension: it records what the page
// sends and answers with a given graph. The theme is a few of VS Code's
// colour variables for a light or a dark theme.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { firstPicture } from '../../client/src/map/firstPicture';
import { mapHtml } from '../../client/src/map/mapHtml';
import { DEFAULT_VIEW_STATE } from '../../client/src/map/mapMessages';
import type { ClaimMapResult } from '../../shared/protocol';
import { CHROMIUM_ARGS } from './workbench';

const BUNDLE = join(__dirname, '../../dist/webview');

/** VS Code's colour variables the map reads, as the Light+ and Dark+ themes set them: [light, dark]. */
const COLOURS: Record<string, readonly [light: string, dark: string]> = {
  foreground: ['#616161', '#cccccc'],
  'editor-background': ['#ffffff', '#1e1e1e'],
  'editor-foreground': ['#000000', '#d4d4d4'],
  descriptionForeground: ['#717171', '#ccccccb3'],
  focusBorder: ['#0090f1', '#007fd4'],
  'charts-green': ['#388a34', '#89d185'],
  'charts-blue': ['#1a85ff', '#3794ff'],
  'charts-yellow': ['#bf8803', '#cca700'],
  'charts-orange': ['#d18616', '#d18616'],
  'charts-red': ['#e51400', '#f14c4c'],
  'charts-purple': ['#652d90', '#b180d7'],
  disabledForeground: ['#61616180', '#cccccc80'],
  'button-secondaryBackground': ['#e5e5e5', '#3a3d41'],
  'button-secondaryForeground': ['#000000', '#ffffff'],
  'button-background': ['#007acc', '#0e639c'],
  'button-foreground': ['#ffffff', '#ffffff'],
  'input-background': ['#ffffff', '#3c3c3c'],
  'input-foreground': ['#616161', '#cccccc'],
  'input-border': ['#cecece', '#3c3c3c'],
  'editorHoverWidget-background': ['#f3f3f3', '#252526'],
  'editorHoverWidget-foreground': ['#616161', '#cccccc'],
  'editorHoverWidget-border': ['#c8c8c8', '#454545'],
  'panel-border': ['#80808059', '#80808059'],
  'menu-background': ['#ffffff', '#303031'],
  'menu-foreground': ['#616161', '#cccccc'],
  'dropdown-background': ['#ffffff', '#3c3c3c'],
  'dropdown-foreground': ['#616161', '#f0f0f0'],
  'dropdown-border': ['#cecece', '#3c3c3c'],
  'inputValidation-warningBackground': ['#f6f5d2', '#352a05'],
  'editorWarning-foreground': ['#bf8803', '#cca700'],
  'textLink-foreground': ['#006ab1', '#3794ff'],
};

const themeOf = (kind: 'vscode-light' | 'vscode-dark', column: 0 | 1) =>
  ({ class: kind, vars: Object.fromEntries(Object.entries(COLOURS).map(([k, v]) => [k, v[column]])) });

export const THEMES = { light: themeOf('vscode-light', 0), dark: themeOf('vscode-dark', 1) };

export type ThemeName = keyof typeof THEMES;

/**
 * Waits until `expression` is true in a page or frame. The map's page allows
 * no eval, which Playwright's own waitForFunction needs to poll, so it is
 * polled from outside.
 */
export async function until(target: { evaluate(expression: string): Promise<unknown> }, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await target.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface MapPage {
  page: Page;
  /** The page's CSP, as served. */
  policy(): Promise<string | null>;
  /** Messages the page sent to the extension, in order. */
  sent(): Promise<Array<Record<string, unknown>>>;
  /** Messages of one type. */
  sentOf(type: string): Promise<Array<Record<string, unknown>>>;
  /** Sends a message to the page, as the extension does. */
  post(message: unknown): Promise<void>;
  /** CSP violations and script errors the page reported. */
  problems(): Promise<string[]>;
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

const NONCE = 'testnonce0123456789abcdefABCDEF_-';

/** How the page is served: with the extension's first picture of a graph, and the map's script held back a while. */
export interface PageOptions { picture?: ClaimMapResult; scriptDelayMs?: number }

export async function openMapPage(theme: ThemeName = 'light', options: PageOptions = {}): Promise<MapPage> {
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0];
    if (name === '/map.html') {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const picture = options.picture ? firstPicture(options.picture, DEFAULT_VIEW_STATE) : undefined;
      const html = mapHtml({
        cspSource: origin, nonce: NONCE, bootUri: `${origin}/boot.js`, scriptUri: `${origin}/map.js`, styleUri: `${origin}/map-style.css`, elkUri: `${origin}/elk.js`,
        ...(picture ? { picture } : {}),
      });
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else if (['/boot.js', '/map.js', '/map-style.css', '/elk.js'].includes(name)) {
      const send = () => res.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(join(BUNDLE, name)));
      if (name === '/map.js' && options.scriptDelayMs) setTimeout(send, options.scriptDelayMs);
      else send();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  // Before the page's own script: the stand-in for VS Code's webview API, a record of problems, and the theme.
  await page.addInitScript(`
    window.__sent = []; window.__problems = [];
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))) });
    document.addEventListener('securitypolicyviolation', (e) => window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
    window.addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
  `);
  const port = (server.address() as AddressInfo).port;
  const mapPage: MapPage = {
    page,
    policy: () => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
    sent: () => page.evaluate('window.__sent') as Promise<Array<Record<string, unknown>>>,
    sentOf: async (type) => (await mapPage.sent()).filter((m) => m.type === type),
    post: async (message) => { await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`); },
    problems: () => page.evaluate('window.__problems') as Promise<string[]>,
    setTheme: async (name) => {
      const t = THEMES[name];
      const vars: Record<string, string> = { 'font-family': 'system-ui, sans-serif', 'font-size': '13px', ...t.vars };
      // As VS Code does: the theme's kind as a class on <body>, its colours as CSS variables set through the style object.
      await page.evaluate(`(() => {
        const vars = ${JSON.stringify(vars)};
        for (const [k, v] of Object.entries(vars)) document.body.style.setProperty('--vscode-' + k, v);
        document.body.className = ${JSON.stringify(t.class)};
      })()`);
    },
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  await page.goto(`http://127.0.0.1:${port}/map.html`);
  await mapPage.setTheme(theme);
  // The map's script comes after the page has loaded (boot.ts): a page whose script is not held back is ready once it has said so.
  if (!options.scriptDelayMs) await until(page, `window.__sent.some((m) => m.type === 'ready')`);
  return mapPage;
}

/**
 * The map's page inside VS Code: a webview is an iframe with its content in a
 * second one. Resolves once `ready` (a selector on the page) holds.
 */
export async function mapFrame(page: Page, ready = '#app[data-state="drawn"][data-layout="final"]', timeoutMs = 60_000): Promise<Frame> {
  const outer = page.locator('iframe.webview.ready').first();
  await outer.waitFor({ timeout: 60_000 });
  const inner = (await (await outer.elementHandle())!.contentFrame())!.locator('iframe#active-frame');
  await inner.waitFor({ timeout: 30_000 });
  const frame = (await (await inner.elementHandle())!.contentFrame())!;
  await frame.locator(ready).waitFor({ timeout: timeoutMs });
  return frame;
}
