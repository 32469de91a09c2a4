/**
 * A routeguard.config.json text that turns every rule off except the given ones, so that a test
 * about one feature keeps its exact findings and exit code while other rules are added.
 */
import { allRules } from '../../rules';

export function onlyRules(ids: readonly string[], extra: Record<string, unknown> = {}): string {
  const rules: Record<string, string> = {};
  for (const rule of allRules) if (!ids.includes(rule.id)) rules[rule.id] = 'off';
  for (const id of ids) if (!allRules.some((r) => r.id === id)) throw new Error(`unknown rule in test: ${id}`);
  return JSON.stringify({ ...extra, rules: { ...rules, ...((extra.rules as Record<string, string>) ?? {}) } }, null, 2);
}
