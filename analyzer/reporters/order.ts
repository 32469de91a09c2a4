/** The orders every reporter shares, so that the same input always prints the same way. */
import { SEVERITY_RANK, type Finding, type Severity } from '../model/finding';
import type { Problem } from '../model/route-model';

export function compareStrings(a: string, b: string): number {
  // Not localeCompare: the order must not depend on the machine's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By file, offset, rule id, then fingerprint (the engine's order, re-applied after merging roots). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.file, b.location.file) ||
    a.location.span.start - b.location.span.start ||
    a.location.span.end - b.location.span.end ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.fingerprint, b.fingerprint) ||
    compareStrings(a.message, b.message)
  );
}

export function compareProblems(a: Problem, b: Problem): number {
  return (
    compareStrings(a.file ?? '', b.file ?? '') ||
    (a.span?.start ?? -1) - (b.span?.start ?? -1) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.message, b.message)
  );
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function sortedProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(compareProblems);
}

/** Rules whose findings usually mean "anyone can do this" come first within a severity. */
const FIRST_RULES: readonly string[] = ['hardcoded-secret', 'missing-auth', 'missing-authz', 'missing-ownership-check'];

function rulePriority(ruleId: string): number {
  return FIRST_RULES.includes(ruleId) ? 0 : 1;
}

/** The fix-first order: severity, then access control and secrets, then position. */
export function compareByRisk(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    rulePriority(a.ruleId) - rulePriority(b.ruleId) ||
    compareFindings(a, b)
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function isActive(finding: Finding): boolean {
  return finding.suppressed === undefined;
}
