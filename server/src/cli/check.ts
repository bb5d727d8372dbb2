// `claimlens check [DIR]`: every diagnostic of a notes folder, printed the
// way compilers print them, for CI on a notes repository.
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../core/workspace/workspaceIndex';
import { fileUri, relativeTo } from '../core/workspace/workspace';
import { Anchoring } from '../core/anchoring/noteAnchoring';
import { anchoringProblems } from '../core/features/anchorViews';
import { diagnose } from '../core/features/diagnostics';
import { FsWorkspace } from '../node/fsWorkspace';
import { sha256 } from '../node/hash';

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint',
};

export async function check(dir: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const root = path.resolve(dir);
  const folder = fileUri(root);
  const logged: string[] = [];
  const index = new WorkspaceIndex(new FsWorkspace([folder]), { logger: { log: (m) => logged.push(m) } });
  await index.build();
  // Quotes are checked against their sources, as in the editor.
  const anchoring = new Anchoring(index, { hash: sha256 });
  const quoteProblems = async (note: Parameters<typeof anchoring.anchorNote>[0]) => anchoringProblems(await anchoring.anchorNote(note));
  const uris = [...index.notes.keys(), ...index.registries.keys(), ...index.skipped.keys()];
  if (index.configUri) uris.push(index.configUri);
  let errors = 0, warnings = 0;
  for (const uri of uris.sort()) {
    const rel = relativeTo(folder, uri) ?? uri;
    const ds = (await diagnose(index, uri, { quoteProblems })).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const d of ds) {
      if (d.severity === DiagnosticSeverity.Hint) continue;
      if (d.severity === DiagnosticSeverity.Error) errors++;
      if (d.severity === DiagnosticSeverity.Warning) warnings++;
      out(`${path.join(dir, rel)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity ?? 1]}: ${d.message}`);
    }
  }
  const s = index.stats();
  err(`${s.notes} notes, ${s.claims} claims, ${s.entities} entities: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors > 0 ? 1 : 0;
}

