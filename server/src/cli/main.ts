// The `claimlens` command line: the same core as the server, without an editor.
//   claimlens check [DIR]     diagnostics like a compiler, as JSON or as SARIF; exit 1 on errors
//   claimlens export [DIR] …  the claims as JSON, CSV, a report, W3C annotations, ClaimReview or REFI-QDA
//   claimlens anchors --confirm [DIR]   record where every quote is, in .claimlens/anchors.json
//   claimlens lsp --stdio     the language server, for any LSP editor
import { runServer } from '../lsp/run';
import { anchorsCommand } from './anchors';
import { check, parseCheckArgs } from './check';
import { exportCommand } from './export';

/** Written into SARIF's tool.driver; kept with the package's version. */
const VERSION = '0.1.0';

const USAGE = `usage:
  claimlens check [DIR] [--format text|json|sarif] [--fail-on error|warning|never]
                             print diagnostics (text: file:line:col: severity: message);
                             exit 0 when nothing at or above --fail-on (default error) is found,
                             1 when something is, 2 on a wrong command line
  claimlens export [DIR] --format json|csv|md|w3c|claimreview|qdpx [-o FILE]
                             export the claims (claimlens export --help for the filters)
  claimlens anchors --confirm [DIR]
                             record where every quote is (source sha256, offsets, context)
                             in DIR/.claimlens/anchors.json, to commit with the notes
  claimlens lsp --stdio      start the language server on stdin/stdout`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check': {
      const args = parseCheckArgs(rest);
      if ('error' in args) { console.error(`claimlens check: ${args.error}\n${USAGE}`); return 2; }
      return check(args.dir, (l) => console.log(l), (l) => console.error(l), { ...args.options, version: VERSION });
    }
    case 'export':
      return exportCommand(rest, { out: (d) => process.stdout.write(d), err: (l) => console.error(l) });
    case 'anchors':
      return anchorsCommand(rest, { out: (l) => console.log(l), err: (l) => console.error(l) });
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
