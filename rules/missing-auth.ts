import path from 'node:path';
import type { Fix } from '../analyzer/model/finding';
import type { Middleware, Route } from '../analyzer/model/route-model';
import { WRITE_METHODS } from '../analyzer/model/route-model';
import { compareRoutes, RouteIndex } from '../analyzer/model/route-index';
import { defineRule, type RuleContext } from './utils/define-rule';
import { addNamedImport, isBoundAtTopLevel, relativeSpecifier } from './utils/insert-import';
import { hasAuth, isCriticalPath, isPublicByDesign, isSensitivePath } from './utils/route-predicates';
import { routesToCheck } from './utils/scope';

interface State {
  route: Route;
  why: 'write' | 'sensitive';
}

export default defineRule<State>({
  id: 'missing-auth',
  incremental: true,
  meta: {
    summary: 'A route that changes data or exposes sensitive data can be called without authentication.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-306', 'CWE-862'],
    owaspApi: ['API2:2023', 'API5:2023'],
    fix: 'unsafe',
  },

  *detect(ctx) {
    for (const route of routesToCheck(ctx)) {
      // Every server action is a POST endpoint, but only one that mutates changes data.
      const write = route.serverAction ? route.serverAction.mutates : WRITE_METHODS.includes(route.method);
      const sensitive = isSensitivePath(route.path, ctx.config);
      if (!write && !sensitive) continue;
      if (hasAuth(route) || isPublicByDesign(route, ctx.config)) continue;
      yield { route, why: write ? 'write' : 'sensitive' };
    }
  },

  report({ route, why }) {
    const critical = route.method === 'DELETE' || isCriticalPath(route.path);
    const what = why === 'write' ? 'changes data' : 'returns sensitive data';
    return {
      message: `${route.method} ${route.path} ${what} but anyone can call it: no authentication guard runs before its handler and the handler checks no session or token. Add the project's auth middleware, or list it under publicRoutes with a reason if it is public by design.`,
      location: route.registration,
      severity: critical ? 'critical' : 'high',
      routeKey: route.key,
      related: route.mounts.map((m) => ({ message: 'router mounted here', location: m })),
    };
  },

  // The quick-fix inserts the guard most routes use (pickGuard): what decides it is the guards'
  // order by use, not the counts themselves (adding a guard to one route rarely reorders them).
  projectInputs(ctx) {
    const guards = [...guardUsage(ctx).values()].map(({ count, mw }) => ({ count, mw, code: ctx.getText(mw.at.file)?.slice(mw.at.span.start, mw.at.span.end) ?? mw.name }));
    guards.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return guards.map(({ mw, code }) => `${mw.name}\0${mw.at.file}\0${mw.definition?.file ?? ''}\0${code}`).join('\n');
  },

  fix({ route }, ctx) {
    const insertion = route.chainInsertion;
    if (!insertion) return undefined;
    const file = insertion.file;
    const guard = pickGuard(ctx, file);
    if (!guard) return undefined;
    const facts = ctx.files.get(file);
    if (!facts) return undefined;
    const edits: Fix['edits'] = [{ file, start: insertion.span.start, end: insertion.span.start, text: `${guard.code}, ` }];
    if (!isBoundAtTopLevel(facts, guard.binding)) {
      if (!guard.from) return undefined;
      edits.push(addNamedImport(facts, file, guard.binding, relativeSpecifier(facts, file, guard.from.file), guard.from.exportName === 'default' ? 'default' : 'named'));
    }
    return { title: `Require authentication: add ${guard.code} before the handler`, kind: 'unsafe', edits };
  },
});

interface GuardChoice {
  /** What to insert, e.g. `requireAuth` or `passport.authenticate('jwt', { session: false })`. */
  code: string;
  /** The top-level name the code needs. */
  binding: string;
  from: { file: string; exportName: string } | undefined;
}

/**
 * The configured guard, else the auth middleware the project uses most — preferring one the file
 * already has in scope, so the fix adds no import when it can (ties: first by name).
 */
