/**
 * What a rule evaluates in this run: everything, or — when the language server re-runs after an
 * edit — only the routes and files in `ctx.scope` (see `RuleDefinition.incremental`). Rules
 * iterate through these helpers and keep using `ctx.model` and `ctx.files` for lookups.
 */
import type { Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import { sortedFiles } from './calls';
import { compareRoutes } from '../../analyzer/model/route-index';

const routesByScope = new WeakMap<object, readonly Route[]>();
const filesByScope = new WeakMap<object, readonly string[]>();

/** The routes to report on, in model order. */
export function routesToCheck(ctx: RuleContext): readonly Route[] {
  const scope = ctx.scope;
  if (!scope) return ctx.model.routes;
  let routes = routesByScope.get(scope);
  // Sorted rather than filtered out of the model: a scope holds a handful of routes out of thousands.
  if (!routes) routesByScope.set(scope, (routes = [...scope.routes].sort(compareRoutes)));
  return routes;
}

/** The source files to scan for findings that belong to no route, in sorted order. */
export function filesToScan(ctx: RuleContext): readonly string[] {
  const scope = ctx.scope;
  if (!scope) return sortedFiles(ctx);
  let files = filesByScope.get(scope);
  if (!files) filesByScope.set(scope, (files = [...scope.files].filter((f) => ctx.files.has(f)).sort()));
  return files;
}

/** True when findings located in `file` (source or other text file) are evaluated in this run. */
export function fileInScope(ctx: RuleContext, file: string): boolean {
  return !ctx.scope || ctx.scope.files.has(file);
}
