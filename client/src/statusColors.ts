// A status's colour from its place on the rating scale, so a workspace's own
// statuses (`.claimlens.yaml`) get sensible colours too: best green, worst
// red, no rating (no verdict yet) grey. The names are VS Code theme colours:
// the claims panel passes them as ThemeColors, the claim map reads them as the
// webview's CSS variables (`--vscode-charts-green`), so both show one colour
// per status in every theme. No vscode import: the map's webview bundles it.

export type StatusColorName = 'charts.green' | 'charts.blue' | 'charts.yellow' | 'charts.orange' | 'charts.red' | 'disabledForeground';

export function statusColorName(rating: number | undefined, scale: { best: number; worst: number }): StatusColorName {
  if (rating === undefined || scale.best === scale.worst) return 'disabledForeground';
  const f = (rating - scale.worst) / (scale.best - scale.worst);
  return f >= 0.9 ? 'charts.green' : f >= 0.65 ? 'charts.blue' : f >= 0.4 ? 'charts.yellow' : f >= 0.15 ? 'charts.orange' : 'charts.red';
}

/** The CSS variable a webview reads for a theme colour: `charts.green` → `--vscode-charts-green`. */
export function themeColorVariable(name: string): string {
  return `--vscode-${name.replace(/\./g, '-')}`;
}
