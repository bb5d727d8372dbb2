// Conversions at the edge, one function per shape: the settings the client
// sends (the one place that trusts no shape), the diagnostics it sends back
// with a code action request, and every core result into LSP's types. The
// core speaks plain data (core/features/types.ts); only this file knows how
// LSP spells it, so the wire output is decided here and nowhere else.
import {
  type ClientCapabilities, type CodeAction as LspCodeAction, type CodeLens as LspCodeLens,
  type CompletionItem as LspCompletionItem, CompletionItemKind, type CompletionList, CreateFile, type Diagnostic,
  DiagnosticSeverity, type DocumentSymbol as LspDocumentSymbol, type Hover as LspHover, type Location as LspLocation,
  MarkupKind, ResourceOperationKind, SymbolKind as LspSymbolKind, TextDocumentEdit, type TextEdit as LspTextEdit,
  type WorkspaceEdit, type WorkspaceSymbol as LspWorkspaceSymbol,
} from 'vscode-languageserver';
import { type ClaimlensSettings, defaultSettings, type TagSelectionResult } from '../../../shared/protocol';
import { type TagSelectionResult as CoreTagSelectionResult } from '../core/features/tagSelection';
import {
  type CodeAction, type CodeLens, type Completion, type CompletionItem, type CompletionKind, type DocumentSymbol, type Edit,
  type Hover, type Location, type SymbolKind, type TextEdit, type WorkspaceSymbol,
} from '../core/features/types';
import { type Problem } from '../core/notes/model';

export function readSettings(raw: unknown): ClaimlensSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const list = (v: unknown, d: string[]) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : d);
  return {
    notes: {
      include: list(r.notes?.include, defaultSettings.notes.include),
      exclude: list(r.notes?.exclude, defaultSettings.notes.exclude),
    },
    sources: { allowOutsideWorkspace: r.sources?.allowOutsideWorkspace === true },
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : defaultSettings.maxFileSize,
    trusted: r.trusted !== false,
  };
}

// ---- problems and diagnostics, both ways ------------------------------------

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};
const SEVERITY_NAME = new Map(Object.entries(SEVERITY).map(([name, n]) => [n, name as Problem['severity']]));

/** A core Problem as an LSP diagnostic. */
export function toDiagnostic(p: Problem): Diagnostic {
  const d: Diagnostic = { range: p.range, severity: SEVERITY[p.severity], message: p.message, source: 'claimlens', code: p.code };
  if (p.data) d.data = p.data;
  if (p.related?.length) d.relatedInformation = p.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return d;
}

/** A diagnostic the client sent back (with a code action request) as a Problem; a missing severity reads as an error, as LSP's clients show it. */
export function toProblem(d: Diagnostic): Problem {
  const data = d.data !== null && typeof d.data === 'object' && !Array.isArray(d.data) ? d.data as Record<string, unknown> : undefined;
  return {
    code: d.code === undefined ? '' : String(d.code), message: typeof d.message === 'string' ? d.message : d.message.value, range: d.range,
    severity: (d.severity !== undefined ? SEVERITY_NAME.get(d.severity) : undefined) ?? 'error', ...(data ? { data } : {}),
  };
}

// ---- results -----------------------------------------------------------------

export function toHover(h: Hover): LspHover {
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, ...(h.range ? { range: h.range } : {}) };
}

/** The core's Location is the protocol's, made for the answer: passed on as it is, not copied (10,000 of them in a references answer). */
export function toLocation(l: Location): LspLocation {
  return l;
}

const SYMBOL: Record<SymbolKind, LspSymbolKind> = {
  claim: LspSymbolKind.Event, heading: LspSymbolKind.String, entity: LspSymbolKind.Class,
};

export function toDocumentSymbol(s: DocumentSymbol): LspDocumentSymbol {
  return {
    name: s.name, detail: s.detail, kind: SYMBOL[s.kind], range: s.range, selectionRange: s.selectionRange,
    ...(s.children ? { children: s.children.map(toDocumentSymbol) } : {}),
  };
}

export function toWorkspaceSymbol(s: WorkspaceSymbol): LspWorkspaceSymbol {
  return { name: s.name, kind: SYMBOL[s.kind], containerName: s.containerName, location: toLocation(s.location) };
}

