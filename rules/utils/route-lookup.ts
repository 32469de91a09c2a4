/**
 * Routes looked up by file, in model order, through the model's route index
 * (analyzer/model/route-index.ts) rather than a pass over every route: the language server runs
 * the rules on every edit, and a project can have ten thousand routes.
 */
import type { Route } from '../../analyzer/model/route-model';
import { compareRoutes, RouteIndex } from '../../analyzer/model/route-index';
import type { RuleContext } from './define-rule';

type PerFile = Map<string, readonly Route[]>;
const handledByRun = new WeakMap<object, PerFile>();
const usingByRun = new WeakMap<object, PerFile>();

function perRun(cache: WeakMap<object, PerFile>, ctx: RuleContext, file: string, compute: (index: RouteIndex) => Iterable<Route>): readonly Route[] {
  let byFile = cache.get(ctx.model);
  if (!byFile) cache.set(ctx.model, (byFile = new Map()));
  let routes = byFile.get(file);
  if (!routes) byFile.set(file, (routes = [...compute(RouteIndex.of(ctx.model))].sort(compareRoutes)));
  return routes;
}

const registeredByRun = new WeakMap<object, PerFile>();

/** The routes registered in `file`. */
export function routesRegisteredIn(ctx: RuleContext, file: string): readonly Route[] {
  return perRun(registeredByRun, ctx, file, (index) => [...index.inFile(file)].filter((r) => r.registration.file === file));
}

/** The routes whose handler function is in `file`. */
export function routesHandledIn(ctx: RuleContext, file: string): readonly Route[] {
  return perRun(handledByRun, ctx, file, (index) => [...index.inFile(file)].filter((r) => r.handlerFn?.file === file));
}

/** The routes running a middleware defined in `file`. */
export function routesUsingMiddlewareFrom(ctx: RuleContext, file: string): readonly Route[] {
  return perRun(usingByRun, ctx, file, (index) => index.usingMiddlewareFrom(file));
}

/** The routes with a middleware applied in one of `files` (app-wide middleware aside). */
export function routesWithMiddlewareAppliedIn(ctx: RuleContext, files: Iterable<string>): Route[] {
  const index = RouteIndex.of(ctx.model);
  const found = new Set<Route>();
  for (const file of files) for (const route of index.withMiddlewareAppliedIn(file)) found.add(route);
  return [...found].sort(compareRoutes);
}
