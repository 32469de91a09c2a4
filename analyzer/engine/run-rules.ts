/**
 * The rule engine: runs every enabled rule over the model, turns states into findings, applies the
 * configured severities and gives each finding a stable fingerprint. A rule that throws loses its
 * findings for this run and leaves a problem; it never stops the other rules.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding';
import type { Problem } from '../model/route-model';
import type { AnyRule, RuleContext } from '../../rules/utils/define-rule';

export function runRules(rules: readonly AnyRule[], ctx: RuleContext): { findings: Finding[]; problems: Problem[] } {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const anchors = new Map<Finding, string>();
  for (const rule of rules) {
    const configured = ctx.config.rules[rule.id]?.severity;
    if (configured === 'off') continue;
    try {
      for (const state of rule.detect(ctx)) {
        const report = rule.report(state, ctx);
        const fix = rule.fix?.(state, ctx);
        const finding: Finding = {
          ruleId: rule.id,
          severity: configured ?? report.severity ?? rule.meta.severity,
          message: report.message,
          location: report.location,
          fingerprint: '',
          routeKey: report.routeKey,
          related: report.related ?? [],
          fix,
        };
        findings.push(finding);
        if (report.fingerprintAnchor !== undefined) anchors.set(finding, report.fingerprintAnchor);
      }
    } catch (error) {
      problems.push({ file: undefined, span: undefined, kind: 'rule-error', message: `rule ${rule.id} failed: ${(error as Error)?.message ?? String(error)}` });
    }
  }
  sortFindings(findings);
  assignFingerprints(findings, ctx, anchors);
  return { findings, problems };
}

export function sortFindings(findings: Finding[]): void {
  findings.sort((a, b) => compare(a.location.file, b.location.file) || a.location.span.start - b.location.span.start || compare(a.ruleId, b.ruleId) || compare(a.message, b.message));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * rule id + file + (route key, or the whitespace-folded text at the location) + occurrence: moving
 * code within a file, or re-indenting it, keeps the fingerprint.
 */
function assignFingerprints(findings: Finding[], ctx: RuleContext, anchors: ReadonlyMap<Finding, string>): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const text = () => ctx.getText(f.location.file)?.slice(f.location.span.start, f.location.span.end) ?? '';
    const anchor = f.routeKey ?? anchors.get(f) ?? text().replace(/\s+/g, ' ').trim().slice(0, 200);
    const base = `${f.ruleId}\0${f.location.file}\0${anchor}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    f.fingerprint = createHash('sha256').update(`${base}\0${n}`).digest('hex').slice(0, 32);
  }
}
