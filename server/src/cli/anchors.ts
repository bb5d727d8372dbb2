// `claimlens anchors --confirm [DIR]`: records where every quote of a notes
// folder is, in `.claimlens/anchors.json` (SPEC §4, §7) — the same service,
// and so the same anchoring, as the editor's "Confirm Quotes". The file is
// written atomically, and only when its text changes: the same notes and
// sources give the same bytes, so it diffs cleanly in the notes' history.
//
// Exit codes: 0 recorded (or already up to date); 1 the record was not
// written (it has problems, or the file cannot be written); 2 the command
// line or the folder is wrong.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createClaimlens, RECORD_PATH } from '../core/service';
import { fileUri, uriToPath } from '../core/workspace/workspace';
import { TargetNotAFileError, writeFileAtomic } from '../node/atomicWrite';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';

export const ANCHORS_USAGE = `usage: claimlens anchors --confirm [DIR]
  --confirm   record where every quote of the notes in DIR (default: the current folder) is,
              in DIR/${RECORD_PATH}: the source's sha256, the offsets and 32 characters of
              context either side; quotes whose source changed keep their entry until reviewed`;

export interface AnchorsIo {
  /** What was done, one line each. */
  out(line: string): void;
  /** What went wrong, for the person running the command. */
  err(line: string): void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Why `dir` cannot hold a record: it does not exist, or is not a folder. */
function badFolder(dir: string, shown: string): string | undefined {
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  if (!st) return `there is no folder ${shown}`;
  if (!st.isDirectory()) return `${shown} is not a folder`;
  return undefined;
}

export async function anchorsCommand(argv: string[], io: AnchorsIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { confirm: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`claimlens anchors: ${(e as Error).message}\n${ANCHORS_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) { io.err(ANCHORS_USAGE); return 0; }
  if (!values.confirm) { io.err(`claimlens anchors: say --confirm to record the quotes' anchors\n${ANCHORS_USAGE}`); return 2; }
  if (positionals.length > 1) { io.err(`claimlens anchors: one folder at most\n${ANCHORS_USAGE}`); return 2; }
  const shown = positionals[0] ?? '.';
  const root = path.resolve(shown);
  const bad = badFolder(root, shown);
  if (bad) { io.err(`claimlens anchors: ${bad}`); return 2; }

  const logged: string[] = [];
  const service = createClaimlens({ workspace: new FsWorkspace([fileUri(root)]), codec: nodeCodec, logger: { log: (m) => logged.push(m) } });
  await service.start();
  const results = await service.confirmQuotes();
  if ('error' in results) { io.err(`claimlens anchors: ${results.error}`); return 1; }
  if (results.length === 0) {
    io.out(`No quote to record in ${shown}: no note there names a saved source with a quote found in it.`);
    return 0;
  }
  for (const { uri, text, summary } of results) {
    const target = uriToPath(uri);
    const rel = path.relative(process.cwd(), target) || target;
    const same = fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text;
    try {
      if (!same) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        await writeFileAtomic(target, text, true);
      }
    } catch (e) {
      const message = e instanceof TargetNotAFileError ? e.message : (e as Error).message;
      io.err(`claimlens anchors: ${rel} could not be written: ${message}`);
      return 1;
    }
    const left = [
      summary.ambiguous ? `${plural(summary.ambiguous, 'quote')} that match${summary.ambiguous === 1 ? 'es' : ''} in several places alike (pin one place each with the quick fix in the editor)` : '',
      summary.unanchored ? `${plural(summary.unanchored, 'quote')} not found in ${summary.unanchored === 1 ? 'its' : 'their'} source` : '',
    ].filter(Boolean);
    io.out(`${same ? `${rel} is up to date` : `Wrote ${rel}`}: ${plural(summary.recorded, 'quote')} recorded`
      + `${!same && summary.updated ? ` (${summary.updated} new or changed)` : ''}.`);
    if (summary.awaitingReview) io.out(`Kept as recorded: ${plural(summary.awaitingReview, 'quote')} whose source changed, awaiting review (Claimlens: Review Changed Sources).`);
    if (left.length) io.out(`Not recorded: ${left.join('; ')}.`);
  }
  return 0;
}
