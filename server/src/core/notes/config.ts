// `.claimlens.yaml` at a workspace folder's root: the statuses an analyst can
// give a claim (label, codicon, ClaimReview rating) and which notes to read.
import { type Config, type Problem, type StatusDef, lineRange } from './model';
import { child, isMap, isSeq, parseYaml, scalarString, stringList } from './yamlText';

export const DEFAULT_STATUSES: StatusDef[] = [
  { id: 'unverified', label: 'Unverified', icon: 'question' },
  { id: 'supported', label: 'Supported', icon: 'pass', rating: 5 },
  { id: 'plausible', label: 'Plausible', icon: 'thumbsup', rating: 4 },
  { id: 'disputed', label: 'Disputed', icon: 'comment-discussion', rating: 3 },
  { id: 'misleading', label: 'Misleading', icon: 'warning', rating: 2 },
  { id: 'refuted', label: 'Refuted', icon: 'error', rating: 1 },
];

export const DEFAULT_STATUS = 'unverified';

export function defaultConfig(): Config {
  return { statuses: DEFAULT_STATUSES, rating: { best: 5, worst: 1 }, include: ['**/*.md'], exclude: [], problems: [] };
}

export function parseConfig(text: string): Config {
  const config = defaultConfig();
  const y = parseYaml(text, 0, 'config-yaml');
  const problems: Problem[] = y.problems;
  config.problems = problems;
  const root = y.doc.contents;
  if (root === null || root === undefined) return config;
  if (!isMap(root)) {
    problems.push({ code: 'config-shape', severity: 'error', range: y.rangeOf(root) ?? lineRange(0, 0, 0), message: '.claimlens.yaml should be a mapping (statuses:, rating:, notes:).' });
    return config;
  }
  const statuses = child(root, 'statuses');
  if (isSeq(statuses)) {
    const list: StatusDef[] = [];
    for (const item of statuses.items) {
      const id = isMap(item) ? scalarString(child(item, 'id')) : scalarString(item);
      if (!id) {
        problems.push({ code: 'config-status', severity: 'error', range: y.rangeOf(item as never) ?? lineRange(0, 0, 0), message: 'Each status needs an id.' });
        continue;
      }
      const rating = Number(scalarString(child(item, 'rating')) ?? NaN);
      const def: StatusDef = {
        id: id.toLowerCase(),
        label: scalarString(child(item, 'label')) ?? id,
        icon: scalarString(child(item, 'icon')) ?? 'circle-outline',
      };
      if (Number.isFinite(rating)) def.rating = rating;
      list.push(def);
    }
    if (list.length > 0) config.statuses = list;
  }
  const rating = child(root, 'rating');
  const best = Number(scalarString(child(rating, 'best')));
  const worst = Number(scalarString(child(rating, 'worst')));
  if (Number.isFinite(best)) config.rating.best = best;
  if (Number.isFinite(worst)) config.rating.worst = worst;
  const notes = child(root, 'notes');
  const include = stringList(child(notes, 'include')).values;
  if (include.length) config.include = include;
  config.exclude = stringList(child(notes, 'exclude')).values;
  return config;
}
