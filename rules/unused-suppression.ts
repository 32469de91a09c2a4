import { defineRule } from './utils/define-rule';

/**
 * Reported by the engine, not detected here: whether a suppression was used is only known after
 * every rule has run (analyzer/engine/suppressions.ts), and only with
 * `--report-unused-suppressions`. The module exists so the rule has an id, metadata and a doc
 * page like every other rule.
 */
export default defineRule<never>({
  id: 'unused-suppression',
  meta: {
    summary: 'A routeguard-ignore comment matches no finding; it may hide a future one for no reason.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-1078'],
    owaspApi: ['API8:2023'],
    fix: 'safe',
  },
  *detect() {
    // Intentionally empty: see the module comment.
  },
  report() {
    throw new Error('unused-suppression findings are created by the engine');
  },
});
