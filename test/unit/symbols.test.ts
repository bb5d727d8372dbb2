// Document symbols (claims under headings) and workspace symbols (claims and entities).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/features/symbols';
import { SymbolIndex } from '../../server/src/core/workspace/symbolIndex';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { fileUri } from '../../server/src/core/workspace/workspace';
import { ENTITIES, STRATEGY_NOTE, indexOf, uri } from './helpers';

test('document symbols nest every claim under its heading', async () => {
  const { index } = await indexOf({ 'n.md': STRATEGY_NOTE, 'entities.yaml': ENTITIES });
  const syms = documentSymbols(index, index.notes.get(uri('n.md'))!);
  const shape = (s: typeof syms): unknown => s.map((x) => [x.name, x.detail ?? '', shape(x.children ?? [])]);
  assert.deepEqual(shape(syms), [
    ['Strategy', '', [
      ['Sam Altman wants a billion users.', '❔ Unverified ^billion', []],
      ['Rivals', '', [['DeepSEE is cheap.', '❔ Unverified ^cheap', []]]],
    ]],
    ['Prose', '', []],
  ]);
});

test('workspace symbols find claims by text and id, entities by name and alias', async () => {
  const { index } = await indexOf({ 'n.md': STRATEGY_NOTE, 'entities.yaml': ENTITIES });
  assert.deepEqual(workspaceSymbols(new SymbolIndex(index), 'deepsee').map((s) => s.name), ['DeepSeek', 'DeepSEE is cheap.']);
  assert.deepEqual(workspaceSymbols(new SymbolIndex(index), 'billion').map((s) => [s.name, s.containerName]), [['Sam Altman wants a billion users.', 'n#^billion']]);
  assert.deepEqual(workspaceSymbols(new SymbolIndex(index), 'cheap').map((s) => s.name), ['DeepSEE is cheap.']);
  assert.equal(workspaceSymbols(new SymbolIndex(index), '').length, 5);
});

test('a query answers the best hundred symbols, exact matches first; a claim past them is found by what it alone has', async () => {
  const claims = Array.from({ length: 250 }, (_, i) => `- #claim Zebra number ${i} grazes. ^z${i}\n`).join('');
  const { index } = await indexOf({ 'entities.yaml': '- id: ze\n  name: Ze\n', 'z.md': claims });
  const symbols = new SymbolIndex(index);
  const short = workspaceSymbols(symbols, 'ze');
  assert.equal(short.length, 100);
  assert.equal(short[0]!.name, 'Ze', 'the exact match still first');
  assert.equal(workspaceSymbols(symbols, ' z ').length, 100);
  const longer = workspaceSymbols(symbols, 'zebra');
  assert.equal(longer.length, 100);
  assert.ok(longer.every((s) => s.name.startsWith('Zebra number ')));
  assert.deepEqual(workspaceSymbols(symbols, 'number 249').map((s) => s.name), ['Zebra number 249 grazes.']);
});

test('a long claim is named by the beginning of its text, cut at a word, and answering reads no note again', async () => {
  const words = Array.from({ length: 38 }, (_, i) => `word${i}`).join(' ');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-symbols-'));
  fs.writeFileSync(path.join(dir, 'long.md'), `- #claim The [[Port]] of call ${words} ends here. ^long\n- #claim Short one. ^short\n`);
  const workspace = new FsWorkspace([fileUri(dir)]);
  const index = new WorkspaceIndex(workspace);
  await index.build();
  const symbols = new SymbolIndex(index);
  assert.deepEqual(workspaceSymbols(symbols, 'short').map((s) => s.name), ['Short one.']);
  let reads = 0;
  const read = workspace.readTextSync.bind(workspace);
  workspace.readTextSync = (u, max) => { reads++; return read(u, max); };
  // word33 is past the 128 characters shown: the claim is still found by it.
  for (const q of ['port', 'word33', 'long']) {
    const [found] = workspaceSymbols(symbols, q);
    assert.ok(found, q);
    const name = found!.name;
    assert.ok(name.startsWith('The Port of call word0 word1 '), name);
    assert.ok(name.endsWith('…') && name.length <= 129, name);
    assert.match(name, /word\d+…$/, 'cut after a whole word');
    assert.equal(found!.containerName, 'long#^long');
  }
  assert.equal(reads, 0);
  fs.rmSync(dir, { recursive: true });
});

