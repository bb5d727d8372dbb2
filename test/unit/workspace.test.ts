// URIs: the fast paths for plain names and POSIX paths give exactly what
// vscode-uri gives, so the index and the editor agree on every file's URI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { childUri, joinPath, relativeTo, uriToPath } from '../../server/src/core/workspace/workspace';

test('property: childUri and uriToPath agree with vscode-uri for any file name', () => {
  const name = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9 ._~-]{1,20}$/),
    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..'),
  );
  fc.assert(fc.property(name, (n) => {
    const uri = childUri('file:///work/notes', n);
    assert.equal(uri, URI.file('/work/notes/' + n).toString());
    assert.equal(uriToPath(uri), URI.parse(uri).fsPath);
    assert.equal(relativeTo('file:///work', uri), 'notes/' + n);
  }), { numRuns: 500 });
});

test('joinPath resolves a source path relative to its note', () => {
  assert.equal(joinPath('file:///work/notes', '../articles/a b.txt'), 'file:///work/articles/a%20b.txt');
});
