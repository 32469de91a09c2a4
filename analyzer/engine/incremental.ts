/**
 * Incremental rule runs: after an edit, the language server re-evaluates only what the edit can
 * have changed and keeps the previous run's findings for the rest.
 *
 * What is re-evaluated (the scope):
 * - every route that differs from the previous run's route of the same key (path, positions,
 *   chain, mounts, handler facts…) or has no such route — a mount moved, a guard removed, a
 *   handler's facts changed;
 * - every route registered or handled in a file in scope, or whose middleware is defined in a
 *   changed file (its code may read differently even where the route's facts did not change);
 * - every route that had a finding located in a file in scope;
 * - file-level findings in the changed files and in the files of the routes above.
 * Old findings are kept unless they are located in a file in scope or belong to a route in scope.
 *
 * A rule whose findings also depend on something project-wide (the auth guard most routes use, a
 * `register(fastifyJwt, { sign })` default) declares it as `projectInputs` and runs whole when it
 * changes (analyzer/engine/run-rules.ts).
 *
 * What the scope can miss: a finding in an untouched file that reads code in a changed file
 * through something neither the route model nor a rule's project inputs record (a constant
 * imported from another file). The language server runs a whole re-evaluation once the editor is
 * quiet, so such a finding is late by that much, never lost.
 */
import type { Finding } from '../model/finding';
import type { Middleware, Route, RouteModel } from '../model/route-model';
import type { RunScope } from '../../rules/utils/define-rule';

/** What an incremental run needs to know of the run before it. */
export interface PreviousRun {
  model: RouteModel;
  /** The rules' findings, before suppressions and unused-suppression findings. */
  findings: readonly Finding[];
  /** Each rule's project inputs (see `RuleDefinition.projectInputs`). */
  ruleInputs: ReadonlyMap<string, string>;
}

export interface ScopePlan {
  scope: RunScope;
  /** Route keys (old and new) whose findings are re-evaluated. */
  dirtyKeys: ReadonlySet<string>;
}

/** Beyond this share of the routes, a scoped run saves little over a whole one. */
const MAX_SCOPED_SHARE = 0.5;

type Loc = { file: string; span: { start: number; end: number } } | undefined;

function sameLoc(a: Loc, b: Loc): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && a.file === b.file && a.span.start === b.span.start && a.span.end === b.span.end;
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

const sameString = (a: string, b: string): boolean => a === b;

function sameMiddleware(a: Middleware, b: Middleware): boolean {
  return (
    a.name === b.name &&
    a.roleSource === b.roleSource &&
    a.scope === b.scope &&
    a.hook === b.hook &&
    sameLoc(a.at, b.at) &&
    sameLoc(a.definition, b.definition) &&
    sameList(a.roles, b.roles, sameString) &&
    sameList(a.args, b.args, sameString)
  );
}

/**
 * Whether two routes are the same for every rule: same key, path, positions, chain, mounts and
 * handler facts. Compared field by field (no string built): this runs for every route on every
 * edit. Handler facts are memoized by discovery: the same object unless what they read changed.
 */
export function sameRoute(a: Route, b: Route): boolean {
  if (a === b) return true;
  if (a.key !== b.key || a.path !== b.path || a.method !== b.method || a.framework !== b.framework || a.certainty !== b.certainty) return false;
  if (!sameLoc(a.registration, b.registration) || !sameLoc(a.handler, b.handler) || !sameLoc(a.chainInsertion, b.chainInsertion)) return false;
  if ((a.handlerFn === undefined) !== (b.handlerFn === undefined)) return false;
  if (a.handlerFn && b.handlerFn && (a.handlerFn.file !== b.handlerFn.file || a.handlerFn.fn !== b.handlerFn.fn || JSON.stringify(a.handlerFn.exclude) !== JSON.stringify(b.handlerFn.exclude))) return false;
  if (!sameList(a.notes, b.notes, sameString) || !sameList(a.mounts, b.mounts, sameLoc) || !sameList(a.chain, b.chain, sameMiddleware)) return false;
  if (a.middlewareCoverage !== b.middlewareCoverage) return false;
  // Not compared by content: a memo miss means something the handler's facts were read from
  // changed (a helper in another file), and rules read that code too. Routes without a handler
  // get fresh empty facts each run.
  if (a.handlerFacts !== b.handlerFacts && (a.handlerFn !== undefined || JSON.stringify(a.handlerFacts) !== JSON.stringify(b.handlerFacts))) return false;
  if (a.bodyLimit !== b.bodyLimit && JSON.stringify(a.bodyLimit) !== JSON.stringify(b.bodyLimit)) return false;
  if (a.routeOptions !== b.routeOptions && JSON.stringify(a.routeOptions) !== JSON.stringify(b.routeOptions)) return false;
  if (a.serverAction !== b.serverAction && JSON.stringify(a.serverAction) !== JSON.stringify(b.serverAction)) return false;
  return true;
}

/**
 * The part of `model` that `changed` files can affect, given the previous run. Undefined when a
 * whole run is as cheap (most routes are affected) or the previous run is not comparable.
 */
