// The `claimlens` command line: the same core as the server, without an editor.
//   claimlens check [DIR]     diagnostics like a compiler; exit 1 on errors
//   claimlens lsp --stdio     the language server, for any LSP editor
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../core/index';
import { fileUri, relativeTo } from '../core/workspace';
import { diagnose } from '../features/diagnostics';
import { FsWorkspace } from '../node/fsWorkspace';
import { runServer } from '../lsp/run';

const USAGE = `usage:
  claimlens check [DIR]      print diagnostics (file:line:col: severity: message); exit 1 on errors
  claimlens lsp --stdio      start the language server on stdin/stdout`;

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
  const uris = [...index.notes.keys(), ...index.registries.keys(), ...index.skipped.keys()];
  if (index.configUri) uris.push(index.configUri);
  let errors = 0, warnings = 0;
  for (const uri of uris.sort()) {
    const rel = relativeTo(folder, uri) ?? uri;
    for (const d of await diagnose(index, uri)) {
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return check(rest.find((a) => !a.startsWith('-')) ?? '.', (l) => console.log(l), (l) => console.error(l));
    case 'lsp':
      runServer();
      return -1;
    case '--help': case '-h': case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(command ? `claimlens: unknown command "${command}"\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (e) => { console.error(`claimlens: ${e instanceof Error ? e.message : String(e)}`); process.exitCode = 2; },
);
