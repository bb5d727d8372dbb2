// The claim map webview's page: a strict Content-Security-Policy (nothing is
// allowed by default; the one script and the one style sheet come from the
// extension's bundle, the script only with this page's nonce; images only as
// the map's own data URLs, for the PNG export), no inline script or handler,
// no network. No vscode import: the unit tests read the page it builds.

export interface MapPageParts {
  /** The webview's `cspSource`: the origin its local resources are served from. */
  cspSource: string;
  /** A fresh random value per page. */
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** ELK's script, which the page loads itself (with the nonce) once its first map is drawn. */
  elkUri: string;
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
<link rel="stylesheet" href="${escapeAttr(p.styleUri)}">
<style nonce="${nonce}" id="__________cytoscape_stylesheet">.__________cytoscape_container { position: relative; }</style>
</head>
<body>
<div id="app" data-state="loading" data-elk="${escapeAttr(p.elkUri)}"><p class="loading">Drawing the claim map…</p></div>
<script nonce="${nonce}" src="${escapeAttr(p.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce: 24 characters (144 bits) from a cryptographic source. */
export function makeNonce(random: (bytes: number) => Uint8Array): string {
  return Array.from(random(24), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[b & 63]).join('');
}
