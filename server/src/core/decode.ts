// Turning bytes read from disk into text, or into a reason it cannot be read:
// binary files and text that is not UTF-8 are reported, never guessed at.

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type Decoded = { text: string } | { error: string };

export function decodeText(bytes: Uint8Array): Decoded {
  const probe = Math.min(bytes.length, 8000);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return { error: 'binary file (it contains NUL bytes), skipped' };
  }
  try {
    // With ignoreBOM false the decoder drops a leading byte-order mark.
    return { text: utf8.decode(bytes) };
  } catch {
    return { error: 'not valid UTF-8 text, skipped' };
  }
}
