// The same in-editor checks in desktop VS Code, through @vscode/test-electron.
// It downloads VS Code from Microsoft's update service, so it is for desktop
// machines that can reach it; CI cannot, and runs the code-server tests in
// test/e2e/ instead. On a desktop:
//   npm run build && node --import tsx test/e2e/desktop/runTest.ts
// (VSCODE_VERSION picks a version; by default the newest one engines.vscode allows.)
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';

const root = join(__dirname, '../../..');
const cache = join(root, '.cache/vscode-test');

async function main(): Promise<void> {
  // VS Code loads the suite with require(): bundle the TypeScript for it.
  const suite = join(cache, 'suite/index.js');
  await esbuild.build({
    entryPoints: [join(__dirname, 'suite/index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  await runTests({
    ...(process.env.VSCODE_VERSION ? { version: process.env.VSCODE_VERSION } : {}),
    cachePath: cache,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [join(root, 'samples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