export function planScope(previous: PreviousRun, model: RouteModel, changed: ReadonlySet<string>): ScopePlan | undefined {
  const { byKey: oldByKey } = routeIndex(previous.model);
  const { byKey: newByKey } = routeIndex(model);
  const findingKeysByFile = new Map<string, string[]>();
  for (const f of previous.findings) {
    if (f.routeKey === undefined) continue;
    const list = findingKeysByFile.get(f.location.file);
    if (list) list.push(f.routeKey);
    else findingKeysByFile.set(f.location.file, [f.routeKey]);
  }

  // A worklist: a dirty route puts its files in scope, a file in scope makes the routes registered
  // or handled there (and those with findings there) dirty, until nothing new is added.
  const files = new Set<string>();
  const dirtyKeys = new Set<string>();
  const dirtyNew = new Set<Route>();
  const pendingFiles: string[] = [];
  const addFile = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    pendingFiles.push(file);
  };
  const addOld = (route: Route): void => {
    if (dirtyKeys.has(route.key)) return;
    dirtyKeys.add(route.key);
    markFiles(route);
    const now = newByKey.get(route.key);
    if (now) addNew(now);
  };
  const addNew = (route: Route): void => {
    if (dirtyNew.has(route)) return;
    dirtyNew.add(route);
    dirtyKeys.add(route.key);
    markFiles(route);
  };
  // File-level findings about code that runs for a route (a log call in its middleware, a body
  // parser where it is attached) name it.
  const markFiles = (route: Route): void => {
    addFile(route.registration.file);
    if (route.handler) addFile(route.handler.file);
    for (const mw of route.chain) {
      addFile(mw.at.file);
      if (mw.definition) addFile(mw.definition.file);
    }
  };
  for (const file of changed) addFile(file);
  // Discovery hands out the same route object while nothing it was built from changed (route
  // objects are never modified): only other routes are compared, field by field, with the
  // previous run's route of the same key (keys are unique within a run).
  const { routes: oldSet } = routeIndex(previous.model);
  const { routes: newSet } = routeIndex(model);
  for (const route of model.routes) {
    if (oldSet.has(route)) {
      if (usesMiddlewareFrom(route, changed)) addOld(route);
      continue;
    }
    const before = oldByKey.get(route.key);
    if (!before || !sameRoute(before, route) || usesMiddlewareFrom(route, changed)) {
      if (before) addOld(before);
      addNew(route);
    }
  }
  // Routes gone since the previous run.
  for (const route of previous.model.routes) if (!newSet.has(route) && !newByKey.has(route.key)) addOld(route);
  while (pendingFiles.length > 0) {
    const file = pendingFiles.pop()!;
    for (const route of routesIn(previous.model.routes, file)) addOld(route);
    for (const route of routesIn(model.routes, file)) addNew(route);
    for (const key of findingKeysByFile.get(file) ?? []) {
      if (dirtyKeys.has(key)) continue;
      dirtyKeys.add(key);
      const now = newByKey.get(key);
      if (now) addNew(now);
    }
  }
  if (dirtyNew.size > MAX_SCOPED_SHARE * Math.max(model.routes.length, 1) && model.routes.length > 20) return undefined;
  return { scope: { routes: dirtyNew, files }, dirtyKeys };
}

interface RouteIndex {
  routes: Set<Route>;
  byKey: Map<string, Route>;
}

// Each model is indexed once: as the new model of one edit, then as the previous of the next.
const routeIndexes = new WeakMap<RouteModel, RouteIndex>();

function routeIndex(model: RouteModel): RouteIndex {
  let index = routeIndexes.get(model);
  if (!index) {
    index = { routes: new Set(model.routes), byKey: new Map() };
    for (const route of model.routes) index.byKey.set(route.key, route);
    routeIndexes.set(model, index);
  }
  return index;
}

/**
 * The routes registered or handled in `file`. A scan rather than an index by file: an edit puts a
 * handful of files in scope, and scanning for each costs less than indexing every route.
 */
function routesIn(routes: readonly Route[], file: string): Route[] {
  const out: Route[] = [];
  for (const route of routes) if (route.registration.file === file || route.handler?.file === file) out.push(route);
  return out;
}

/** The route runs middleware defined in a changed file: its code may read differently now. */
function usesMiddlewareFrom(route: Route, changed: ReadonlySet<string>): boolean {
  for (const mw of route.chain) if (mw.definition && changed.has(mw.definition.file)) return true;
  return false;
}

/**
 * The previous findings still valid after a scoped run, plus the fresh ones. `wholeRules` are the
 * rules that ran whole: none of their old findings survive.
 */
export function mergeFindings(previous: readonly Finding[], fresh: readonly Finding[], plan: ScopePlan, wholeRules: ReadonlySet<string>): Finding[] {
  const inScope = (f: Finding): boolean => plan.scope.files.has(f.location.file) || (f.routeKey !== undefined && plan.dirtyKeys.has(f.routeKey));
  const merged: Finding[] = [];
  for (const f of previous) if (!wholeRules.has(f.ruleId) && !inScope(f)) merged.push(f);
  // A scoped rule may report beyond the scope (it must report everything within it): what lies
  // beyond is already among the kept findings.
  for (const f of fresh) if (wholeRules.has(f.ruleId) || inScope(f)) merged.push(f);
  return merged;
}
