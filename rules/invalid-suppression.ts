import { defineRule } from './utils/define-rule';
import { parseSuppressions, type SuppressionProblem } from './utils/suppression-syntax';
import { filesToScan } from './utils/scope';

/**
 * A suppression comment without a reason, or naming a rule that does not exist, suppresses
 * nothing; reporting it keeps every silenced finding reviewable.
 */
export default defineRule<SuppressionProblem>({
  id: 'invalid-suppression',
  incremental: true,
  meta: {
    summary: 'A routeguard-ignore comment has no reason or names an unknown rule, so it suppresses nothing.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-1078'],
    owaspApi: ['API8:2023'],
    fix: 'none',
  },
  *detect(ctx) {
    const known = new Set(ctx.ruleIds);
    for (const file of filesToScan(ctx)) {
      const facts = ctx.files.get(file)!;
      if (!facts.comments.some((c) => c.text.includes('routeguard-ignore-'))) continue;
      yield* parseSuppressions(facts, known).invalid;
    }
  },
  report(problem) {
    return { message: problem.message, location: { file: problem.file, span: problem.span } };
  },
});
