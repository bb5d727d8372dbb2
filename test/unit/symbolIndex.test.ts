// Workspace symbol search through its index: best matches first, every query
// word a prefix of a word of the symbol, kept up to date file by file, and
// the same answers as a plain scan of every symbol (fast-check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SymbolIndex } from '../../server/src/core/workspace/symbolIndex';
import { foldName } from '../../server/src/core/text/names';
import { indexOf, uri } from './helpers';

const REGISTRY = `- id: deepseek
  name: DeepSeek
  aliases: [DeepSEE]
- id: sam-altman
  name: Sam Altman
  aliases: [Altman]
`;

test('best first: the exact name or id, then names that start with the query, then the rest', async () => {
  const { index } = await indexOf({
    'entities.yaml': REGISTRY,
    'a.md': '- #claim DeepSeek models cost less to train. ^deepseek\n- #claim Critics doubt the deepseek figures. ^doubt\n- #claim Deepseeking is not a word. ^word\n',
  });
  const names = (q: string) => new SymbolIndex(index).search(q, 50).map((e) => e.name);
  // "deepseek" is the entity's id and name and a claim's id: those first; then text that starts with it.
  assert.deepEqual(names('deepseek'), ['DeepSeek', 'DeepSeek models cost less to train.', 'Deepseeking is not a word.', 'Critics doubt the deepseek figures.']);
  assert.deepEqual(names('altman'), ['Sam Altman']);
  assert.deepEqual(names('doubt figures'), ['Critics doubt the deepseek figures.']);
  assert.deepEqual(names('deep fig'), ['Critics doubt the deepseek figures.']);
  assert.deepEqual(names('nothing'), []);
});

test('edits, new files and deleted files are reflected on the next query, one file at a time', async () => {
  const { index } = await indexOf({ 'a.md': '- #claim Old wording here. ^one\n' });
  const symbols = new SymbolIndex(index);
  index.onDidChange((uris) => symbols.changed(uris));
  const names = (q: string) => symbols.search(q, 50).map((e) => e.name);
  assert.deepEqual(names('wording'), ['Old wording here.']);
  index.update(uri('a.md'), '- #claim New phrasing here. ^one\n');
  index.update(uri('b.md'), '- #claim Another wording. ^two\n');
  assert.deepEqual(names('wording'), ['Another wording.']);
  assert.deepEqual(names('phrasing'), ['New phrasing here.']);
  index.delete(uri('b.md'));
  assert.deepEqual(names('wording'), []);
  assert.deepEqual(names('two'), []);
});

test('the index finds what a scan of every symbol finds (every query word a prefix of one of its words)', async () => {
  // Besides plain words: a hyphen and an apostrophe inside a word, a letter outside the BMP, one that folds (NFKC) to
  // ASCII, a combining accent, CJK, and a symbol that is no letter.
  const word = fc.constantFrom('deep', 'deepseek', 'seek', 'model', 'models', 'cost', 'costs', 'altman', 'sam', 'train', 'x1', 'é',
    'deep-seek', "sam's", '𐐷am', '\u{1D4B3}eep', 'mode\u0301l', '日本語', '€5');
  const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
  await fc.assert(fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom('de', 'deep', 'seek', 'mod', 'cost', 'sam', 'x', 'é', 'zz', 's', '𐐷', '日本', 'modé', '5'), { minLength: 1, maxLength: 3 }),
    async (texts, queryWords) => {
      const { index } = await indexOf({ 'a.md': texts.map((t, i) => `- #claim ${t} ^c${i}\n`).join('') });
      const found = new SymbolIndex(index).search(queryWords.join(' '), 1000).map((e) => e.name).sort();
      const words = (s: string) => foldName(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const scanned = texts.map((t, i) => ({ t, ws: [...words(t), `c${i}`] }))
        .filter(({ ws }) => queryWords.every((q) => ws.some((w) => w.startsWith(foldName(q)))))
        .map(({ t }) => t).sort();
      assert.deepEqual(found, scanned);
    }), { numRuns: 300 });
});

