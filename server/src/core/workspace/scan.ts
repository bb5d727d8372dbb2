// Finding the files of a workspace: notes (include/exclude globs), entity
// registries and the config, skipping hidden folders, node_modules and what
// `.gitignore` files exclude (nested ones apply to their own folder).
import { type CancellationToken, neverCancelled } from '../base/cancellation';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { isRegistryPath } from '../notes/registry';
import { type Logger, type Workspace, relativeTo, childUri } from './workspace';

export interface ScanOptions { include: string[]; exclude: string[] }

export interface FileKinds { notes: string[]; registries: string[]; configs: string[] }

export type FileKind = 'note' | 'registry' | 'config' | undefined;

/** Decides what a file is from its path relative to its workspace folder. */
export class FileClassifier {
  private readonly include: (p: string) => boolean;
  private readonly exclude: (p: string) => boolean;
  constructor(options: ScanOptions) {
    this.include = picomatch(options.include.length ? options.include : ['**/*.md'], { dot: false, nocase: true });
    this.exclude = options.exclude.length ? picomatch(options.exclude, { dot: true, nocase: true }) : () => false;
  }
  kind(rel: string): FileKind {
    if (rel.split('/').some((p) => p.startsWith('.') && p !== '.claimlens.yaml') || rel.includes('node_modules/')) return undefined;
    if (rel === '.claimlens.yaml') return 'config';
    if (isRegistryPath(rel)) return 'registry';
    if (rel.toLowerCase().endsWith('.md') && this.include(rel) && !this.exclude(rel)) return 'note';
    return undefined;
  }
}

export async function scanWorkspace(ws: Workspace, classifier: FileClassifier, logger: Logger,
  token: CancellationToken = neverCancelled): Promise<FileKinds> {
  const out: FileKinds = { notes: [], registries: [], configs: [] };
  for (const folder of ws.folders) {
    const walk = async (dir: string, ignores: Array<{ base: string; ig: Ignore }>) => {
      if (token.isCancellationRequested) return;
      let entries;
      try {
        entries = await ws.readDirectory(dir);
      } catch (e) {
        logger.log(`cannot list ${dir}: ${String(e)}`);
        return;
      }
      if (entries.some(([n, k]) => n === '.gitignore' && k === 'file')) {
        // An unreadable .gitignore costs its own rules, not the scan.
        const bytes = await ws.readFile(childUri(dir, '.gitignore')).catch((e: unknown) => {
          logger.log(`${childUri(dir, '.gitignore')}: not read, its rules are not applied (${e instanceof Error ? e.message : String(e)})`);
          return undefined;
        });
        if (bytes) ignores = [...ignores, { base: relativeTo(folder, dir) ?? '', ig: ignore().add(new TextDecoder().decode(bytes)) }];
      }
      const subdirs: Promise<void>[] = [];
      for (const [name, kind] of entries) {
        const uri = childUri(dir, name);
        const rel = relativeTo(folder, uri) ?? name;
        if (kind === 'directory') {
          if (name.startsWith('.') || name === 'node_modules') continue;
          if (isIgnored(ignores, rel + '/')) continue;
          subdirs.push(walk(uri, ignores));
          continue;
        }
        const k = classifier.kind(rel);
        if (!k || (k !== 'config' && isIgnored(ignores, rel))) continue;
        if (k === 'note') out.notes.push(uri);
        else if (k === 'registry') out.registries.push(uri);
        else out.configs.push(uri);
      }
      await Promise.all(subdirs);
    };
    await walk(folder, []);
  }
  return out;
}

function isIgnored(ignores: Array<{ base: string; ig: Ignore }>, rel: string): boolean {
  for (const { base, ig } of ignores) {
    const sub = base ? (rel.startsWith(base + '/') ? rel.slice(base.length + 1) : undefined) : rel;
    if (sub && ig.ignores(sub)) return true;
  }
  return false;
}
