// JSON written a piece at a time, byte for byte as JSON.stringify(doc, null, 2)
// writes it whole. The document is stringified with a marker in place of each
// long array; the arrays' items are then stringified one by one and indented
// to the marker's depth. JSON strings hold no raw line break, so indenting
// every line of an item is safe.
const MARK = '\u0001claimlens-array\u0001';
const MARKED = /"\\u0001claimlens-array\\u0001(\d+)"/g;

/** The JSON of one value, as JSON.stringify(value, null, 2) writes it at `indent`. */
function indented(value: unknown, indent: string): string {
  const json = JSON.stringify(value, null, 2) ?? 'null';
  return indent + (json.includes('\n') ? json.replace(/\n/g, '\n' + indent) : json);
}

/**
 * The pieces of `JSON.stringify(doc, null, 2) + '\n'`, where `doc` holds
 * `arrayAt(i)` in place of the i-th of `arrays`: one piece per item.
 */
export function* jsonPieces(doc: object, arrays: ReadonlyArray<Iterable<unknown>>): Generator<string> {
  const text = JSON.stringify(doc, null, 2);
  let at = 0;
  for (const m of text.matchAll(MARKED)) {
    const head = text.slice(at, m.index);
    yield head;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const indent = /^ */.exec(text.slice(lineStart, m.index))![0] + '  ';
    const items = arrays[Number(m[1])]![Symbol.iterator]();
    let next = items.next();
    if (next.done) {
      yield '[]';
    } else {
      yield '[\n' + indented(next.value, indent);
      for (next = items.next(); !next.done; next = items.next()) yield ',\n' + indented(next.value, indent);
      yield '\n' + indent.slice(2) + ']';
    }
    at = m.index + m[0].length;
  }
  yield text.slice(at) + '\n';
}

/** The marker for the i-th array given to jsonPieces. */
export function arrayAt(i: number): string {
  return MARK + i;
}

/** `items` mapped lazily, so a long array is turned into JSON one item at a time. */
export function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const it of items) yield f(it);
}
