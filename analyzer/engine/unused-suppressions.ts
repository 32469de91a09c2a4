/** Findings for suppressions that matched nothing (rule `unused-suppression`), with a fix removing the comment. */
import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding';
import type { Suppression } from '../../rules/utils/suppression-syntax';

export function unusedSuppressionFindings(suppressions: readonly Suppression[], getText: (file: string) => string | undefined): Finding[] {
  const out: Finding[] = [];
  for (const s of suppressions) {
    if (s.used) continue;
    const text = getText(s.file) ?? '';
    // Remove the whole comment line when the comment stands alone on it.
    let start = s.span.start;
    let end = s.span.end;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (text.slice(lineStart, start).trim() === '') {
      start = lineStart;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
    }
    out.push({
      ruleId: 'unused-suppression',
      severity: 'low',
      message: `routeguard-ignore-${s.kind} ${s.ruleIds.join(', ')} matches no finding; remove it so it cannot hide a future one.`,
      location: { file: s.file, span: s.span },
      fingerprint: createHash('sha256').update(`unused-suppression\0${s.file}\0${text.slice(s.span.start, s.span.end)}`).digest('hex').slice(0, 32),
      routeKey: undefined,
      related: [],
      fix: { title: 'Remove the unused suppression', kind: 'safe', edits: [{ file: s.file, start, end, text: '' }] },
    });
  }
  return out;
}