function pickGuard(ctx: RuleContext, file: string): GuardChoice | undefined {
  const counts = guardUsage(ctx);
  const facts = ctx.files.get(file);
  const configured = ctx.config.authGuards[0];
  if (configured) {
    const used = counts.get(configured);
    const binding = configured.split(/[.(]/)[0]!;
    return { code: configured, binding, from: used ? exportOf(ctx, used.mw, binding) : undefined };
  }
  const choices = [...counts.values()].map(({ count, mw }) => {
    const code = ctx.getText(mw.at.file)?.slice(mw.at.span.start, mw.at.span.end) ?? mw.name;
    const binding = code.split(/[.(\s]/)[0]!;
    return { count, mw, code, binding, bound: facts ? isBoundAtTopLevel(facts, binding) : false };
  });
  choices.sort((a, b) => Number(b.bound) - Number(a.bound) || b.count - a.count || (a.code < b.code ? -1 : 1));
  const best = choices[0];
  if (!best) return undefined;
  return { code: best.code, binding: best.binding, from: exportOf(ctx, best.mw, best.binding) };
}

/** How often each auth guard is used, computed once per run (the context is per run). */
const usageByRun = new WeakMap<object, Map<string, { count: number; mw: Middleware }>>();

function guardUsage(ctx: RuleContext): Map<string, { count: number; mw: Middleware }> {
  let counts = usageByRun.get(ctx.model);
  if (counts) return counts;
  // Counted by the model's route index as it is carried from run to run (a pass over every
  // route's chain costs milliseconds in a large project, on every edit).
  const facet = RouteIndex.of(ctx.model).facet('missing-auth:guards', guardNamesOf);
  // In order of first use in the model, as a pass over the routes would meet them.
  const firstUse = [...facet.keys()].map((name) => {
    const route = facet.first(name)!;
    const guards = guardsOf(route);
    const at = guards.findIndex((mw) => mw.name === name);
    return { name, route, at, mw: guards[at]! };
  });
  firstUse.sort((a, b) => compareRoutes(a.route, b.route) || a.at - b.at);
  counts = new Map();
  for (const { name, mw } of firstUse) counts.set(name, { count: facet.count(name), mw });
  usageByRun.set(ctx.model, counts);
  return counts;
}

/**
 * A route's authentication guards (not role checks, not guessed from a name). Remembered with the
 * route: the language server counts guards over every route on each edit, and discovery hands out
 * the same route objects while they do not change.
 */
const guardsByRoute = new WeakMap<Route, readonly Middleware[]>();
const guardNamesByRoute = new WeakMap<Route, readonly string[]>();
const NO_GUARDS: readonly Middleware[] = [];

/** The names of a route's auth guards, one per use (the same array for the same route every time). */
function guardNamesOf(route: Route): readonly string[] {
  let names = guardNamesByRoute.get(route);
  if (!names) guardNamesByRoute.set(route, (names = guardsOf(route).map((mw) => mw.name)));
  return names;
}

function guardsOf(route: Route): readonly Middleware[] {
  let guards = guardsByRoute.get(route);
  if (!guards) {
    const found = route.chain.filter((mw) => mw.roles.includes('auth') && !mw.roles.includes('role-check') && mw.roleSource !== 'name');
    guardsByRoute.set(route, (guards = found.length > 0 ? found : NO_GUARDS));
  }
  return guards;
}

/** The file and export name under which `binding` can be imported, learned from where it is already imported. */
function exportOf(ctx: RuleContext, mw: Middleware, binding: string): { file: string; exportName: string } | undefined {
  const usedIn = ctx.files.get(mw.at.file);
  const imp = usedIn?.imports.find((i) => i.bindings.some((b) => b.local === binding));
  if (imp && imp.source.startsWith('.')) {
    const b = imp.bindings.find((x) => x.local === binding)!;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(mw.at.file), imp.source));
    return { file: target, exportName: b.imported === '*' ? 'default' : b.imported };
  }
  if (mw.definition && mw.definition.file !== mw.at.file) return { file: mw.definition.file, exportName: binding };
  if (mw.definition) {
    const defFacts = ctx.files.get(mw.definition.file);
    const exp = defFacts?.exports.find((e) => e.local === binding);
    if (exp) return { file: mw.definition.file, exportName: exp.name === '=' ? 'default' : exp.name };
  }
  return undefined;
}
