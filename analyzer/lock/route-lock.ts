/**
 * The route lockfile: the route inventory as a reviewed, versioned artifact. `routes --write`
 * records each route's access facts; `routes --check` fails when a route was added, removed or
 * weakened (became public, lost validation, a role check or its rate limit), so a new public or
 * unvalidated endpoint cannot reach main unseen. Strengthening passes, with a note to refresh.
 */
import type { Route, RouteModel } from '../model/route-model';
import { middlewareLabel } from '../reporters/access-matrix';
import { oneLine } from '../reporters/sanitize';

export interface LockedRoute {
  method: string;
  path: string;
  /** Guard names, or [] for a public route; 'in handler' for an in-handler check. */
  auth: string[];
  roles: string[];
  validated: boolean;
  rateLimited: boolean;
}

export interface RouteLock {
  version: 1;
  routes: LockedRoute[];
}

export function lockedRoute(route: Route): LockedRoute {
  const auth = route.chain.filter((m) => m.roles.includes('auth') && !m.roles.includes('role-check')).map(middlewareLabel);
  if (route.handlerFacts.authCheck) auth.push('in handler');
  // With literal arguments (`requireRole(admin)`), so that a changed role shows in the lock.
  const roles = route.chain.filter((m) => m.roles.includes('role-check')).map(middlewareLabel);
  if (route.handlerFacts.roleCheck) roles.push('in handler');
  // A role check authenticates too: a route with only `requireRole('admin')` is not public.
  const authenticated = auth.length > 0 ? auth : roles.length > 0 ? ['(role check)'] : [];
  return {
    method: route.method,
    path: route.path,
    auth: uniqueSorted(authenticated),
    roles: uniqueSorted(roles),
    validated: route.chain.some((m) => m.roles.includes('validation')) || route.handlerFacts.validation !== undefined,
    rateLimited: route.chain.some((m) => m.roles.includes('rate-limit')) || route.handlerFacts.rateLimit !== undefined,
  };
}

