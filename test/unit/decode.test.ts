// Telling a binary file from text: a NUL byte among the first 8,000 bytes, as
// editors and git tell them, whether the bytes come as a Node Buffer (the
// server's reads) or a plain Uint8Array (any other workspace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BINARY, decodeText, looksBinary } from '../../server/src/core/text/decode';

const withNul = (length: number, at: number) => { const b = new Uint8Array(length).fill(0x61); if (at >= 0) b[at] = 0; return b; };

test('a NUL byte among the first 8,000 bytes makes a file binary, one later does not', () => {
  for (const wrap of [(b: Uint8Array) => b, (b: Uint8Array) => Buffer.from(b)]) {
    assert.equal(looksBinary(wrap(withNul(20_000, 0))), true);
    assert.equal(looksBinary(wrap(withNul(20_000, 7_999))), true);
    assert.equal(looksBinary(wrap(withNul(20_000, 8_000))), false);
    assert.equal(looksBinary(wrap(withNul(100, 99))), true);
    assert.equal(looksBinary(wrap(withNul(100, -1))), false);
    assert.equal(looksBinary(wrap(new Uint8Array(0))), false);
  }
});

test('a file with a NUL byte is skipped as binary, text without one is read', () => {
  assert.deepEqual(decodeText(withNul(10, 3)), { error: BINARY });
  assert.deepEqual(decodeText(new TextEncoder().encode('- #claim Text ^a')), { text: '- #claim Text ^a' });
});
