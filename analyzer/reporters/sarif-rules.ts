/**
 * SARIF rule descriptors (`tool.driver.rules`, SARIF 2.1.0 §3.49) with the properties GitHub code
 * scanning reads: `tags` (incl. `external/cwe/cwe-NNN`), `security-severity` and `precision`.
 */
import type * as Sarif from 'sarif';
import type { Confidence, Severity } from '../model/finding';
import { docsUrl, type AnyRule } from '../../rules/utils/define-rule';
import { compareStrings } from './order';

/** GitHub maps security-severity to its labels: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, < 4.0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export function sarifLevel(severity: Severity): Sarif.Result.level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

export function securityTags(cwe: readonly string[], owaspApi: readonly string[]): string[] {
  const tags = ['security'];
  for (const id of cwe) {
    const m = /^CWE-(\d+)$/i.exec(id.trim());
    if (m) tags.push(`external/cwe/cwe-${m[1]}`);
  }
  for (const id of owaspApi) tags.push(`owasp-api/${id.trim()}`);
  return tags;
}

/** `missing-auth` → `MissingAuth` (SARIF §3.49.7: a name readable by people, not the id itself). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function descriptor(rule: AnyRule): Sarif.ReportingDescriptor {
  const { meta } = rule;
  const help = docsUrl(rule.id);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: meta.summary },
    helpUri: help,
    help: { text: `${meta.summary} See ${help}`, markdown: `${meta.summary}\n\n[Rule documentation](${help})` },
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: {
      tags: securityTags(meta.cwe, meta.owaspApi),
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: PRECISION[meta.confidence],
    },
  };
}

/** A finding whose rule is not in `result.rules` still needs a descriptor for `ruleIndex`. */
function bareDescriptor(id: string): Sarif.ReportingDescriptor {
  return { id, name: ruleName(id), helpUri: docsUrl(id), properties: { tags: ['security'] } };
}

/** Descriptors sorted by id, one per rule id, plus an index for `result.ruleIndex`. */
export function buildRuleDescriptors(
  rules: readonly AnyRule[],
  findingRuleIds: Iterable<string>,
): { descriptors: Sarif.ReportingDescriptor[]; indexOf: Map<string, number> } {
  const byId = new Map<string, Sarif.ReportingDescriptor>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, descriptor(rule));
  for (const id of findingRuleIds) if (!byId.has(id)) byId.set(id, bareDescriptor(id));
  const descriptors = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  return { descriptors, indexOf: new Map(descriptors.map((d, i) => [d.id, i])) };
}
