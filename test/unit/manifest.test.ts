// The extension's manifest against its code: every command the client
// registers is in the palette under "Claimlens" (or deliberately hidden), every
// contributed command exists, every setting the client reads is declared with
// a description, a default and a scope, and the grammar and icon it names exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const client = (fs.readdirSync(path.join(ROOT, 'client/src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'))
  .map((f) => fs.readFileSync(path.join(ROOT, 'client/src', f), 'utf8')).join('\n');

const registered = new Set([...client.matchAll(/registerCommand\('([\w.]+)'|command\('([\w.]+)'/g)].map((m) => m[1] ?? m[2]!));
const contributed: Array<{ command: string; title: string; category?: string }> = pkg.contributes.commands;

test('every command the client registers is contributed under the Claimlens category, and the other way round', () => {
  assert.ok(registered.size > 15, `only ${registered.size} registrations found`);
  // claimlens.showReferences is the code lens's own command: it takes arguments only a lens gives, so it stays out of the palette.
  const expected = new Set([...registered].filter((c) => c !== 'claimlens.showReferences'));
  assert.deepEqual([...expected].filter((c) => !contributed.some((d) => d.command === c)), []);
  assert.deepEqual(contributed.map((c) => c.command).filter((c) => !expected.has(c)), []);
  assert.deepEqual(contributed.filter((c) => c.category !== 'Claimlens').map((c) => c.command), []);
  for (const c of ['claimlens.restartServer', 'claimlens.showOutput']) {
    assert.ok(!pkg.contributes.menus.commandPalette.some((m: { command: string; when?: string }) => m.command === c && m.when === 'false'), `${c} is hidden`);
  }
});

test('every setting the client reads is declared with a description, a default and a scope', () => {
  // Settings are read relative to getConfiguration('claimlens'); the workspace state's keys are full names, and no setting.
  const read = new Set([...client.matchAll(/\.get<[^>]+>\('([\w.]+)'/g)].map((m) => m[1]!).filter((k) => !k.startsWith('claimlens.')).map((k) => `claimlens.${k}`));
  assert.ok(read.has('claimlens.notes.include') && read.has('claimlens.maxFileSizeMB'));
  const declared = pkg.contributes.configuration.properties as Record<string, { default?: unknown; scope?: string; markdownDescription?: string; description?: string }>;
  for (const key of read) {
    const d = declared[key];
    assert.ok(d, `${key} is read but not declared`);
    assert.ok(d.default !== undefined && d.scope && (d.markdownDescription ?? d.description), `${key} lacks a default, scope or description`);
  }
});

test('the grammar, the icons and the walkthrough pages the manifest names exist', () => {
  const files = [pkg.icon, ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
    ...pkg.contributes.viewsContainers.activitybar.map((v: { icon: string }) => v.icon),
    ...pkg.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown: string } }> }) => w.steps.map((s) => s.media.markdown))];
  assert.deepEqual(files.filter((f) => !fs.existsSync(path.join(ROOT, f))), []);
  assert.deepEqual(pkg.contributes.grammars[0].injectTo, ['text.html.markdown']);
});
