// The anchoring cache (one result per source version and quote) and
// cancellation of long anchoring.

import { CancelledError } from '../../server/src/core/base/cancellation';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote } from '../../server/src/core/anchoring/anchor';
import { AnchorCache } from '../../server/src/core/anchoring/anchorCache';
import { prepareSource, type PreparedSource } from '../../server/src/core/anchoring/sourceText';

function loader(text: string): { load: () => PreparedSource; calls: () => number } {
  let calls = 0;
  return { load: () => { calls++; return prepareSource(text, 'text'); }, calls: () => calls };
}

test('a repeated quote is answered from the cache; the source is prepared once per version', () => {
  const cache = new AnchorCache();
  const v1 = loader('alpha beta gamma');
  const first = cache.anchor('file:///a.txt', 1, 'beta', v1.load);
  const again = cache.anchor('file:///a.txt', 1, 'beta', v1.load);
  assert.equal(again, first); // the same object: nothing recomputed
  assert.equal(first.start, 6);
  cache.anchor('file:///a.txt', 1, 'gamma', v1.load);
  assert.equal(v1.calls(), 1);
  assert.equal(cache.peek('file:///a.txt', 1, 'beta'), first);

  // A new version: prepared again, anchored again.
  const v2 = loader('beta alpha');
  const moved = cache.anchor('file:///a.txt', 2, 'beta', v2.load);
  assert.equal(v2.calls(), 1);
  assert.equal(moved.start, 0);
  assert.equal(cache.peek('file:///a.txt', 1, 'beta'), undefined);
});

test('sources are cached independently, and delete forgets one', () => {
  const cache = new AnchorCache();
  const a = loader('one two');
  const b = loader('two one');
  assert.equal(cache.anchor('a', 'v', 'two', a.load).start, 4);
  assert.equal(cache.anchor('b', 'v', 'two', b.load).start, 0);
  assert.equal(cache.delete('a'), true);
  assert.equal(cache.peek('a', 'v', 'two'), undefined);
  assert.notEqual(cache.peek('b', 'v', 'two'), undefined);
  cache.anchor('a', 'v', 'two', a.load);
  assert.equal(a.calls(), 2);
});

test('evicted prepared sources keep their results and are reloaded only for new quotes', () => {
  const cache = new AnchorCache({ maxPreparedSources: 1 });
  const a = loader('red green');
  const b = loader('blue green');
  const red = cache.anchor('a', 1, 'red', a.load);
  cache.anchor('b', 1, 'blue', b.load); // evicts a's prepared source
  assert.equal(cache.anchor('a', 1, 'red', a.load), red);
  assert.equal(a.calls(), 1);
  cache.anchor('a', 1, 'green', a.load);
  assert.equal(a.calls(), 2);
  assert.equal(cache.source('a', 1, a.load), cache.source('a', 1, a.load));
  assert.equal(a.calls(), 2);
});

test('the prepared source dropped is the least recently used, however often the latest is asked for', () => {
  const cache = new AnchorCache({ maxPreparedSources: 2 });
  const a = loader('red green');
  const b = loader('blue green');
  const c = loader('cyan green');
  cache.anchor('a', 1, 'red', a.load);
  cache.anchor('a', 1, 'green', a.load);
  cache.anchor('b', 1, 'blue', b.load);
  cache.anchor('a', 1, 'red green', a.load); // a is the latest again
  cache.anchor('a', 1, 'gre', a.load);
  cache.anchor('c', 1, 'cyan', c.load); // drops b, not a
  cache.anchor('a', 1, 'ed', a.load);
  assert.equal(a.calls(), 1);
  cache.anchor('b', 1, 'green', b.load);
  assert.equal(b.calls(), 2);

  // A new version of the latest source is the latest too, and is dropped in turn.
  const one = new AnchorCache({ maxPreparedSources: 1 });
  one.anchor('a', 1, 'red', a.load);
  one.anchor('a', 2, 'red', a.load);
  one.anchor('b', 1, 'blue', b.load);
  assert.equal(one.holds('a', 2), false);
  assert.equal(one.holds('b', 1), true);
});

test('a cancelled token stops anchoring, and nothing is cached', () => {
  const src = prepareSource('some text to search in', 'text');
  assert.throws(() => anchorQuote(src, 'text', { isCancellationRequested: true }), CancelledError);

  // Cancelled after the cheap steps: the fuzzy step does not start.
  let reads = 0;
  const later = { get isCancellationRequested() { return ++reads > 1; } };
  assert.throws(() => anchorQuote(src, 'sone text to search', later), CancelledError);

  const cache = new AnchorCache();
  const load = () => src;
  assert.throws(() => cache.anchor('s', 1, 'text', load, { isCancellationRequested: true }), CancelledError);
  assert.equal(cache.peek('s', 1, 'text'), undefined);
  assert.equal(cache.anchor('s', 1, 'text', load).method, 'exact');
});

test('a token that is never cancelled changes nothing', () => {
  const src = prepareSource('some text to search in', 'text');
  const r = anchorQuote(src, 'sone text to search', { isCancellationRequested: false });
  assert.equal(r.method, 'fuzzy');
  assert.equal(r.exact, 'some text to search');
});