function toTextEdit(e: TextEdit): LspTextEdit {
  return { range: e.range, newText: e.newText };
}

const COMPLETION: Record<CompletionKind, CompletionItemKind> = {
  value: CompletionItemKind.EnumMember, claim: CompletionItemKind.Reference, field: CompletionItemKind.Field,
  entity: CompletionItemKind.Class, note: CompletionItemKind.File,
};

function toCompletionItem(i: CompletionItem): LspCompletionItem {
  return {
    label: i.label, kind: COMPLETION[i.kind], detail: i.detail, documentation: i.documentation,
    filterText: i.filterText, sortText: i.sortText, textEdit: toTextEdit(i.edit),
  };
}

export function toCompletionList(c: Completion): CompletionList {
  return { isIncomplete: c.isIncomplete, items: c.items.map(toCompletionItem) };
}

/** The client's command behind a lens (client/src/extension.ts registers it); a lens with none only shows its title. */
export function toCodeLens(l: CodeLens): LspCodeLens {
  const c = l.command;
  return {
    range: l.range,
    command: c ? { title: l.title, command: 'claimlens.showReferences', arguments: [c.uri, c.position] } : { title: l.title, command: '' },
  };
}

// ---- edits, in the form the client declared it applies ---------------------------

/** What the client can apply (`capabilities.workspace.workspaceEdit`), read once at initialize. */
export interface EditSupport {
  /** Versioned `documentChanges`; else only the plain `changes` map, with no versions. */
  documentChanges: boolean;
  /** A `create` among the document changes. */
  createFiles: boolean;
}

export function editSupport(capabilities: ClientCapabilities): EditSupport {
  const edit = capabilities.workspace?.workspaceEdit;
  const documentChanges = edit?.documentChanges === true;
  return { documentChanges, createFiles: documentChanges && (edit?.resourceOperations ?? []).includes(ResourceOperationKind.Create) };
}

/**
 * An edit as the client can apply it: `documentChanges`, each file pinned to
 * the version it was computed on and creations first, when the client takes
 * them; else the `changes` map, where nothing can carry a version. An edit
 * that creates a file cannot be written for a client that cannot create one
 * (a text edit to a missing file fails there): undefined, and the caller
 * says so in its own way.
 */
export function toWorkspaceEdit(e: Edit, support: EditSupport): WorkspaceEdit | undefined {
  if (e.creates.length > 0 && !support.createFiles) return undefined;
  if (!support.documentChanges) return { changes: Object.fromEntries(e.files.map((f) => [f.uri, f.edits.map(toTextEdit)])) };
  return {
    documentChanges: [
      ...e.creates.map((uri) => CreateFile.create(uri, { ignoreIfExists: true })),
      ...e.files.map((f) => TextDocumentEdit.create({ uri: f.uri, version: f.version }, f.edits.map(toTextEdit))),
    ],
  };
}

/**
 * A code action, its `diagnostics` being the very objects the client sent
 * (`diagnosticOf` maps each Problem back), so the client ties the fix to what
 * it shows. An action whose edit the client cannot apply is left out (undefined):
 * offered, it would only fail when chosen.
 */
export function toCodeAction(a: CodeAction, support: EditSupport, diagnosticOf: (p: Problem) => Diagnostic): LspCodeAction | undefined {
  const edit = a.edit && toWorkspaceEdit(a.edit, support);
  if (a.edit && !edit) return undefined;
  return {
    title: a.title, kind: a.kind, diagnostics: a.fixes && [diagnosticOf(a.fixes)], isPreferred: a.isPreferred,
    ...(edit ? { edit } : {}),
    // The server's own command: the editor sends it back as workspace/executeCommand.
    ...(a.command ? { command: { title: a.title, command: a.command.id, arguments: a.command.arguments } } : {}),
  };
}

/** Tag Selection's result on the wire; a new note the client cannot create becomes the error the client shows. */
export function toTagSelectionResult(r: CoreTagSelectionResult, support: EditSupport): TagSelectionResult {
  if ('error' in r) return r;
  const edit = toWorkspaceEdit(r.edit, support);
  if (!edit) return { error: 'No note names this source yet, and this editor cannot create one through the language server: add a note whose source: names it first.' };
  return { edit, uri: r.uri, created: r.created, selection: r.selection };
}
