// The packaged extension (.vsix), as an analyst installs it: only what VS Code
// runs or shows (the two bundles, the grammar, the icon, the walkthrough's
// pages, the README, the changelog, the licence), under 2 MB, with an icon of
// 128×128, and the README's pictures pointing at the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

const ALLOWED = [
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/, /^extension\/readme\.md$/, /^extension\/changelog\.md$/, /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(client|server|exportWorker)\.js$/, /^extension\/dist\/webview\/(boot\.js|map\.js|map-style\.css|elk\.js)$/, /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/images\/icon\.png$/, /^extension\/media\/[\w/.-]+\.(svg|md)$/,
];

test('the .vsix holds only what the editor needs, under 2 MB', { timeout: 120_000 }, async () => {
  const { packageVsix } = await import('../../scripts/vscode.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-vsix-'));
  try {
    const vsix = packageVsix(path.join(dir, 'claimlens.vsix'));
    const bytes = fs.readFileSync(vsix);
    const files = unzipSync(bytes);
    const names = Object.keys(files).sort();
    console.log(`claimlens.vsix: ${(bytes.length / 1024).toFixed(0)} KB, ${names.length} files:\n  ${names.join('\n  ')}`);
    assert.ok(bytes.length < 2 * 1024 * 1024, `${bytes.length} bytes`);
    assert.deepEqual(names.filter((n) => !ALLOWED.some((re) => re.test(n))), []);
    for (const must of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/exportWorker.js', 'extension/images/icon.png', 'extension/readme.md',
      'extension/changelog.md', 'extension/syntaxes/claimlens.injection.tmLanguage.json',
      'extension/dist/webview/boot.js', 'extension/dist/webview/map.js', 'extension/dist/webview/map-style.css', 'extension/dist/webview/elk.js']) {
      assert.ok(names.includes(must), `${must} is missing`);
    }
    // The details page loads pictures only from https: URIs: vsce points the packaged README's at the repository.
    const readme = new TextDecoder().decode(files['extension/readme.md']);
    const repository = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).repository.url as string).replace(/\.git$/, '');
    const images = [...readme.matchAll(/!\[(?:[^[\]]|\[[^[\]]*\]|\[\[[^[\]]*\]\])*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.equal(images.length, [...fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8').matchAll(/!\[/g)].length, 'every picture of the README');
    assert.deepEqual(images.filter((src) => !src.startsWith(`${repository}/raw/HEAD/docs/`)), []);
    // The icon: a PNG of 128×128 (its IHDR chunk).
    const icon = files['extension/images/icon.png']!;
    const view = new DataView(icon.buffer, icon.byteOffset);
    assert.deepEqual([view.getUint32(16), view.getUint32(20)], [128, 128]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
