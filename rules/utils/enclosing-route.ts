/**
 * Which route a piece of code belongs to: the route whose handler function is, or encloses, the
 * function the code is in. Lets file-level rules (CORS, cookies, error leaks) name the concrete
 * method and path in their messages.
 */
import type { FnId } from '../../analyzer/model/ir';
import { TOP_LEVEL } from '../../analyzer/model/ir';
import type { Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import { routesHandledIn } from './route-lookup';

/** Per run: file → handler function → the first route (in model order) it serves. */
const cache = new WeakMap<object, Map<string, Map<FnId, Route>>>();

function handlersIn(ctx: RuleContext, file: string): Map<FnId, Route> {
  let byFile = cache.get(ctx.model);
  if (!byFile) cache.set(ctx.model, (byFile = new Map()));
  let byFn = byFile.get(file);
  if (!byFn) {
    byFn = new Map();
    for (const route of routesHandledIn(ctx, file)) if (!byFn.has(route.handlerFn!.fn)) byFn.set(route.handlerFn!.fn, route);
    byFile.set(file, byFn);
  }
  return byFn;
}

/** The first route (in model order) whose handler is `fn` or a function enclosing it. */
export function enclosingRoute(ctx: RuleContext, file: string, fn: FnId): Route | undefined {
  const facts = ctx.files.get(file);
  if (!facts) return undefined;
  const byFn = handlersIn(ctx, file);
  if (byFn.size === 0) return undefined;
  let cur = fn;
  for (let i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    const route = byFn.get(cur);
    if (route) return route;
    cur = facts.functions[cur]?.parent ?? TOP_LEVEL;
  }
  return undefined;
}

/** Every route whose handler is `fn` or encloses it (the same handler can serve several paths). */
export function routesOfHandler(ctx: RuleContext, file: string, fn: FnId): Route[] {
  const facts = ctx.files.get(file);
  if (!facts) return [];
  const chain = new Set<FnId>();
  for (let cur = fn, i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    chain.add(cur);
    cur = facts.functions[cur]?.parent ?? TOP_LEVEL;
  }
  return routesHandledIn(ctx, file).filter((r) => chain.has(r.handlerFn!.fn));
}
