// `.claimlens.yaml` at a workspace folder's root: the statuses an analyst can
// give a claim (label, codicon, ClaimReview rating, stance), the severity of
// each consistency check, and which notes to read.
import { type CheckLevel, type Config, type Stance, type StatusDef, lineRange } from './model';
import { type Node } from 'yaml';
import { errorText, child, isMap, isScalar, isSeq, parseYaml, scalarString, type ParsedYaml } from './yamlText';

export const DEFAULT_STATUSES: StatusDef[] = [
  { id: 'unverified', label: 'Unverified', icon: 'question', stance: 'open' },
  { id: 'supported', label: 'Supported', icon: 'pass', rating: 5, stance: 'upheld' },
  { id: 'plausible', label: 'Plausible', icon: 'thumbsup', rating: 4, stance: 'upheld' },
  { id: 'disputed', label: 'Disputed', icon: 'comment-discussion', rating: 3, stance: 'open' },
  { id: 'misleading', label: 'Misleading', icon: 'warning', rating: 2, stance: 'rejected' },
  { id: 'refuted', label: 'Refuted', icon: 'error', rating: 1, stance: 'rejected' },
];

export const DEFAULT_STATUS = 'unverified';

const STANCES: readonly Stance[] = ['upheld', 'rejected', 'open'];
const CHECK_LEVELS: readonly CheckLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/** A status without `stance:` takes the default status's of the same id, else `open`: no verdict is assumed. */
function defaultStance(id: string): Stance {
  return DEFAULT_STATUSES.find((s) => s.id === id)?.stance ?? 'open';
}

export function defaultConfig(): Config {
  return { statuses: DEFAULT_STATUSES, checks: {}, rating: { best: 5, worst: 1 }, include: ['**/*.md'], exclude: [], problems: [] };
}

export function parseConfig(text: string): Config {
  const config = defaultConfig();
  let y: ParsedYaml | undefined;
  try {
    y = parseYaml(text, 0, 'config-yaml');
    config.problems = y.problems;
    readConfig(config, y);
  } catch (e) {
    // Whatever went wrong, the defaults stand and the file says why.
    config.problems.push({ code: 'config-shape', severity: 'error', range: lineRange(0, 0, 0), message: `.claimlens.yaml could not be read: ${errorText(e)}` });
  }
  return config;
}

function readConfig(config: Config, y: ParsedYaml): void {
  const problems = config.problems;
  const root = y.doc.contents;
  const wrong = (node: unknown, message: string, code = 'config-shape') =>
    problems.push({ code, severity: 'error', range: y.rangeOf(node as Node) ?? lineRange(0, 0, 0), message });
  if (root === null || root === undefined) return;
  if (!isMap(root)) {
    wrong(root, '.claimlens.yaml should be a mapping (statuses:, rating:, notes:).');
    return;
  }
  const statuses = child(root, 'statuses');
  if (statuses !== undefined && !isSeq(statuses)) {
    wrong(statuses, 'statuses: should be a list of statuses (- id: supported, label: …, icon: …, rating: …); the default statuses are used.');
  } else if (statuses) {
    const list: StatusDef[] = [];
    for (const item of statuses.items) {
      const id = isMap(item) ? scalarString(child(item, 'id')) : scalarString(item);
      if (!id) {
        wrong(item, 'Each status needs an id.', 'config-status');
        continue;
      }
      const stance = oneOf(item, 'stance', STANCES, wrong, 'config-status');
      const def: StatusDef = {
        id: id.toLowerCase(), label: text(item, 'label', wrong) ?? id, icon: text(item, 'icon', wrong) ?? 'circle-outline',
        stance: stance ?? defaultStance(id.toLowerCase()),
      };
      const rating = number(item, 'rating', wrong, 'config-status');
      if (rating !== undefined) def.rating = rating;
      list.push(def);
    }
    if (list.length > 0) config.statuses = list;
  }
  const checks = child(root, 'checks');
  if (checks !== undefined && !isMap(checks)) wrong(checks, 'checks: should be a mapping of check names to error, warning, information, hint or off.');
  else if (checks) {
    for (const pair of checks.items) {
      const code = scalarString(pair.key)?.trim().toLowerCase();
      const level = code ? oneOf(checks, code, CHECK_LEVELS, wrong, 'config-check') : undefined;
      if (code && level) config.checks[code] = level;
    }
  }
  const rating = child(root, 'rating');
  if (rating !== undefined && !isMap(rating)) wrong(rating, 'rating: should be a mapping with best: and worst: numbers.');
  const best = number(rating, 'best', wrong);
  const worst = number(rating, 'worst', wrong);
  if (best !== undefined) config.rating.best = best;
  if (worst !== undefined) config.rating.worst = worst;
  const notes = child(root, 'notes');
  if (notes !== undefined && !isMap(notes)) wrong(notes, 'notes: should be a mapping with include: and exclude: globs.');
  const include = globs(notes, 'include', wrong);
  if (include.length) config.include = include;
  config.exclude = globs(notes, 'exclude', wrong);
}

type Report = (node: unknown, message: string, code?: string) => void;

/** A text value under `key` of a status; a list or mapping there is reported and ignored. */
function text(map: unknown, key: string, wrong: Report): string | undefined {
  const node = child(map, key);
  if (node !== undefined && !isScalar(node)) wrong(node, `${key}: should be text.`, 'config-status');
  return scalarString(node);
}

/** One of `allowed` under `key` (any case); anything else there is reported and ignored. */
function oneOf<T extends string>(map: unknown, key: string, allowed: readonly T[], wrong: Report, code: string): T | undefined {
  const node = child(map, key);
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  const value = scalarString(node)?.trim().toLowerCase();
  const found = allowed.find((a) => a === value);
  if (!found) wrong(node, `${key}: should be one of ${allowed.join(', ')}, not ${JSON.stringify(scalarString(node) ?? 'a list or mapping')}.`, code);
  return found;
}

/** A finite number under `key`; anything else there is reported and ignored. */
function number(map: unknown, key: string, wrong: Report, code = 'config-shape'): number | undefined {
  const node = child(map, key);
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  const written = scalarString(node)?.trim();
  const value = written ? Number(written) : NaN;
  if (Number.isFinite(value)) return value;
  wrong(node, `${key}: should be a number, not ${JSON.stringify(scalarString(node) ?? 'a list or mapping')}.`, code);
  return undefined;
}

/** `include:` / `exclude:`: one glob or a list of globs, each text. */
function globs(notes: unknown, key: string, wrong: Report): string[] {
  const node = child(notes, key);
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  const items = isSeq(node) ? node.items : [node];
  const out: string[] = [];
  for (const item of items) {
    if (isScalar(item) && typeof item.value === 'string') out.push(item.value);
    else wrong(item ?? node, `notes.${key} should be a glob (text) or a list of globs, like "notes/**/*.md".`);
  }
  return out;
}
