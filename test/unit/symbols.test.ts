// Document symbols (claims under headings) and workspace symbols (claims and entities).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/features/symbols';
import { SymbolIndex } from '../../server/src/core/workspace/symbolIndex';
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
