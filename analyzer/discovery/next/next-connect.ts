/**
 * next-connect routers inside a route file: `const router = createRouter(); router.use(auth).get(h)
 * .post(validate, h2); export default router.handler()` (v1, also `createEdgeRouter` for the App
 * Router) and `const handler = nc(); handler.use(auth); handler.get(h); export default handler`
 * (v0). `use` applies to what is registered after it, in source order, like Express.
 */
import type { Expr, FnId } from '../../model/ir';
import type { HttpMethod, Location, Middleware } from '../../model/route-model';
import type { ResolvedConfig } from '../../config/types';
import type { ProjectIndex } from '../project-index';
import { unwrapAssign } from '../project-index';
import { describeMiddleware } from '../roles';
import { helperReaderFor, unwrapHandler, type Unwrapped } from './handlers';

const METHODS: Record<string, HttpMethod> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS', all: 'ALL' };

export interface ConnectRoute {
  method: HttpMethod;
  registration: Location;
  chain: Middleware[];
  handler: Unwrapped;
}

/** Routes registered on next-connect routers created in `file`; empty when there are none. */
export function readNextConnect(index: ProjectIndex, config: ResolvedConfig, file: string): ConnectRoute[] {
  const facts = index.get(file);
  if (!facts || !facts.imports.some((i) => i.source === 'next-connect')) return [];
  const isFactory = (fn: FnId, e: Expr): boolean => {
    if (e.k !== 'call') return false;
    const v = index.evaluate(file, e.callee, fn);
    return v.kind === 'external' && v.module === 'next-connect' && (v.path.length === 0 || /^(createRouter|createEdgeRouter)$/.test(v.path.join('.')));
  };
  /** Is `e` (seen from `fn`) a router: the factory call, a chain on it, or a name bound to one? */
  const isRouter = (fn: FnId, e: Expr, depth = 0): boolean => {
    if (depth > 8) return false;
    const x = unwrapAssign(e);
    if (isFactory(fn, x)) return true;
    if (x.k === 'call' && x.callee.k === 'member' && (x.callee.name === 'use' || METHODS[x.callee.name])) return isRouter(fn, x.callee.object, depth + 1);
    if (x.k === 'id') {
      const b = index.lookup(file, x.name, fn);
      return b?.kind === 'decl' && b.file === file && b.path.length === 0 && b.decl.init !== undefined && isRouter(b.decl.fn, b.decl.init, depth + 1);
    }
    return false;
  };
  const calls = facts.calls
    .filter((c) => c.expr.callee.k === 'member' && (c.expr.callee.name === 'use' || METHODS[c.expr.callee.name] !== undefined) && isRouter(c.fn, c.expr.callee.k === 'member' ? c.expr.callee.object : c.expr.callee))
    // Chained calls nest: `router.use(a).get(h)` — the inner `use` starts first but its call span is
    // shorter; order by where the method name appears.
    .sort((a, b) => memberNameStart(a.expr) - memberNameStart(b.expr));
  const routes: ConnectRoute[] = [];
  const active: Middleware[] = [];
  for (const call of calls) {
    const callee = call.expr.callee;
    if (callee.k !== 'member') continue;
    const args = call.expr.args.filter((a) => a.k !== 'str');
    if (callee.name === 'use') {
      for (const a of args) active.push(describeMiddleware({ index, config, file, fnScope: call.fn, expr: a, at: { file, span: a.span }, scope: 'mount', behaviourHooks: (f) => helperReaderFor(index).hooksFor(f) }));
      continue;
    }
    const handlerExpr = args[args.length - 1];
    if (!handlerExpr) continue;
    const inline = args.slice(0, -1).map((a) => describeMiddleware({ index, config, file, fnScope: call.fn, expr: a, at: { file, span: a.span }, scope: 'route', behaviourHooks: (f) => helperReaderFor(index).hooksFor(f) }));
    routes.push({
      method: METHODS[callee.name]!,
      registration: { file, span: { start: memberNameStart(call.expr), end: call.expr.span.end } },
      chain: [...active, ...inline],
      handler: unwrapHandler(index, config, file, call.fn, handlerExpr),
    });
  }
  return routes;
}

/** Where the name `get` of `x.get(…)` starts (chains put each call on its own line). */
function memberNameStart(call: Extract<Expr, { k: 'call' }>): number {
  const c = call.callee;
  return c.k === 'member' ? c.span.end - c.name.length : call.span.start;
}
