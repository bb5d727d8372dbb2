// The TextMate injection grammar, tokenized by the same engine VS Code uses
// (vscode-textmate with Oniguruma), injected into a stand-in Markdown grammar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../..');
const INJECTION = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/claimlens.injection.tmLanguage.json'), 'utf8'));

async function tokenizer() {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'claimlens.injection') return textmate.parseRawGrammar(JSON.stringify(INJECTION), 'x.json');
      // A stand-in for VS Code's Markdown grammar: only its scope name matters to an injection.
      if (scope === 'text.html.markdown') return textmate.parseRawGrammar(JSON.stringify({ scopeName: scope, patterns: [] }), 'md.json');
      return null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['claimlens.injection'] : undefined),
  });
  const grammar = (await registry.loadGrammar('text.html.markdown'))!;
  /** The scopes of each token whose scopes come from the injection, as `text → last scope`. */
  return (line: string): string[] => {
    const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
    return tokens
      .filter((t) => t.scopes.length > 1)
      .map((t) => `${line.slice(t.startIndex, t.endIndex)} → ${t.scopes[t.scopes.length - 1]}`);
  };
}

test('highlights #claim/<kind>, a wikilink with display text, and the block id', async () => {
  const tokenize = await tokenizer();
  assert.deepEqual(tokenize('- #claim/prediction Models commoditise, says [[Sam Altman|Altman]]. ^transistor'), [
    '# → punctuation.definition.keyword.claimlens',
    'claim → keyword.other.claim.claimlens',
    '/ → punctuation.separator.kind.claimlens',
    'prediction → entity.name.tag.kind.claimlens',
    '[[ → punctuation.definition.link.begin.claimlens',
    'Sam Altman → markup.underline.link.wikilink.claimlens',
    '| → punctuation.separator.alias.claimlens',
    'Altman → string.other.link.title.claimlens',
    ']] → punctuation.definition.link.end.claimlens',
    '^ → punctuation.definition.block-id.claimlens',
    'transistor → entity.name.tag.block-id.claimlens',
  ]);
});

test('field keys, status words, quoted quotes and relation references', async () => {
  const tokenize = await tokenizer();
  assert.deepEqual(tokenize('  - status:: refuted'), [
    'status → variable.other.field.claimlens', ':: → punctuation.separator.key-value.claimlens',
    'refuted → constant.language.status.refuted.claimlens',
  ]);
  assert.deepEqual(tokenize('  - quote:: "Anthropic\'s Deepseek"'), [
    'quote → variable.other.field.claimlens', ':: → punctuation.separator.key-value.claimlens',
    '" → punctuation.definition.string.begin.claimlens', 'Anthropic\'s Deepseek → string.quoted.double.quote.claimlens',
    '" → punctuation.definition.string.end.claimlens',
  ]);
  assert.deepEqual(tokenize('  - supports:: ^consumer-pivot, [[deepseek-notes#^independent-lab]]'), [
    'supports → variable.other.field.claimlens', ':: → punctuation.separator.key-value.claimlens',
    '^ → punctuation.definition.block-id.claimlens', 'consumer-pivot → entity.name.tag.block-id.claimlens',
    '[[ → punctuation.definition.link.begin.claimlens', 'deepseek-notes → markup.underline.link.wikilink.claimlens',
    '# → punctuation.separator.anchor.claimlens', '^ → punctuation.definition.block-id.claimlens',
    'independent-lab → entity.name.tag.block-id.claimlens', ']] → punctuation.definition.link.end.claimlens',
  ]);
  assert.deepEqual(tokenize('Revenue [kind:: statistic] grew'), [
    '[ → punctuation.definition.field.begin.claimlens', 'kind → variable.other.field.claimlens',
    ':: → punctuation.separator.key-value.claimlens', 'statistic → meta.field.value.claimlens',
    '] → punctuation.definition.field.end.claimlens',
  ]);
});

test('plain prose and a #claims hashtag are left alone', async () => {
  const tokenize = await tokenizer();
  assert.deepEqual(tokenize('An ordinary sentence about claims.'), []);
  assert.deepEqual(tokenize('#claims is another tag'), []);
});
