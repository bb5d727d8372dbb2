// The forms `claimlens check` writes its findings in: compiler-style lines for
// people, a JSON document for scripts (schemas/claimlens-check.schema.json),
// and SARIF 2.1.0 for code-scanning dashboards, whose rules come from the
// core's list of diagnostic codes with their help text.
import { type Problem, type Severity } from '../core/notes/model';
import { CONFIGURABLE_CHECKS, type Rule, ruleFor, RULES } from '../core/features/rules';

/** One file's problems, its path as the report shows it (relative to where check was run). */
export interface CheckedFile { path: string; problems: Problem[] }

export interface CheckSummary { notes: number; claims: number; error: number; warning: number; information: number; hint: number }

export const CHECK_FORMAT_VERSION = 1;

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/** `file:line:col: severity: message`, 1-based; hints are left out (they are for the editor). */
export function textLines(files: CheckedFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const p of f.problems) {
      if (p.severity !== 'hint') out.push(`${f.path}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${LABEL[p.severity]}: ${p.message}`);
    }
  }
  return out;
}

/** "84 claims in 12 notes: 1 error, 3 warnings". */
export function summaryLine(s: CheckSummary): string {
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${n(s.claims, 'claim')} in ${n(s.notes, 'note')}: ${n(s.error, 'error')}, ${n(s.warning, 'warning')}`;
}

/** The JSON form: positions 0-based, as in the editor and the JSON export. */
export function jsonReport(files: CheckedFile[], summary: CheckSummary, pathOf: (uri: string) => string): object {
  return {
    format: 'claimlens-check',
    version: CHECK_FORMAT_VERSION,
    summary,
    problems: files.flatMap((f) => f.problems.map((p) => ({
      file: f.path, code: p.code, severity: p.severity, message: p.message, range: p.range,
      ...(p.related?.length ? { related: p.related.map((r) => ({ file: pathOf(r.uri), range: r.range, message: r.message })) } : {}),
    }))),
  };
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0: one run, a rule per code (with help), a result per problem with its related locations. */
export function sarifReport(files: CheckedFile[], version: string, pathOf: (uri: string) => string): object {
  const rules: Rule[] = [...RULES];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const indexOf = (code: string): number => {
    let i = ruleIndex.get(code);
    if (i === undefined) { i = rules.push(ruleFor(code)) - 1; ruleIndex.set(code, i); }
    return i;
  };
  const results = files.flatMap((f) => f.problems.map((p) => {
    const i = indexOf(p.code);
    return {
      ruleId: rules[i]!.id, ruleIndex: i, level: LEVEL[p.severity], message: { text: p.message },
      locations: [location(f.path, p.range)],
      ...(p.related?.length
        ? { relatedLocations: p.related.map((r, k) => ({ id: k + 1, ...location(pathOf(r.uri), r.range), message: { text: r.message } })) }
        : {}),
    };
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'claimlens', version, semanticVersion: version,
          rules: rules.map((r) => ({
            id: r.id, shortDescription: { text: r.summary }, help: { text: r.help },
            defaultConfiguration: { level: defaultLevel(r.id) },
          })),
        },
      },
      results,
    }],
  };
}

function defaultLevel(code: string): 'error' | 'warning' | 'note' | 'none' {
  const level = CONFIGURABLE_CHECKS[code];
  if (level === 'off') return 'none';
  return level ? LEVEL[level] : 'warning';
}

function location(path: string, range: Problem['range']): { physicalLocation: object } {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path.split('\\').join('/')) },
      // SARIF counts from 1 and its end column is one past the last character, as LSP's end is.
      region: {
        startLine: range.start.line + 1, startColumn: range.start.character + 1,
        endLine: range.end.line + 1, endColumn: range.end.character + 1,
      },
    },
  };
}
