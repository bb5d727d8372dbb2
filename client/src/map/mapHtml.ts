// The claim map webview's page: a strict Content-Security-Policy (nothing is
// allowed by default; scripts and the style sheet come from the extension's
// bundle, scripts only with this page's nonce: the page names one small
// script, which brings the others once the page is shown; images only as
// the map's own data URLs, for the PNG export), no inline script or handler,
// no network. The graph's first picture is markup and style rules under the
// nonce, never script. No vscode import: the unit tests read the page it builds.
import { firstPictureStyle } from './firstPicture';

export interface MapPageParts {
  /** The webview's `cspSource`: the origin its local resources are served from. */
  cspSource: string;
  /** A fresh random value per page. */
  nonce: string;
  /** The page's first script (boot.ts), which brings the style sheet and the map's script once the page is shown. */
  bootUri: string;
  scriptUri: string;
  styleUri: string;
  /** ELK's script, which the page loads itself (with the nonce) once its first map is drawn. */
  elkUri: string;
  /** The graph's first picture (firstPicture.ts), when the server answered before the page was made. */
  picture?: string;
}

export function contentSecurityPolicy(p: Pick<MapPageParts, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${p.nonce}'`,
    // The style sheet from the bundle; the nonce admits the one rule Cytoscape.js adds to <head> itself.
    `style-src ${p.cspSource} 'nonce-${p.nonce}'`,
    `img-src ${p.cspSource} data:`,
    `font-src ${p.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The page's frame, styled in the page: it shows (with the first picture) before the map's style sheet is loaded. */
const PAGE_STYLE = `html, body { height: 100%; margin: 0; padding: 0; }
body {
  color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); overflow: hidden;
}
#app { display: flex; flex-direction: column; height: 100vh; }
.loading { padding: 16px; color: var(--vscode-descriptionForeground); }
.picture-frame { position: relative; flex: 1; }`;

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function mapHtml(p: MapPageParts): string {
  const nonce = escapeAttr(p.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(p))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Claim Map</title>
<style nonce="${nonce}" id="__________cytoscape_stylesheet">.__________cytoscape_container { position: relative; }</style>
<style nonce="${nonce}">
${PAGE_STYLE}
${p.picture ? firstPictureStyle() : ''}
</style>
</head>
<body>
<div id="app" data-state="loading" data-script="${escapeAttr(p.scriptUri)}" data-style="${escapeAttr(p.styleUri)}" data-elk="${escapeAttr(p.elkUri)}">${p.picture
  ? `<div class="picture-frame">${p.picture}</div>`
  : '<p class="loading">Drawing the claim map…</p>'}</div>
<script nonce="${nonce}" src="${escapeAttr(p.bootUri)}"></script>
</body>
</html>
`;
}

/** A nonce: 24 characters (144 bits) from a cryptographic source. */
export function makeNonce(random: (bytes: number) => Uint8Array): string {
  return Array.from(random(24), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63]).join('');
}
