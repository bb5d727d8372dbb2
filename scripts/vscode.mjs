// Helpers to run the extension inside a real VS Code (code-server): build and
// package it as a .vsix, install it into a fresh profile, start code-server on
// a loopback port, wait until it answers, and stop it with all its children.
// Used by `npm start` (scripts/start.mjs) and by the in-editor tests (test/e2e/).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE, ROOT, node24Env, paths, setup } from './e2e-setup.mjs';

export const VSIX = join(CACHE, 'claimlens.vsix');

/** Settings for a quiet, trusted editor: no welcome page, no trust prompt, nothing phoning home. */
export const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  // The samples sit inside the project's repository; don't ask about it.
  'git.openRepositoryInParentFolders': 'never',
};

function runOrThrow(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

/** Bundles client and server into dist/ (the project's own build, on this Node). */
export function build() {
  runOrThrow(process.execPath, ['scripts/build.mjs']);
}

/** Packages the built extension; .vscodeignore decides what goes in. */
export function packageVsix(out = VSIX) {
  mkdirSync(CACHE, { recursive: true });
  // stdin is closed so that a vsce question ("continue? [y/N]") fails instead of hanging.
  runOrThrow(
    process.execPath,
    [
      join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package',
      '--no-dependencies', '--skip-license',
      // The README's pictures and links are relative paths; vsce rewrites them
      // to the repository (package.json "repository"), since the details page
      // loads images only from https: (relative and data: ones are dropped).
      '-o', out,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return out;
}

/**
 * The environment code-server runs in: Node 24 first on PATH, and the XDG
 * folders (where it keeps its config and logs, the user's home by default)
 * inside the profile.
 */
function codeServerEnv(profileDir) {
  return node24Env({
    XDG_CONFIG_HOME: join(profileDir, 'xdg/config'),
    XDG_DATA_HOME: join(profileDir, 'xdg/data'),
  });
}

/**
 * Creates an empty profile under `dir`: user data with `settings`, and an
 * extensions folder holding only `vsix`. A profile from an earlier run there
 * is removed first.
 */
export function freshProfile(dir, { vsix = VSIX, settings = {} } = {}) {
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  for (const old of [userDataDir, extensionsDir, join(dir, 'xdg')]) rmSync(old, { recursive: true, force: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2) + '\n',
  );
  if (vsix) {
    runOrThrow(paths.node24, [paths.codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
      env: codeServerEnv(dir),
    });
  }
  return { dir, userDataDir, extensionsDir };
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/** `preferred` when it is free, otherwise a port the system hands out. */
export async function freePort(preferred) {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls until `url` answers 200, the process exits, or the time is up. */
async function waitForHttp(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code, signal) => (exited = code ?? signal));
  while (Date.now() < deadline) {
    if (exited !== null) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  throw new Error(
    `code-server ${exited !== null ? `exited (${exited})` : 'did not answer'} at ${url}\n--- ${logFile}\n${log}`,
  );
}

/**
 * Starts code-server on 127.0.0.1:`port` with `workspace` open, using the
 * profile from freshProfile(). Resolves once it answers HTTP. Its output goes
 * to code-server.log in the profile folder.
 */
export async function startCodeServer({ workspace, port, profile, timeoutMs = 60_000 }) {
  // Another server on the port would answer the readiness check in its place.
  if (!(await portIsFree(port))) throw new Error(`port ${port} is already in use on 127.0.0.1`);
  const logFile = join(profile.dir, 'code-server.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn(
    paths.node24,
    [
      paths.codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
      workspace,
    ],
    {
      env: codeServerEnv(profile.dir),
      stdio: ['ignore', logFd, logFd],
      // A process group of its own, so stop() also ends the extension host and
      // the language server it spawns.
      detached: true,
    },
  );
  closeSync(logFd);
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise((r) => child.once('exit', r));
  const signalGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), signal);
    } catch {
      // The group is already gone.
    }
  };
  // Being in its own group, code-server does not get the terminal's Ctrl-C:
  // if this process exits without stop(), end the group on the way out.
  const onExit = () => signalGroup('SIGTERM');
  process.once('exit', onExit);

  async function stop(timeoutMs = 10_000) {
    process.off('exit', onExit);
    signalGroup('SIGTERM');
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  try {
    await waitForHttp(new URL('healthz', url).href, child, logFile, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, logFile, process: child, stop };
}

/**
 * Everything between a checkout and a running editor: tools, build, a
 * profile with the freshly packaged extension installed, and code-server with `workspace` on `port` exactly, or
 * else on `preferredPort` if free, or else any free port. The profile is a
 * new folder under .cache/profiles/ named after `profileName`, so editors
 * started side by side never share one; stop() removes it, and a failed start
 * leaves it for its log.
 */
export async function launchEditor({ workspace, port, preferredPort, profileName, settings = {} }) {
  await setup();
  const chosenPort = port ?? (await freePort(preferredPort));
  if (!(await portIsFree(chosenPort))) throw new Error(`port ${chosenPort} is already in use on 127.0.0.1`);
  build();
  mkdirSync(join(CACHE, 'profiles'), { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'profiles', `${profileName}-`));
  let editor;
  try {
    const profile = freshProfile(dir, { vsix: packageVsix(join(dir, 'claimlens.vsix')), settings });
    editor = await startCodeServer({ workspace, port: chosenPort, profile });
  } catch (error) {
    // Keep the folder only when there is a code-server log to read in it.
    if (!existsSync(join(dir, 'code-server.log'))) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    ...editor,
    async stop(timeoutMs) {
      await editor.stop(timeoutMs);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `node scripts/vscode.mjs package`: build and write .cache/claimlens.vsix, to
// install by hand (Extensions view → "Install from VSIX…").
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === 'package') {
  try {
    build();
    console.log(packageVsix());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
