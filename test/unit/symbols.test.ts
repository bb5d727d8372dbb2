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
