// Building workspace edits that carry the version of each open document they
// were computed on, so the editor applies them to that version or not at all.
import { type CreateFile, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';

/** The version of an open document, or null when the file is not open. */
export type VersionOf = (uri: string) => number | null;

export class EditBuilder {
  private readonly edits = new Map<string, TextEdit[]>();
  private readonly creates: CreateFile[] = [];
  constructor(private readonly versionOf: VersionOf) {}
  add(uri: string, edit: TextEdit): this {
    const list = this.edits.get(uri);
    if (list) list.push(edit); else this.edits.set(uri, [edit]);
    return this;
  }
  create(uri: string): this {
    this.creates.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    return this;
  }
  get size(): number { return [...this.edits.values()].reduce((n, l) => n + l.length, 0); }
  build(): WorkspaceEdit {
    const changes: Array<TextDocumentEdit | CreateFile> = [...this.creates];
    for (const [uri, edits] of this.edits) {
      // Same-position edits would be ambiguous; identical duplicates are dropped.
      const unique = edits.filter((e, i) => edits.findIndex((o) => sameRange(o, e) && o.newText === e.newText) === i);
      changes.push({ textDocument: { uri, version: this.versionOf(uri) }, edits: unique });
    }
    return { documentChanges: changes };
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
