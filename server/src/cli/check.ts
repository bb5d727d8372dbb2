// `claimlens check [DIR]`: every diagnostic of a notes folder, for CI on a
// notes repository. The same service as the editor's, so the same problems,
// quotes and the checks across claims included. Printed like a compiler's
// (text), as JSON, or as SARIF 2.1.0; the exit code says whether anything at
// or above --fail-on was found.
//
// Exit codes: 0 nothing at or above the --fail-on severity; 1 something was;
// 2 the command line was wrong or the check could not run.
import * as path from 'node:path';
import { createClaimlens } from '../core/service';
import { fileUri, relativeTo } from '../core/workspace/workspace';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';
import { type CheckedFile, type CheckSummary, jsonReport, sarifReport, summaryLine, textLines } from './checkReport';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export const FAIL_ON = ['error', 'warning', 'never'] as const;

export interface CheckOptions {
  format?: (typeof CHECK_FORMATS)[number];
  failOn?: (typeof FAIL_ON)[number];
  /** The version written into SARIF's tool. */
  version?: string;
}

export async function check(dir: string, out: (line: string) => void, err: (line: string) => void, options: CheckOptions = {}): Promise<number> {
  const root = path.resolve(dir);
  const folder = fileUri(root);
  const logged: string[] = [];
  const service = createClaimlens({ workspace: new FsWorkspace([folder]), codec: nodeCodec, logger: { log: (m) => logged.push(m) } });
  await service.start();
  const pathOf = (uri: string) => { const rel = relativeTo(folder, uri); return rel === undefined ? uri : path.join(dir, rel); };
  const files: CheckedFile[] = [];
  const stats = service.stats();
  const summary: CheckSummary = { notes: stats.notes, claims: stats.claims, error: 0, warning: 0, information: 0, hint: 0 };
  for (const uri of await service.checkedFiles()) {
    const problems = (await service.problems(uri))
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const p of problems) summary[p.severity]++;
    if (problems.length) files.push({ path: pathOf(uri), problems });
  }
  const format = options.format ?? 'text';
  if (format === 'text') textLines(files).forEach(out);
  else if (format === 'json') out(JSON.stringify(jsonReport(files, summary, pathOf), null, 2));
  else out(JSON.stringify(sarifReport(files, options.version ?? '0.0.0', pathOf), null, 2));
  err(summaryLine(summary));
  const failOn = options.failOn ?? 'error';
  const failed = failOn === 'error' ? summary.error > 0 : failOn === 'warning' ? summary.error + summary.warning > 0 : false;
  return failed ? 1 : 0;
}

/** `check`'s arguments: the folder and the options, or why they cannot be read. */
export function parseCheckArgs(args: string[]): { dir: string; options: CheckOptions } | { error: string } {
  const options: CheckOptions = {};
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.startsWith('--') ? args[i]!.split(/=(.*)/s, 2) as [string, string | undefined] : [args[i]!, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const v = value();
      if (!CHECK_FORMATS.includes(v as never)) return { error: `--format must be one of ${CHECK_FORMATS.join(', ')}, not ${JSON.stringify(v ?? '')}` };
      options.format = v as CheckOptions['format'];
    } else if (flag === '--fail-on') {
      const v = value();
      if (!FAIL_ON.includes(v as never)) return { error: `--fail-on must be one of ${FAIL_ON.join(', ')}, not ${JSON.stringify(v ?? '')}` };
      options.failOn = v as CheckOptions['failOn'];
    } else if (flag.startsWith('-')) {
      return { error: `unknown option ${flag}` };
    } else if (dir === undefined) {
      dir = flag;
    } else {
      return { error: `one folder only, not both ${dir} and ${flag}` };
    }
  }
  return { dir: dir ?? '.', options };
}
