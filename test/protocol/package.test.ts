// The packaged extension (.vsix), as an analyst installs it: only what VS Code
// runs or shows (the two bundles, the grammar, the icon, the walkthrough's
// pages, the README with its pictures, the changelog, the licence), under
// 2 MB, with an icon of 128×128, and every picture the README shows inside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

const ALLOWED = [
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/, /^extension\/readme\.md$/, /^extension\/changelog\.md$/, /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(client|server)\.js$/, /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/images\/icon\.png$/, /^extension\/media\/[\w/.-]+\.(svg|md)$/, /^extension\/docs\/[\w-]+\.png$/,
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
    for (const must of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/images/icon.png', 'extension/readme.md',
      'extension/changelog.md', 'extension/syntaxes/claimlens.injection.tmLanguage.json']) {
      assert.ok(names.includes(must), `${must} is missing`);
    }
    // The README's pictures show on the details page only if they travel with it.
    const readme = new TextDecoder().decode(files['extension/readme.md']);
    for (const [, image] of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(names.includes(`extension/${image}`), `${image} is not packaged`);
    // The icon: a PNG of 128×128 (its IHDR chunk).
    const icon = files['extension/images/icon.png']!;
    const view = new DataView(icon.buffer, icon.byteOffset);
    assert.deepEqual([view.getUint32(16), view.getUint32(20)], [128, 128]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
