// Conversions at the edge: the settings the client sends (the one place that
// trusts no shape) and core results into LSP's types.
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { type ClaimlensSettings, defaultSettings } from '../../../shared/protocol';
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

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** A core Problem as an LSP diagnostic. */
export function toDiagnostic(p: Problem): Diagnostic {
  const d: Diagnostic = { range: p.range, severity: SEVERITY[p.severity], message: p.message, source: 'claimlens', code: p.code };
  if (p.data) d.data = p.data;
  return d;
}
