/**
 * Incremental rule runs: after an edit, the language server re-evaluates only what the edit can
 * have changed and keeps the previous run's findings for the rest.
 *
 * What is re-evaluated (the scope):
 * - every route whose signature (key, path, positions, chain, handler facts…) differs from every
 *   route of the previous run — a mount moved, a guard removed, a handler's facts changed;
 * - every route registered or handled in a file in scope, or whose middleware is defined in a
 *   changed file (its code may read differently even where the route's facts did not change);
 * - every route that had a finding located in a file in scope;
 * - file-level findings in the changed files and in the files of the routes above.
 * Old findings are kept unless they are located in a file in scope or belong to a route in scope.
 *
 * What the scope can miss: a finding in an untouched file that reads code in a changed file
 * through something other than the route model (a constant imported from another file, a
 * project-wide default such as `register(fastifyJwt, { sign })`). The language server runs a whole
 * re-evaluation once the editor is quiet, so such a finding is late by that much, never lost.
 */
import type { Finding } from '../model/finding';
import type { Route, RouteModel } from '../model/route-model';
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

const signatureCache = new WeakMap<Route, string>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/** Facts objects are memoized by discovery: the same object means the same facts. */
function idOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return id;
}

/** Everything rules read of a route itself, as one string: equal signatures, equal routes. */
export function routeSignature(route: Route): string {
  let signature = signatureCache.get(route);
  if (signature !== undefined) return signature;
  const loc = (l: { file: string; span: { start: number; end: number } } | undefined): string => (l ? `${l.file}:${l.span.start}-${l.span.end}` : '-');
  const parts: string[] = [route.key, route.framework, route.method, route.path, loc(route.registration), loc(route.handler), route.certainty, route.notes.join('|')];
  if (route.handlerFn) parts.push(`${route.handlerFn.file}#${route.handlerFn.fn}`, (route.handlerFn.exclude ?? []).map((s) => `${s.start}-${s.end}`).join(','));
  parts.push(`hf${idOf(route.handlerFacts)}`, loc(route.chainInsertion));
  for (const mw of route.chain) parts.push(`mw ${mw.name} ${mw.roles.join(',')} ${mw.roleSource ?? '-'} ${mw.args.join(',')} ${loc(mw.at)} ${loc(mw.definition)} ${mw.scope} ${mw.hook ?? '-'}`);
  for (const mount of route.mounts) parts.push(`mount ${loc(mount)}`);
  if (route.bodyLimit) parts.push(`limit ${route.bodyLimit.bytes ?? '-'} ${loc(route.bodyLimit.at)} ${route.bodyLimit.source}`);
  if (route.routeOptions) parts.push(`opts ${loc(route.routeOptions.object)} ${loc(route.routeOptions.insertAt)}`);
  if (route.middlewareCoverage) parts.push(`cov ${route.middlewareCoverage}`);
  if (route.serverAction) parts.push(`action ${route.serverAction.name} ${route.serverAction.mutates}`);
  signature = parts.join('\n');
  signatureCache.set(route, signature);
  return signature;
}

/**
 * The part of `model` that `changed` files can affect, given the previous run. Undefined when a
 * whole run is as cheap (most routes are affected) or the previous run is not comparable.
 */
export function planScope(previous: PreviousRun, model: RouteModel, changed: ReadonlySet<string>): ScopePlan | undefined {
  const signatures = new Map<Route, string>();
  const newSignatures = new Set<string>();
  for (const route of model.routes) {
    const signature = routeSignature(route);
    signatures.set(route, signature);
    newSignatures.add(signature);
  }
  const oldSignatures = new Map<Route, string>();
  for (const route of previous.model.routes) oldSignatures.set(route, routeSignature(route));
  const oldSignatureSet = new Set(oldSignatures.values());
  const findingKeysByFile = new Map<string, string[]>();
  for (const f of previous.findings) {
    if (f.routeKey === undefined) continue;
    const list = findingKeysByFile.get(f.location.file);
    if (list) list.push(f.routeKey);
    else findingKeysByFile.set(f.location.file, [f.routeKey]);
  }

  const files = new Set(changed);
  const dirtyKeys = new Set<string>();
  const dirtyNew = new Set<Route>();
  const touches = (route: Route): boolean =>
    files.has(route.registration.file) || (route.handler !== undefined && files.has(route.handler.file)) || route.chain.some((mw) => mw.definition !== undefined && changed.has(mw.definition.file));
  // File-level findings about code that runs for a route (a log call in its middleware, a body
  // parser where it is attached) name it.
  const markFiles = (route: Route): void => {
    files.add(route.registration.file);
    if (route.handler) files.add(route.handler.file);
    for (const mw of route.chain) {
      files.add(mw.at.file);
      if (mw.definition) files.add(mw.definition.file);
    }
  };
  for (const [route, signature] of oldSignatures) {
    if (newSignatures.has(signature)) continue;
    dirtyKeys.add(route.key);
    markFiles(route);
  }
  for (const [route, signature] of signatures) {
    if (oldSignatureSet.has(signature)) continue;
    dirtyNew.add(route);
    dirtyKeys.add(route.key);
    markFiles(route);
  }
  // Each round may add files, which may add routes: a few rounds reach the fixed point.
  for (let round = 0; ; round++) {
    if (round === 8) return undefined;
    const before = files.size + dirtyKeys.size;
    for (const file of files) for (const key of findingKeysByFile.get(file) ?? []) dirtyKeys.add(key);
    for (const route of previous.model.routes) {
      if (dirtyKeys.has(route.key) || !touches(route)) continue;
      dirtyKeys.add(route.key);
      markFiles(route);
    }
    for (const route of model.routes) {
      if (dirtyNew.has(route) || (!dirtyKeys.has(route.key) && !touches(route))) continue;
      dirtyNew.add(route);
      dirtyKeys.add(route.key);
      markFiles(route);
    }
    if (files.size + dirtyKeys.size === before) break;
  }
  if (dirtyNew.size > MAX_SCOPED_SHARE * Math.max(model.routes.length, 1) && model.routes.length > 20) return undefined;
  return { scope: { routes: dirtyNew, files }, dirtyKeys };
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
