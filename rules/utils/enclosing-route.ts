/**
 * Which route a piece of code belongs to: the route whose handler function is, or encloses, the
 * function the code is in. Lets file-level rules (CORS, cookies, error leaks) name the concrete
 * method and path in their messages.
 */
import type { FnId } from '../../analyzer/model/ir';
import { TOP_LEVEL } from '../../analyzer/model/ir';
import type { Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';

/** Per model: file → handler function → the first route (in model order) it serves. */
const cache = new WeakMap<object, Map<string, Map<FnId, Route>>>();

function handlerIndex(ctx: RuleContext): Map<string, Map<FnId, Route>> {
  let index = cache.get(ctx.model);
  if (!index) {
    // Nested maps rather than a `file:fn` string per route: built on every run of the language
    // server, over every route.
    index = new Map();
    for (const route of ctx.model.routes) {
      if (!route.handlerFn) continue;
      let byFn = index.get(route.handlerFn.file);
      if (!byFn) index.set(route.handlerFn.file, (byFn = new Map()));
      if (!byFn.has(route.handlerFn.fn)) byFn.set(route.handlerFn.fn, route);
    }
    cache.set(ctx.model, index);
  }
  return index;
}

/** The first route (in model order) whose handler is `fn` or a function enclosing it. */
export function enclosingRoute(ctx: RuleContext, file: string, fn: FnId): Route | undefined {
  const facts = ctx.files.get(file);
  const byFn = handlerIndex(ctx).get(file);
  if (!facts || !byFn) return undefined;
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
  return ctx.model.routes.filter((r) => r.handlerFn?.file === file && chain.has(r.handlerFn.fn));
}