test('a query word far commoner than the candidates is checked on their words, with the same answer', async () => {
  const common = Array.from({ length: 80 }, (_, i) => `- #claim Common ground number ${i}. ^c${i}\n`).join('');
  const { index } = await indexOf({ 'a.md': `${common}- #claim A rare common sight. ^rare\n` });
  const names = (q: string) => new SymbolIndex(index).search(q, 50).map((e) => e.name);
  assert.deepEqual(names('rare com'), ['A rare common sight.']);
  assert.deepEqual(names('com rare'), ['A rare common sight.']);
  assert.deepEqual(names('rare zzz'), []);
  assert.equal(names('common ground').length, 50);
});

test('a long claim that starts with the query comes first, however its text folds', async () => {
  // A full-width letter: the text is folded (NFKC), not only lower-cased.
  const long = '\uff3aeta alpha'.padEnd(300, ' and more words');
  const { index } = await indexOf({ 'a.md': `- #claim Alpha before zeta alpha. ^other\n- #claim ${long} ^long\n` });
  const names = (q: string) => new SymbolIndex(index).search(q, 50).map((e) => e.name.slice(0, 14));
  assert.deepEqual(names('zeta alpha'), ['\uff3aeta alpha and', 'Alpha before z']);
});

test('every word of the first forty is found in a long claim, wherever its text is cut to be folded', async () => {
  // The text is folded a few hundred characters at a time, cut at a space: a word across the first cut stays whole.
  const filler = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
  const words = ['Ａcrossing', 'the', 'boundary', 'nowhere-split'];
  const claims = Array.from({ length: 40 }, (_, k) => `- #claim ${filler.slice(0, 280 + k)} ${words.join(' ')}. ^c${k}\n`).join('');
  const { index } = await indexOf({ 'a.md': claims });
  const symbols = new SymbolIndex(index);
  for (const q of ['acrossing', 'boundary', 'nowhere split', 'nowhere-split']) {
    assert.equal(symbols.search(q, 100).length, 40, q);
  }
  // The forty-first distinct word is not indexed: a paragraph-long claim is found by its opening.
  const long = Array.from({ length: 45 }, (_, i) => `word${i}`).join(' ');
  const { index: other } = await indexOf({ 'b.md': `- #claim ${long} ^longone\n` });
  assert.equal(new SymbolIndex(other).search('word37', 5).length, 1);
  assert.equal(new SymbolIndex(other).search('word44', 5).length, 0);
});

test('a claim longer than the part of its text read first is found by its first forty words, wherever they end', async () => {
  // The id and thirty long words take the first ~500 characters: words 32–40 lie past the beginning that is made first,
  // word 41 is past the forty. A link whose display text straddles that point is read whole, never as a shortened word.
  // Twenty-nine words of 15 letters but the first of 5: the link opens ten characters before the line's first cut (9 + 2·200 + 64).
  const filler = Array.from({ length: 29 }, (_, i) => (i === 0 ? 'first' : `fillerword${String(i).padStart(5, '0')}`)).join(' ');
  const tail = Array.from({ length: 11 }, (_, i) => `late${i}`).join(' ');
  const { index } = await indexOf({
    'a.md': `- #claim ${filler} [[Some Entity|straddlinglinkdisplay]] ${tail} ^long\n`,
    'b.md': `- #claim ${filler.slice(0, 440)} [[Other|crossingthecutpoint]] after words ^cross\n`,
  });
  const symbols = new SymbolIndex(index);
  const ids = (q: string) => symbols.search(q, 10).map((e) => (e.kind === 'claim' ? e.claim.id : e.name));
  assert.deepEqual(ids('straddlinglinkdisplay'), ['long']);
  assert.deepEqual(ids('late8'), ['long']);
  assert.deepEqual(ids('late9'), []);
  assert.deepEqual(ids('crossingthecutpoint'), ['cross']);
  assert.deepEqual(ids('after'), ['cross']);
});