test('the search index built a file at a time answers as one built at once; notes changed or deleted meanwhile are found as they are now', async () => {
  const notes = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`n${i}.md`, `- #claim Walrus ${i} sings of [[Kelp]]. ^w${i}\n`]));
  const { index } = await indexOf({ 'entities.yaml': '- id: kelp\n  name: Kelp\n', ...notes });
  const sliced = new SymbolIndex(index);
  index.onDidChange((uris) => sliced.changed(uris));
  // A file a step: the caller is told the build is not done, and may let other work in.
  let steps = 1;
  assert.equal(sliced.sync(() => true), false);
  for (; steps < 10; steps++) assert.equal(sliced.sync(() => true), false);
  // Some notes the build has read already, some it has not reached.
  index.update(uri('n3.md'), '- #claim Narwhal 3 hums. ^w3\n');
  index.update(uri('n30.md'), '- #claim Octopus 30 waves. ^w30\n');
  index.delete(uri('n5.md'));
  index.delete(uri('n35.md'));
  while (!sliced.sync(() => true)) steps++;
  assert.ok(steps >= 38, `built in ${steps} steps, a file each`);
  const whole = new SymbolIndex(index);
  for (const query of ['walrus', 'narwhal', 'octopus', 'kelp', 'w3', 'sings']) {
    assert.deepEqual(workspaceSymbols(sliced, query).map((s) => s.name), workspaceSymbols(whole, query).map((s) => s.name), query);
  }
  const walruses = workspaceSymbols(sliced, 'walrus').map((s) => s.name);
  assert.equal(walruses.length, 36, 'neither the changed nor the deleted notes\' old claims are found');
  assert.ok(!walruses.some((n) => /Walrus (3|5|30|35) /.test(n)));
  assert.deepEqual(workspaceSymbols(sliced, 'narwhal').map((s) => s.name), ['Narwhal 3 hums.']);
  assert.deepEqual(workspaceSymbols(sliced, 'octopus').map((s) => s.name), ['Octopus 30 waves.']);
});

test('the postings laid out a piece at a time, past 65,536 of them, list each word\'s claims, and only those', async () => {
  // 2,000 claims of 40 words each: 80,000 postings, more than one piece of the layout.
  const wordsOf = (i: number) => Array.from({ length: 40 }, (_, k) => `w${(i * 7 + k * 13) % 500}`);
  const notes = Object.fromEntries(Array.from({ length: 50 }, (_, n) => [`n${n}.md`, Array.from({ length: 40 }, (_, c) => {
    const i = 40 * n + c;
    return `- #claim ${wordsOf(i).join(' ')} ^c${i}\n`;
  }).join('')]));
  const { index } = await indexOf(notes);
  const symbols = new SymbolIndex(index);
  let steps = 0;
  while (!symbols.sync(() => true)) steps++;
  assert.ok(steps > 50, `${steps} steps`);
  // A claim is found by its id and its first 39 words (40 in all): each word's claims, worked out from the texts
  // (the words of three digits, which no other word starts with).
  const claimsOf = new Map<string, string[]>();
  for (let i = 0; i < 2000; i++) for (const w of wordsOf(i).slice(0, 39)) claimsOf.set(w, [...claimsOf.get(w) ?? [], `n${Math.floor(i / 40)}#^c${i}`]);
  for (let w = 100; w < 500; w++) {
    assert.deepEqual(workspaceSymbols(symbols, `w${w}`, 1000).map((s) => s.containerName).sort(), (claimsOf.get(`w${w}`) ?? []).sort(), `w${w}`);
  }
});
