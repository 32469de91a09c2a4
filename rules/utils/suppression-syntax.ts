/**
 * The inline suppression syntax, shared by the engine (which applies suppressions) and the
 * `invalid-suppression` rule (which reports malformed ones):
 *   // routeguard-ignore-next-line <rule-id>[, <rule-id>…] -- <reason>
 *   // routeguard-ignore-file <rule-id>[, <rule-id>…] -- <reason>
 * Pure: reads comments from file facts.
 */
import type { FileFacts } from '../../analyzer/model/ir';
import { positionAt } from '../../analyzer/extract/lines';
import { closestMatch } from '../../analyzer/util/closest';

export interface Suppression {
  file: string;
  kind: 'next-line' | 'file';
  ruleIds: string[];
  reason: string;
  /** The line the suppression applies to (next-line), 1-based. */
  targetLine: number | undefined;
  span: { start: number; end: number };
  used: boolean;
}

export interface SuppressionProblem {
  file: string;
  span: { start: number; end: number };
  message: string;
}

const PATTERN = /routeguard-ignore-(next-line|file)\b([^\n]*)/;

export function parseSuppressions(facts: FileFacts, knownRules: ReadonlySet<string>): { suppressions: Suppression[]; invalid: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const invalid: SuppressionProblem[] = [];
  for (const comment of facts.comments) {
    const match = PATTERN.exec(comment.text);
    if (!match) continue;
    const kind = match[1] === 'file' ? 'file' : 'next-line';
    const body = match[2]!.replace(/\*\/\s*$/, '');
    const [idsPart, ...reasonParts] = body.split(' -- ');
    const reason = reasonParts.join(' -- ').trim();
    const ruleIds = (idsPart ?? '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const span = comment.span;
    if (ruleIds.length === 0) {
      invalid.push({ file: facts.path, span, message: `routeguard-ignore-${kind} names no rule: write "routeguard-ignore-${kind} <rule-id> -- <reason>"` });
      continue;
    }
    const unknown = ruleIds.filter((id) => !knownRules.has(id));
    if (unknown.length > 0) {
      const hint = unknown.length === 1 ? closestMatch(unknown[0]!, knownRules) : undefined;
      invalid.push({ file: facts.path, span, message: `routeguard-ignore-${kind} names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}; it suppresses nothing` });
      continue;
    }
    if (!reason) {
      invalid.push({ file: facts.path, span, message: `routeguard-ignore-${kind} ${ruleIds.join(', ')} has no reason: add " -- <why this is safe>" so reviewers can judge it; it suppresses nothing until then` });
      continue;
    }
    const endLine = positionAt(facts.lineStarts, span.end).line;
    suppressions.push({ file: facts.path, kind, ruleIds, reason, targetLine: kind === 'next-line' ? endLine + 1 : undefined, span, used: false });
  }
  return { suppressions, invalid };
}


