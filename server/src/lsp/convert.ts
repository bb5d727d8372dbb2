// Reading the settings the client sends; the one place that trusts no shape.
import { type ClaimlensSettings, defaultSettings } from '../../../shared/protocol';

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
