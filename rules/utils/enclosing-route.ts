/**
 * Which route a piece of code belongs to: the route whose handler function is, or encloses, the
 * function the code is in. Lets file-level rules (CORS, cookies, error leaks) name the concrete
 * method and path in their messages.
 */
import type { FnId } from '../../analyzer/model/ir';
import { TOP_LEVEL } from '../../analyzer/model/ir';
import type { Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';

const cache = new WeakMap<object, Map<string, Route>>();

function handlerIndex(ctx: RuleContext): Map<string, Route> {
  let index = cache.get(ctx.model);
  if (!index) {
    index = new Map();
    for (const route of ctx.model.routes) {
      if (!route.handlerFn) continue;
      const key = `${route.handlerFn.file}\0${route.handlerFn.fn}`;
      if (!index.has(key)) index.set(key, route);
    }
    cache.set(ctx.model, index);
  }
  return index;
}

/** The first route (in model order) whose handler is `fn` or a function enclosing it. */
export function enclosingRoute(ctx: RuleContext, file: string, fn: FnId): Route | undefined {
  const facts = ctx.files.get(file);
  if (!facts) return undefined;
  const index = handlerIndex(ctx);
  let cur = fn;
  for (let i = 0; i < 64 && cur !== TOP_LEVEL; i++) {
    const route = index.get(`${file}\0${cur}`);
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