export function createRouteLock(model: RouteModel): RouteLock {
  const byKey = new Map<string, LockedRoute>();
  for (const route of model.routes) {
    const locked = lockedRoute(route);
    const key = `${locked.method} ${locked.path}`;
    const existing = byKey.get(key);
    // The same method and path registered twice (two apps, a duplicate): keep the weaker view.
    byKey.set(key, existing ? weaker(existing, locked) : locked);
  }
  const routes = [...byKey.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  return { version: 1, routes };
}

function weaker(a: LockedRoute, b: LockedRoute): LockedRoute {
  return {
    method: a.method,
    path: a.path,
    auth: a.auth.length === 0 || b.auth.length === 0 ? [] : a.auth,
    roles: a.roles.length === 0 || b.roles.length === 0 ? [] : a.roles,
    validated: a.validated && b.validated,
    rateLimited: a.rateLimited && b.rateLimited,
  };
}

export type LockChange =
  | { kind: 'added'; route: LockedRoute }
  | { kind: 'removed'; route: LockedRoute }
  | { kind: 'weakened'; route: LockedRoute; what: string[] }
  | { kind: 'strengthened'; route: LockedRoute; what: string[] };

export interface LockComparison {
  changes: LockChange[];
  /** True when any change must fail the check (added, removed, weakened). */
  failed: boolean;
}

export function compareRouteLock(locked: RouteLock, current: RouteLock): LockComparison {
  const before = new Map(locked.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const after = new Map(current.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const changes: LockChange[] = [];
  for (const [key, route] of after) {
    const old = before.get(key);
    if (!old) {
      changes.push({ kind: 'added', route });
      continue;
    }
    const weakened: string[] = [];
    const strengthened: string[] = [];
    if (old.auth.length > 0 && route.auth.length === 0) weakened.push(`became public (was ${old.auth.join(', ')})`);
    if (old.auth.length === 0 && route.auth.length > 0) strengthened.push(`now requires ${route.auth.join(', ')}`);
    if (old.roles.length > 0 && route.roles.length === 0) weakened.push(`lost its role check (${old.roles.join(', ')})`);
    if (old.roles.length === 0 && route.roles.length > 0) strengthened.push(`now checks ${route.roles.join(', ')}`);
    // Whether another role widens or narrows access is not knowable here; a reviewer decides.
    if (old.roles.length > 0 && route.roles.length > 0 && old.roles.join('\0') !== route.roles.join('\0')) {
      weakened.push(`role check changed from ${old.roles.join(', ')} to ${route.roles.join(', ')} (review whether access widened)`);
    }
    if (old.validated && !route.validated) weakened.push('lost its input validation');
    if (!old.validated && route.validated) strengthened.push('now validates its input');
    if (old.rateLimited && !route.rateLimited) weakened.push('lost its rate limit');
    if (!old.rateLimited && route.rateLimited) strengthened.push('is now rate-limited');
    if (weakened.length > 0) changes.push({ kind: 'weakened', route, what: weakened });
    if (strengthened.length > 0) changes.push({ kind: 'strengthened', route, what: strengthened });
  }
  for (const [key, route] of before) if (!after.has(key)) changes.push({ kind: 'removed', route });
  const order = { removed: 0, added: 1, weakened: 2, strengthened: 3 } as const;
  changes.sort((a, b) => order[a.kind] - order[b.kind] || (a.route.path < b.route.path ? -1 : a.route.path > b.route.path ? 1 : a.route.method < b.route.method ? -1 : 1));
  return { changes, failed: changes.some((c) => c.kind !== 'strengthened') };
}

/**
 * A readable diff, one line per change, for the terminal and CI logs. `lockFile` is the lock's
 * path as the user typed it, for the refresh command. Route paths and middleware names come from
 * the analyzed code, so control characters are escaped.
 */
export function formatLockComparison(result: LockComparison, lockFile = '<lockfile>'): string {
  const refresh = `refresh the lock with \`routeguard routes --write ${lockFile}\``;
  if (result.changes.length === 0) return `${lockFile}: every route matches the lockfile.`;
  const lines = result.changes.map((c) => {
    const id = oneLine(`${c.route.method} ${c.route.path}`);
    const access = c.route.auth.length > 0 ? `auth: ${c.route.auth.join(', ')}` : 'PUBLIC';
    const roles = c.route.roles.length > 0 ? `, roles: ${c.route.roles.join(', ')}` : '';
    switch (c.kind) {
      case 'added':
        return oneLine(`+ ${id}  new route (${access}${roles}, ${c.route.validated ? 'validated' : 'unvalidated'}${c.route.rateLimited ? ', rate-limited' : ''})`);
      case 'removed':
        return `- ${id}  route removed`;
      case 'weakened':
        return oneLine(`! ${id}  weakened: ${c.what.join('; ')}`);
      case 'strengthened':
        return oneLine(`~ ${id}  strengthened: ${c.what.join('; ')}`);
    }
  });
  const tail = result.failed
    ? `Review these changes, then ${refresh}.`
    : `Only strengthened routes: the check passes; ${refresh} to record them.`;
  return `${lines.join('\n')}\n${tail}`;
}

export function parseRouteLock(raw: unknown): RouteLock | string {
  if (!raw || typeof raw !== 'object') return 'expected a JSON object';
  const lock = raw as Partial<RouteLock>;
  if (lock.version !== 1) return `version: expected 1, got ${JSON.stringify(lock.version)}`;
  if (!Array.isArray(lock.routes)) return 'routes: expected an array';
  for (const [i, r] of lock.routes.entries()) {
    if (!r || typeof r.method !== 'string' || typeof r.path !== 'string' || !Array.isArray(r.auth) || !Array.isArray(r.roles) || typeof r.validated !== 'boolean' || typeof r.rateLimited !== 'boolean') {
      return `routes.${i}: expected { method, path, auth[], roles[], validated, rateLimited }`;
    }
  }
  return lock as RouteLock;
}

function uniqueSorted(items: string[]): string[] {
  return [...new Set(items)].sort();
}
