// `claimlens export [DIR] --format F [-o FILE] [--force] [--status S] [--entity E] [--note GLOB] [--kind K] [--relation R]`:
// the notes of a folder in one of the export formats (the claims' records, or
// the claim map as GraphML or Mermaid), to standard output or to a file
// written atomically that is never replaced without --force. Either way the
// export is written as a stream, a chunk at a time, in this process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createClaimlens } from '../core/service';
import { EXPORT_FORMATS, ExportError, type ExportOutput, isExportFormat, isGraphFormat } from '../core/export/formats';
import { MAP_RELATIONS } from '../core/features/claimMapTypes';
import { fileUri } from '../core/workspace/workspace';
import { TargetExistsError, TargetNotAFileError, writeAtomically } from '../node/atomicWrite';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';

export const EXPORT_USAGE = `usage: claimlens export [DIR] --format ${Object.keys(EXPORT_FORMATS).join('|')} [-o FILE] [--force]
                        [--status S]... [--entity NAME]... [--note GLOB]... [--kind K]... [--relation R]...
  -o, --output FILE   write to FILE (atomically) instead of standard output; qdpx needs it
  --force             replace FILE if it exists
  --status S          only claims with status S (repeatable, or comma-separated)
  --entity NAME       only claims that mention the entity (id, name or alias; repeatable)
  --note GLOB         only notes whose path matches (e.g. 'notes/**', '*-shift.md'; repeatable)
  --kind K            only claims of kind K (fact, prediction…; repeatable, or comma-separated)
  --text WORDS        only claims whose text or id contains WORDS (case-insensitive)
  --relation R        graphml, mermaid: only these relations are drawn (${MAP_RELATIONS.join(', ')}; repeatable, or comma-separated)
  --keep-formulas     csv: write cells that start with = + - @ as they are (by default they get a leading ')`;

export interface ExportIo {
  /** Standard output: the export itself when no -o is given. */
  out(data: string): void;
  /** Messages for the person running the command. */
  err(line: string): void;
}

export async function exportCommand(argv: string[], io: ExportIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' },
        status: { type: 'string', multiple: true }, entity: { type: 'string', multiple: true },
        note: { type: 'string', multiple: true }, 'keep-formulas': { type: 'boolean' }, text: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        kind: { type: 'string', multiple: true }, relation: { type: 'string', multiple: true },
      },
    });
  } catch (e) {
    io.err(`claimlens export: ${(e as Error).message}\n${EXPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) { io.err(EXPORT_USAGE); return 0; }
  const format = values.format;
  if (!isExportFormat(format)) {
    io.err(`claimlens export: ${format === undefined ? '--format is required' : `unknown format "${format}"`}\n${EXPORT_USAGE}`);
    return 2;
  }
  if (positionals.length > 1) { io.err(`claimlens export: one folder at most\n${EXPORT_USAGE}`); return 2; }
  if (EXPORT_FORMATS[format].binary && !values.output) {
    io.err(`claimlens export: the ${format} format is a zip file; name it with -o FILE`);
    return 2;
  }
  const root = path.resolve(positionals[0] ?? '.');
  const target = values.output ? path.resolve(values.output) : undefined;
  if (target && !values.force && (await exists(target))) {
    io.err(`claimlens export: ${values.output} already exists; use --force to replace it`);
    return 1;
  }
  const service = createClaimlens({
    workspace: new FsWorkspace([fileUri(root)]), codec: nodeCodec, logger: { log: (m) => io.err(`claimlens: ${m}`) },
  });
  await service.start();
  const conflict = target && await service.exportTargetConflict(fileUri(target));
  if (conflict) {
    io.err(`claimlens export: ${values.output} is ${conflict}; an export never writes over a file the workspace reads, even with --force`);
    return 1;
  }
  const list = (v: string[] | undefined) => v?.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  try {
    const request = {
      format,
      filter: {
        status: list(values.status), entity: values.entity, note: values.note, text: values.text,
        kind: list(values.kind), relation: list(values.relation),
      },
      csvKeepFormulas: values['keep-formulas'] === true,
      base: fileUri(target ? path.dirname(target) : root),
    };
    const summary = (result: ExportOutput) => isGraphFormat(format)
      ? `${count(result.claims, 'claim')}, ${count(result.entities ?? 0, 'entity', 'entities')} and ${count(result.relations ?? 0, 'relation')}`
      : `${count(result.claims, 'claim')}, ${count(result.quotes, 'quote')} (${result.anchored} anchored)`;
    if (!target) {
      // Standard output takes the text as it is written; the chunks never cut a character in two.
      const decoder = new TextDecoder();
      const result = await service.exportClaims({ ...request, sink: { write: async (bytes) => io.out(decoder.decode(bytes, { stream: true })) } });
      for (const w of result.warnings) io.err(`claimlens: ${w}`);
      io.err(`exported ${summary(result)}`);
      return 0;
    }
    const { result, bytes } = await writeAtomically(target, values.force === true, (file) => service.exportClaims({ ...request, sink: file }));
    for (const w of result.warnings) io.err(`claimlens: ${w}`);
    io.err(`exported ${summary(result)} to ${values.output} (${bytes} bytes)`);
    return 0;
  } catch (e) {
    if (e instanceof ExportError) { io.err(`claimlens export: ${e.message}`); return 2; }
    if (e instanceof TargetNotAFileError) { io.err(`claimlens export: ${e.message}`); return 1; }
    if (e instanceof TargetExistsError) { io.err(`claimlens export: ${values.output} already exists; use --force to replace it`); return 1; }
    throw e;
  }
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function exists(file: string): Promise<boolean> {
  return fs.promises.stat(file).then(() => true, () => false);
}
