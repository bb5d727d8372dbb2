// One build for the client, the server and the command line: esbuild bundles
// each entry point into dist/, with `vscode` left external (VS Code provides it).
// The claim map's webview is a second, browser build: its script and style
// sheet go to dist/webview/, the only folder the webview may load from.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const options = {
  entryPoints: {
    client: 'client/src/extension.ts',
    server: 'server/src/lsp/main.ts',
    // The editor's exports run in a worker thread: its script is a bundle of its own, beside the server's.
    exportWorker: 'server/src/lsp/exportWorker.ts',
    cli: 'server/src/cli/main.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const webview = {
  entryPoints: { boot: 'client/webview/map/boot.ts', map: 'client/webview/map/main.ts', 'map-style': 'client/webview/map/map.css' },
  entryNames: '[name]',
  outdir: 'dist/webview',
  bundle: true,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
  sourcemap: !production,
  // Always minified: the map's first paint waits for this script to load.
  minify: true,
  logLevel: 'warning',
};

// ELK's layered layout is most of the map's code and only needed once the
// first map is on screen: the page loads it as a script of its own, later.
function copyElk() {
  fs.mkdirSync('dist/webview', { recursive: true });
  fs.copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/webview/elk.js');
}

copyElk();
if (watch) {
  const contexts = await Promise.all([esbuild.context(options), esbuild.context(webview)]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes…');
} else {
  await Promise.all([esbuild.build(options), esbuild.build(webview)]);
}
