// JSON written a piece at a time, byte for byte as JSON.stringify(doc, null, 2)
// writes it whole. The document is stringified with a marker in place of each
// long array; the arrays' items are then stringified one by one and indented
// to the marker's depth.
const MARK = '\u0001claimlens-array\u0001';
const MARKED = /"\\u0001claimlens-array\\u0001(\d+)"/g;

/**
 * The JSON of one value as JSON.stringify(value, null, 2) writes it at
 * `depth` levels of indent: the value is stringified inside `depth` arrays,
 * which indents its every line, and their brackets are cut off again
 * (cheaper than indenting its lines afterwards).
 */
function indented(value: unknown, depth: number): string {
  let wrapped = value === undefined ? null : value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const json = JSON.stringify(wrapped, null, 2);
  // `[\n  [\n    …` before the value, `…\n  ]\n]` after it.
  const before = depth * (depth + 1);
  const after = depth * depth + depth;
  return json.slice(before, json.length - after);
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
    const indent = /^ */.exec(text.slice(lineStart, m.index))![0];
    const depth = indent.length / 2 + 1;
    const items = arrays[Number(m[1])]![Symbol.iterator]();
    let next = items.next();
    if (next.done) {
      yield '[]';
    } else {
      yield '[\n' + indented(next.value, depth);
      for (next = items.next(); !next.done; next = items.next()) yield ',\n' + indented(next.value, depth);
      yield '\n' + indent + ']';
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
