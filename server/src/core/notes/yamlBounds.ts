// A linear pre-scan of YAML text for nesting depth, run before the `yaml`
// package sees it. The package parses nested collections recursively: 10,000
// `[` in a note's front matter exhausted the stack, produced hundreds of
// errors for one line, and could abort the process while compiling a regular
// expression near the stack's end. Counting levels first lets such text be
// refused with one clear problem. The count follows YAML's rules closely
// enough for that purpose: a `[` or `{` opens a level where a value may start
// (or anywhere inside a flow collection), quoted scalars and comments are
// skipped, and each deeper indentation or `- ` on a line is a block level.

export const MAX_YAML_DEPTH = 100;

/** The offset where `text` first nests deeper than `max` levels, or undefined. */
export function tooDeepAt(text: string, max = MAX_YAML_DEPTH): number | undefined {
  let flow = 0;
  let quote = '';
  let start = true;
  const block: number[] = [];
  let base = 0;
  while (base <= text.length) {
    let eol = text.indexOf('\n', base);
    if (eol < 0) eol = text.length;
    let k = base;
    if (!quote && flow === 0) {
      while (k < eol && text[k] === ' ') k++;
      if (k === eol || text[k] === '#' || text[k] === '\r') { base = eol + 1; continue; }
      const indent = k - base;
      while (block.length > 0 && block[block.length - 1] > indent) block.pop();
      if (block.length === 0 || block[block.length - 1] < indent) block.push(indent);
      let depth = block.length;
      // `- - - a` and `? ? a`: each indicator on the line opens one more level.
      while ((text[k] === '-' || text[k] === '?') && (k + 1 === eol || text[k + 1] === ' ')) {
        depth++;
        k++;
        while (k < eol && text[k] === ' ') k++;
      }
      if (depth > max) return k;
      start = true;
    }
    for (; k < eol; k++) {
      const c = text[k];
      if (quote) {
        if (c === '\\' && quote === '"') { k++; continue; }
        if (c === quote) {
          if (quote === "'" && text[k + 1] === "'") { k++; continue; }
          quote = '';
          start = false;
        }
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && (k === base || text[k - 1] === ' ' || text[k - 1] === '\t')) break;
      if (start && (c === '"' || c === "'")) { quote = c; continue; }
      if (start && (c === '&' || c === '!')) {
        // An anchor or a tag comes before the value it names: skip it, a value may still start.
        while (k + 1 < eol && text[k + 1] !== ' ' && text[k + 1] !== '\t') k++;
        continue;
      }
      if ((c === '[' || c === '{') && (start || flow > 0)) {
        flow++;
        if (flow + block.length > max) return k;
        start = true;
        continue;
      }
      if ((c === ']' || c === '}') && flow > 0) { flow--; start = false; continue; }
      if (c === ',' && flow > 0) { start = true; continue; }
      if (c === ':' && (k + 1 === eol || text[k + 1] === ' ' || text[k + 1] === '\t' || flow > 0)) { start = true; continue; }
      if ((c === '-' || c === '?') && start && (k + 1 === eol || text[k + 1] === ' ')) continue;
      start = false;
    }
    base = eol + 1;
  }
  return undefined;
}
