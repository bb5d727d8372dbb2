// The invariants ARCHITECTURE.md writes down, checked by reading every
// import of the sources: a change that breaks one fails here, with the file
// and the import that broke it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';

const PROJECT = path.resolve(__dirname, '../..');

interface Source { file: string; text: string; imports: string[] }

function sources(dir: string): Source[] {
  const out: Source[] = [];
  for (const e of fs.readdirSync(path.join(PROJECT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith('.ts')) {
      const text = fs.readFileSync(path.join(PROJECT, rel), 'utf8');
      // Static imports and re-exports (type-only ones count: they are dependencies too), dynamic imports, require.
      const imports = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]!);
      out.push({ file: rel, text, imports });
    }
  }
  return out;
}

const SERVER = sources('server/src');
const CLIENT = sources('client/src');
const SHARED = sources('shared');
const CORE = SERVER.filter((s) => s.file.startsWith('server/src/core/'));
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
// Every package that speaks LSP or stands for the editor, the plain data types included.
const LSP_PACKAGES = /^(vscode-languageserver(-types|-protocol|-textdocument)?|vscode-jsonrpc|vscode-languageclient|vscode)(\/|$)/;

/** Where a relative import leads, as a project path (`.ts` added). */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(PROJECT, candidate)) && fs.statSync(path.join(PROJECT, candidate)).isFile()) return candidate;
  }
  return undefined;
}

function violations(files: Source[], bad: (spec: string, s: Source) => boolean): string[] {
  return files.flatMap((s) => s.imports.filter((i) => bad(i, s)).map((i) => `${s.file} imports ${i}`));
}

test('the files were read (the checks below see the real tree)', () => {
  assert.ok(CORE.length > 40, `only ${CORE.length} core files found`);
  assert.ok(CORE.some((s) => s.imports.length > 0));
  assert.ok(CLIENT.length > 0 && SHARED.length > 0);
});

test('the core imports no vscode, no node: built-in, and nothing outside server/src/core', () => {
  assert.deepEqual(violations(CORE, (spec) => spec === 'vscode' || NODE_BUILTINS.has(spec)), []);
  assert.deepEqual(violations(CORE, (spec, s) => {
    const to = resolve(s.file, spec);
    return spec.startsWith('.') && (!to || !to.startsWith('server/src/core/'));
  }), []);
});

test('the core knows nothing of LSP: no file in it, features and service included, imports an LSP package, not even its data types', () => {
  assert.ok(LSP_PACKAGES.test('vscode-languageserver-types') && LSP_PACKAGES.test('vscode-languageserver/node'));
  assert.deepEqual(violations(CORE, (spec) => LSP_PACKAGES.test(spec)), []);
});

test('only lsp/ knows LSP on the server: cli/ and node/ import no LSP package; of shared/, only protocol.ts does', () => {
  const outside = SERVER.filter((s) => !s.file.startsWith('server/src/lsp/'));
  assert.deepEqual(violations(outside, (spec) => LSP_PACKAGES.test(spec)), []);
  assert.deepEqual(violations(SHARED.filter((s) => s.file !== 'shared/protocol.ts'), (spec) => LSP_PACKAGES.test(spec)), []);
  // And the edge does use it: the check above is not vacuous.
  assert.ok(SERVER.some((s) => s.file.startsWith('server/src/lsp/') && s.imports.some((i) => LSP_PACKAGES.test(i))));
});

test('lsp/ and cli/ reach the index and the anchoring only through the service', () => {
  const edge = SERVER.filter((s) => /^server\/src\/(lsp|cli)\//.test(s.file));
  assert.deepEqual(violations(edge, (spec, s) => {
    const to = resolve(s.file, spec) ?? '';
    return to.startsWith('server/src/core/anchoring/') || to === 'server/src/core/workspace/workspaceIndex.ts';
  }), []);
});

test('no cache is cleared by hand: only the core\'s own change listeners forget what they read', () => {
  // Each cache has one place that forgets: the listener in the class that owns it.
  const forgetting = [...SERVER, ...CLIENT].filter((s) => /\.(forget|forgetSource)\(|\bcache\.delete\(|\.clearCache\(/.test(s.text)).map((s) => s.file);
  assert.deepEqual(forgetting, ['server/src/core/anchoring/noteAnchoring.ts']);
});

test('every custom message is declared once, in shared/protocol.ts, as a typed RequestType or NotificationType', () => {
  const methods = [...SHARED.find((s) => s.file === 'shared/protocol.ts')!.text.matchAll(/new (Request|Notification)Type0?<?[^(]*\(\s*'(claimlens\/[^']+)'/g)].map((m) => m[2]);
  assert.ok(methods.length >= 5, `found ${methods.length} declarations`);
  assert.equal(new Set(methods).size, methods.length, 'a method is declared twice');
  const bare = [...SERVER, ...CLIENT].filter((s) => /['"`]claimlens\/[a-zA-Z]/.test(s.text)).map((s) => s.file);
  assert.deepEqual(bare, [], 'a custom method written as a bare string');
});

test('the core has no import cycle', () => {
  const graph = new Map(CORE.map((s) => [s.file, s.imports.map((i) => resolve(s.file, i)).filter((f): f is string => !!f)]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') { cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → ')); return; }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});

test('each core folder says what lives there, and each file has a header comment', () => {
  const folders = new Set(CORE.map((s) => path.posix.dirname(s.file)));
  const missing = [...folders].filter((f) => f !== 'server/src/core' && !fs.existsSync(path.join(PROJECT, f, 'README.md')));
  assert.deepEqual(missing, []);
  assert.deepEqual(CORE.filter((s) => !s.text.startsWith('//')).map((s) => s.file), []);
});

test('the map webview runs in a browser page on its own: no vscode, no Node, no LSP; only the drawing libraries and plain shared code', () => {
  const WEBVIEW = sources('client/webview');
  assert.ok(WEBVIEW.some((s) => s.file.endsWith('main.ts')));
  const LIBRARIES = /^(cytoscape|cytoscape-svg|elkjs\/lib\/elk\.bundled\.js)$/;
  const PLAIN = new Set(['server/src/core/features/claimMapTypes.ts', 'client/src/map/mapMessages.ts', 'client/src/map/mapLayout.ts', 'client/src/statusColors.ts']);
  assert.deepEqual(violations(WEBVIEW, (spec, s) => {
    if (!spec.startsWith('.')) return !LIBRARIES.test(spec);
    const to = resolve(s.file, spec);
    return !to || !(to.startsWith('client/webview/') || PLAIN.has(to));
  }), []);
  // What the webview takes from outside its folder (types, constants, the layout both sides draw with) imports nothing else.
  const plain = [...PLAIN].map((f) => sources(path.dirname(f)).find((s) => s.file === f)!);
  assert.deepEqual(violations(plain, (spec, s) => {
    const to = resolve(s.file, spec);
    return !to || !(PLAIN.has(to) || to.startsWith('server/src/core/base/') || to === 'server/src/core/notes/model.ts');
  }), []);
});
