/**
 * Applying inline suppressions (syntax in rules/utils/suppression-syntax.ts). A suppression
 * needs a reason and known rule ids; a malformed one suppresses nothing (the
 * `invalid-suppression` rule reports it). Suppressed findings are kept and marked, so SARIF can
 * show them as `suppressions` (SARIF 2.1.0 §3.27.23) instead of dropping them silently.
 */
import type { FileFacts } from '../model/ir';
import type { Finding } from '../model/finding';
import { positionAt } from '../extract/lines';
import { parseSuppressions, type Suppression } from '../../rules/utils/suppression-syntax';

/** Marks findings covered by a valid suppression; returns the suppressions with `used` set. */
export function applySuppressions(findings: Finding[], files: ReadonlyMap<string, FileFacts>, knownRules: ReadonlySet<string>): Suppression[] {
  const all: Suppression[] = [];
  const byFile = new Map<string, Suppression[]>();
  for (const facts of files.values()) {
    if (!hasSuppressionComment(facts)) continue;
    const parsed = parseSuppressions(facts, knownRules);
    all.push(...parsed.suppressions);
    byFile.set(facts.path, parsed.suppressions);
  }
  for (const finding of findings) {
    const list = byFile.get(finding.location.file);
    if (!list) continue;
    const facts = files.get(finding.location.file)!;
    const line = positionAt(facts.lineStarts, finding.location.span.start).line;
    const match = list.find((s) => s.ruleIds.includes(finding.ruleId) && (s.kind === 'file' || s.targetLine === line));
    if (match) {
      match.used = true;
      finding.suppressed = { kind: 'inline', reason: match.reason };
    }
  }
  return all;
}

// Asked for every file on every run of the language server: answered once per file version.
const withSuppressions = new WeakMap<FileFacts, boolean>();

function hasSuppressionComment(facts: FileFacts): boolean {
  let has = withSuppressions.get(facts);
  if (has === undefined) withSuppressions.set(facts, (has = facts.comments.some((c) => c.text.includes('routeguard-ignore-'))));
  return has;
}
