// Building workspace edits that carry the version of each open document they
// were computed on, so the editor applies them to that version or not at all.
import { type Edit, type TextEdit } from './types';

/** The version of an open document, or null when the file is not open. */
export type VersionOf = (uri: string) => number | null;

export class EditBuilder {
  private readonly edits = new Map<string, TextEdit[]>();
  private readonly creates: string[] = [];
  constructor(private readonly versionOf: VersionOf) {}
  add(uri: string, edit: TextEdit): this {
    const list = this.edits.get(uri);
    if (list) list.push(edit); else this.edits.set(uri, [edit]);
    return this;
  }
  create(uri: string): this {
    this.creates.push(uri);
    return this;
  }
  build(): Edit {
    const files = [...this.edits].map(([uri, edits]) => ({
      uri, version: this.versionOf(uri),
      // Same-position edits would be ambiguous; identical duplicates are dropped.
      edits: edits.filter((e, i) => edits.findIndex((o) => sameRange(o, e) && o.newText === e.newText) === i),
    }));
    return { creates: [...this.creates], files };
  }
}

function sameRange(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

/** A YAML scalar for `text`: plain when that reads back the same, double-quoted otherwise. */
export function yamlScalar(text: string): string {
  const plain = /^[A-Za-z0-9\u00C0-\uFFFF][^:#\n"'[\]{},&*!|>%@`]*$/.test(text) && !/\s$/.test(text)
    && !/^(?:true|false|null|yes|no|on|off|~|[-+]?[0-9.]+(?:e[-+]?[0-9]+)?)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}
