// `npm test`: every test, in the order that fails fastest. Type-check, the
// Debian packages the tests use (xmllint validates the REFI-QDA export,
// networkx reads the GraphML export back; the same apt step the editor setup
// runs, so CI installs them), unit tests
// (in-memory), build, protocol tests (the built server over stdio),
// then the in-editor tests in a real VS Code (code-server + Chromium, which
// scripts/e2e-setup.mjs installs and caches under .cache/).
//   npm test                 everything
//   npm test -- protocol     only the steps whose name starts with "protocol"
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const node = process.execPath;
const runner = ['--import', 'tsx', '--test', '--test-reporter=spec'];

/** The test files of a folder, named explicitly: Node 20's runner does not look for .ts files itself. */
function tests(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `${dir}/${f}`);
  if (files.length === 0) throw new Error(`no test files in ${dir}`);
  return files;
}

const steps = [
  ['type-check', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['type-check of the map webview (DOM)', 'npx', ['tsc', '-p', 'client/webview', '--noEmit']],
  ['test tools', node, ['scripts/e2e-setup.mjs', '--debian']],
  ['unit tests', node, [...runner, ...tests('test/unit')]],
  ['build', node, ['scripts/build.mjs']],
  ['protocol tests', node, [...runner, ...tests('test/protocol')]],
  ['in-editor setup', node, ['scripts/e2e-setup.mjs']],
  ['in-editor tests', node, [...runner, '--test-concurrency=1', ...tests('test/e2e')]],
];

const only = process.argv[2];
for (const [name, cmd, args] of steps) {
  if (only && !name.startsWith(only)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`\n${name} failed after ${secs} s`);
    process.exit(r.status ?? 1);
  }
  console.log(`=== ${name}: passed in ${secs} s ===`);
}
