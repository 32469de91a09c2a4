/**
 * Baselines: a reviewed snapshot of existing findings, so a team adopting RouteGuard fails CI only
 * on new ones. Matching uses the stable fingerprints (rule id + file + route key or normalized
 * snippet), never line numbers, so moving code does not break it.
 */
import type { Finding } from '../model/finding';

export interface BaselineFile {
  version: 1;
  /** Sorted by file, then rule id, then route key, then fingerprint. */
  findings: { ruleId: string; file: string; fingerprint: string; routeKey: string | null }[];
}

export function createBaseline(findings: readonly Finding[]): BaselineFile {
  const entries = findings
    .filter((f) => !f.suppressed || f.suppressed.kind === 'baseline')
    .map((f) => ({ ruleId: f.ruleId, file: f.location.file, fingerprint: f.fingerprint, routeKey: f.routeKey ?? null }));
  // By route key before fingerprint: readable, and stable when code moves (unlike line order).
  entries.sort((a, b) => compare(a.file, b.file) || compare(a.ruleId, b.ruleId) || compare(a.routeKey ?? '', b.routeKey ?? '') || compare(a.fingerprint, b.fingerprint));
  return { version: 1, findings: entries };
}

/** Validates a parsed baseline; returns an error message or the baseline. */
export function parseBaseline(raw: unknown): BaselineFile | string {
  if (!raw || typeof raw !== 'object') return 'expected a JSON object';
  const b = raw as Partial<BaselineFile>;
  if (b.version !== 1) return `version: expected 1, got ${JSON.stringify(b.version)}`;
  if (!Array.isArray(b.findings)) return 'findings: expected an array';
  for (const [i, f] of b.findings.entries()) {
    if (!f || typeof f.fingerprint !== 'string' || typeof f.ruleId !== 'string') return `findings.${i}: expected { ruleId, file, fingerprint }`;
  }
  return b as BaselineFile;
}

/** Marks findings present in the baseline as suppressed (kind 'baseline'); returns how many matched. */
export function applyBaseline(findings: Finding[], baseline: BaselineFile): number {
  const known = new Set(baseline.findings.map((f) => `${f.ruleId}\0${f.fingerprint}`));
  let matched = 0;
  for (const f of findings) {
    if (f.suppressed) continue;
    if (known.has(`${f.ruleId}\0${f.fingerprint}`)) {
      f.suppressed = { kind: 'baseline', reason: 'in the baseline' };
      matched++;
    }
  }
  return matched;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
