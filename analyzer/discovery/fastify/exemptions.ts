/**
 * Routes a hook lets through before it checks anything: an early `return` on the request URL or on
 * a route config flag, as in
 *
 *   fastify.addHook('onRequest', async (request, reply) => {
 *     if (request.url.startsWith('/api/auth/')) return;          // URL prefix
 *     if (PUBLIC.includes(request.url)) return;                  // exact URLs
 *     if (request.routeOptions.config.public) return;            // `config: { public: true }`
 *     if (!request.session.user) return reply.unauthorized();
 *   });
 *
 * A hook's auth role does not hold for the routes it exempts.
 */
import type { Expr, FnId } from '../../model/ir';
import { exprPath, type ProjectIndex } from '../project-index';
import { constString, resolveArray } from './values';

export interface HookExemptions {
  prefixes: string[];
  exact: string[];
  /** Route config flags: `config: { [flag]: true }` exempts the route. */
  configFlags: string[];
}

/** The exemptions written at the top of hook function `fn`; undefined when there are none. */
export function hookExemptions(index: ProjectIndex, file: string, fn: FnId): HookExemptions | undefined {
  const facts = index.get(file);
  if (!facts) return undefined;
  const out: HookExemptions = { prefixes: [], exact: [], configFlags: [] };
  for (const guard of facts.guards) {
    if (guard.fn !== fn || !guard.then.exits || guard.then.throws || guard.then.statuses.length > 0 || guard.then.redirects) continue;
    readTest(index, file, fn, guard.test, out, 0);
  }
  return out.prefixes.length + out.exact.length + out.configFlags.length > 0 ? out : undefined;
}

export function isExempt(ex: HookExemptions, path: string, config: ReadonlyMap<string, boolean>): boolean {
  if (ex.exact.includes(path) || ex.prefixes.some((p) => path.startsWith(p) || `${path}/` === p)) return true;
  return ex.configFlags.some((f) => config.get(f) === true);
}

function readTest(index: ProjectIndex, file: string, fn: FnId, test: Expr, out: HookExemptions, depth: number): void {
  if (depth > 6) return;
  if (test.k === 'bin' && test.op === '||') {
    readTest(index, file, fn, test.left, out, depth + 1);
    readTest(index, file, fn, test.right, out, depth + 1);
    return;
  }
  if (test.k === 'bin' && (test.op === '===' || test.op === '==')) {
    const [urlSide, other] = isUrl(test.left) ? [test.left, test.right] : isUrl(test.right) ? [test.right, test.left] : [undefined, undefined];
    const value = urlSide ? constString(index, file, fn, other) : undefined;
    if (value !== undefined) out.exact.push(value);
    return;
  }
  if (test.k === 'call' && test.callee.k === 'member') {
    const { name, object } = test.callee;
    const arg = test.args[0];
    if (name === 'startsWith' && isUrl(object)) {
      const value = constString(index, file, fn, arg);
      if (value) out.prefixes.push(value);
    } else if ((name === 'includes' || name === 'has') && arg && isUrl(arg)) {
      const list = resolveArray(index, file, fn, object);
      for (const item of list?.items ?? []) {
        const value = constString(index, list!.file, list!.fnScope, item);
        if (value) out.exact.push(value);
      }
    }
    return;
  }
  // `request.routeOptions.config.public`, `request.routeConfig.skipAuth`.
  const path = test.k === 'member' ? exprPath(test) : undefined;
  if (path && path.length >= 3) {
    const i = path.lastIndexOf('config');
    if ((i >= 1 && i === path.length - 2) || (path[path.length - 2] === 'routeConfig')) out.configFlags.push(path[path.length - 1]!);
  }
}

/** `request.url`, `request.raw.url`, `request.routeOptions.url`, `request.routerPath`. */
function isUrl(expr: Expr): boolean {
  const path = exprPath(expr);
  if (!path || path.length < 2) return false;
  const last = path[path.length - 1]!;
  return last === 'url' || last === 'routerPath' || last === 'originalUrl';
}
