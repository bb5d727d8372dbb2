// `claimlens check [DIR]`: every diagnostic of a notes folder, printed the
// way compilers print them, for CI on a notes repository. The same service
// as the editor's, so the same problems, quotes included.
import * as path from 'node:path';
import { type Problem } from '../core/notes/model';
import { createClaimlens } from '../core/service';
import { fileUri, relativeTo } from '../core/workspace/workspace';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';

const LABEL: Record<Problem['severity'], string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

export async function check(dir: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const root = path.resolve(dir);
  const folder = fileUri(root);
  const logged: string[] = [];
  const service = createClaimlens({ workspace: new FsWorkspace([folder]), codec: nodeCodec, logger: { log: (m) => logged.push(m) } });
  await service.start();
  let errors = 0, warnings = 0;
  for (const uri of await service.checkedFiles()) {
    const rel = relativeTo(folder, uri) ?? uri;
    const problems = (await service.problems(uri))
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const p of problems) {
      if (p.severity === 'hint') continue;
      if (p.severity === 'error') errors++;
      if (p.severity === 'warning') warnings++;
      out(`${path.join(dir, rel)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${LABEL[p.severity]}: ${p.message}`);
    }
  }
  const s = service.stats();
  err(`${s.notes} notes, ${s.claims} claims, ${s.entities} entities: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors > 0 ? 1 : 0;
}
