/**
 * `routeguard init`: a starter config from what the analyzer sees — the frameworks in use and the
 * project's own guards (recognised by behaviour or name rather than by a known library, so they are
 * worth pinning down in config).
 */
import type { AnalysisResult } from '../engine/result';

export interface StarterConfig {
  $schema: string;
  authGuards: string[];
  roleChecks: string[];
  publicRoutes: { method: string; path: string; reason: string }[];
  rules: Record<string, string>;
}

/** Frameworks recognised from package.json dependencies, by package name. */
const FRAMEWORK_PACKAGES: Record<string, string> = { express: 'express', fastify: 'fastify', next: 'next' };

/**
 * `packageJson` is the parsed package.json of the root, if any: a framework listed in its
 * dependencies counts as detected even when no route of it was found yet.
 */
export function starterConfig(result: AnalysisResult, packageJson?: unknown): { config: StarterConfig; frameworks: string[] } {
  const detected = new Set<string>(result.model.routes.map((r) => r.framework));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = packageJson && typeof packageJson === 'object' ? (packageJson as Record<string, unknown>)[field] : undefined;
    if (!deps || typeof deps !== 'object') continue;
    for (const name of Object.keys(deps)) if (Object.hasOwn(FRAMEWORK_PACKAGES, name)) detected.add(FRAMEWORK_PACKAGES[name]!);
  }
  const frameworks = [...detected].sort();
  const guards = new Map<string, number>();
  const roleChecks = new Map<string, number>();
  for (const route of result.model.routes) {
    for (const mw of route.chain) {
      if (mw.roleSource !== 'behaviour' && mw.roleSource !== 'name') continue;
      // A factory call is configured by its callee name: `requireRole('admin')` → `requireRole`.
      const name = mw.name.replace(/\(.*$/s, '');
      if (mw.roles.includes('role-check')) roleChecks.set(name, (roleChecks.get(name) ?? 0) + 1);
      else if (mw.roles.includes('auth')) guards.set(name, (guards.get(name) ?? 0) + 1);
    }
  }
  const byUse = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n]) => n);
  return {
    frameworks,
    config: {
      $schema: './node_modules/routeguard/schema/routeguard.config.schema.json',
      authGuards: byUse(guards),
      roleChecks: byUse(roleChecks),
      publicRoutes: [],
      rules: {},
    },
  };
}
