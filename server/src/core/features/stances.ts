// What a verdict says of its claim — upheld, rejected or open — and how loud
// each check across claims is: the two settings of `.claimlens.yaml` that the
// consistency checks and the near-duplicate hints read.
import { type Claim, type Severity, type Stance } from '../notes/model';
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { CONFIGURABLE_CHECKS } from './rules';

/** The stance of the claim's status; an unknown status is no verdict (open). */
export function stanceOf(index: WorkspaceIndex, claim: Claim): Stance {
  const id = index.statusOf(claim);
  return index.config.statuses.find((s) => s.id === id)?.stance ?? 'open';
}

/** The check's severity (`.claimlens.yaml` first, then its default), or undefined when it is off. */
export function checkSeverity(index: WorkspaceIndex, code: string): Severity | undefined {
  const level = index.config.checks[code] ?? CONFIGURABLE_CHECKS[code] ?? 'warning';
  return level === 'off' ? undefined : level;
}

/** Whether `.claimlens.yaml` names the check: then its severity is the user's, not raised or lowered by Claimlens. */
export function checkConfigured(index: WorkspaceIndex, code: string): boolean {
  return index.config.checks[code] !== undefined;
}
