/** The exit code contract: 0 clean, 1 findings at or above the threshold, 2 usage/config/internal error. */
import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Suppressed findings never fail a run. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === 'none') return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn satisfies Severity];
  return findings.some((f) => f.suppressed === undefined && SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}
