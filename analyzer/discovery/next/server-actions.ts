/**
 * Server actions: every exported function of a `'use server'` file, and every function whose body
 * starts with `'use server'`, is an endpoint anyone can call with a POST (the action id is public
 * in the client bundle). Each becomes a route:
 *
 *   method POST, path `action:<file>/<name>` (e.g. `action:app/admin/actions.ts/deleteUser`)
 *
 * The path is not a URL: it names the action so that the last segment is the function's name
 * (`signIn`, `forgotPassword` read as sign-in actions, as a URL's last segment would) and the
 * folders say which part of the app it belongs to (`admin`, `billing`).
 *
 * Middleware coverage is never assumed for actions: they are posted to whatever page renders
 * them, and Next's own guidance is to check auth inside each action.
 */
import type { Expr, FileFacts, FnId } from '../../model/ir';
import { TOP_LEVEL } from '../../model/ir';
import type { Location, Middleware } from '../../model/route-model';
import type { ResolvedConfig } from '../../config/types';
import { positionAt } from '../../extract/lines';
import type { ProjectIndex } from '../project-index';
import { exprName, unwrapAssign } from '../project-index';
import { describeMiddleware } from '../roles';
import { helperReaderFor, unwrapHandler, type FnRef, type Unwrapped } from './handlers';

export interface ServerAction {
  name: string;
  path: string;
  registration: Location;
  handler: Unwrapped;
  /** next-safe-action / zsa: `.use(mw)`, `.schema(s)` on the client the action is built from. */
  chain: Middleware[];
}

const SAFE_ACTION_MODULES = /^(next-safe-action|zsa)$/;

/** The actions defined in `file`. */
export function readServerActions(index: ProjectIndex, config: ResolvedConfig, file: string): ServerAction[] {
  const facts = index.get(file);
  if (!facts) return [];
  const out: ServerAction[] = [];
  const seen = new Set<FnId>();
  if (facts.directives.includes('use server')) {
    for (const exp of facts.exports) {
      if (exp.name === '*' || exp.name === '=' || exp.from !== undefined) continue;
      const expr: Expr | undefined = exp.expr ?? (exp.local ? { k: 'id', name: exp.local, span: exp.span } : undefined);
      if (!expr) continue;
      const built = buildAction(index, config, file, TOP_LEVEL, expr);
      if (!built.handler.handler && !built.handler.note) continue;
      if (built.handler.handler && built.handler.handler.file === file) seen.add(built.handler.handler.fn);
      const name = exp.name === 'default' ? 'default' : exp.name;
      out.push({ name, path: actionPath(file, name), registration: { file, span: exp.span }, handler: built.handler, chain: built.chain });
    }
  }
  for (const fn of facts.functions) {
    if (!fn.directives.includes('use server') || seen.has(fn.id)) continue;
    const name = fn.name ?? inlineName(facts, fn.id) ?? `anonymous@${positionAt(facts.lineStarts, fn.span.start).line}`;
    out.push({ name, path: actionPath(file, name), registration: { file, span: fn.span }, handler: { handler: { file, fn: fn.id }, wrappers: [], library: undefined, note: undefined }, chain: [] });
  }
  return out;
}

/**
 * `<form action={async () => { 'use server'; await signOut() }}>`: an anonymous inline action that
 * makes one call is named after it, so a sign-out form reads as the sign-out it is.
 */
function inlineName(facts: FileFacts, fn: FnId): string | undefined {
  const calls = facts.calls.filter((c) => c.fn === fn);
  if (calls.length !== 1 || !calls[0]!.isStatement) return undefined;
  const callee = calls[0]!.expr.callee;
  return callee.k === 'id' ? callee.name : callee.k === 'member' ? callee.name : undefined;
}

export function actionPath(file: string, name: string): string {
  return `action:${file}/${name}`;
}

/** `actionClient.schema(s).action(async ({ parsedInput }) => …)`, `withUser(async () => …)`, or a plain function. */
function buildAction(index: ProjectIndex, config: ResolvedConfig, file: string, fnScope: FnId, expr: Expr): { handler: Unwrapped; chain: Middleware[] } {
  const safe = safeActionChain(index, config, file, fnScope, expr);
  if (safe) return safe;
  const handler = unwrapHandler(index, config, file, fnScope, expr);
  const value = handler.handler ?? undefined;
  // Non-function exports of a 'use server' file (types, constants) are not actions.
  if (!value && handler.wrappers.length === 0 && !isFunctionLike(index, file, fnScope, expr)) return { handler: { handler: undefined, wrappers: [], library: undefined, note: undefined }, chain: [] };
  return { handler, chain: [] };
}

function isFunctionLike(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr): boolean {
  const e = unwrapAssign(expr);
  if (e.k === 'fn' || e.k === 'call') return true;
  if (e.k === 'id') {
    const v = index.evaluate(file, e, fnScope);
    return v.kind === 'function' || (v.kind === 'expr' && (v.expr.k === 'call' || v.expr.k === 'fn'));
  }
  return false;
}

/** Walks `.action(fn)` back through `.schema()`, `.inputSchema()`, `.use()`, `.metadata()` to the client factory. */
function safeActionChain(index: ProjectIndex, config: ResolvedConfig, file: string, fnScope: FnId, expr: Expr): { handler: Unwrapped; chain: Middleware[] } | undefined {
  let e = unwrapAssign(expr);
  let scopeFile = file;
  let scope = fnScope;
  if (e.k === 'id') {
    const b = index.lookup(file, e.name, fnScope);
    if (b?.kind !== 'decl' || !b.decl.init || b.path.length > 0) return undefined;
    e = unwrapAssign(b.decl.init);
    scopeFile = b.file;
    scope = b.decl.fn;
  }
  if (e.k !== 'call' || e.callee.k !== 'member' || !/^(action|stateAction|handler)$/.test(e.callee.name)) return undefined;
  const fnArg = e.args[0];
  if (!fnArg) return undefined;
  const chain: Middleware[] = [];
  let cur: Expr = e.callee.object;
  let curFile = scopeFile;
  let curScope = scope;
  let client = 'client';
  for (let i = 0; i < 16; i++) {
    cur = unwrapAssign(cur);
    if (cur.k === 'call' && cur.callee.k === 'member') {
      const name = cur.callee.name;
      if (/^(schema|inputSchema|input|outputSchema|bindArgsSchemas)$/.test(name) && cur.args[0]) {
        if (name !== 'outputSchema') chain.unshift({ name: `${name}(${exprName(cur.args[0])})`, roles: ['validation'], roleSource: 'library', args: [], at: { file: curFile, span: cur.span }, definition: undefined, scope: 'route', hook: 'safe-action' });
      } else if (name === 'use' && cur.args[0]) {
        const described = describeMiddleware({ index, config, file: curFile, fnScope: curScope, expr: cur.args[0], at: { file: curFile, span: cur.args[0].span }, scope: 'route', behaviourHooks: (f) => helperReaderFor(index).hooksFor(f) });
        chain.unshift({ ...described, name: cur.args[0].k === 'fn' ? `${client}.use(…)` : described.name, hook: 'safe-action' });
      }
      cur = cur.callee.object;
      continue;
    }
    if (cur.k === 'call') {
      const v = index.evaluate(curFile, cur.callee, curScope);
      if (v.kind === 'external' && SAFE_ACTION_MODULES.test(v.module)) return { handler: unwrapHandler(index, config, scopeFile, scope, fnArg), chain };
      return undefined;
    }
    if (cur.k === 'id') {
      // `export const authActionClient = actionClient.use(…)` in lib/safe-action.ts.
      const b = index.lookup(curFile, cur.name, curScope);
      if (b?.kind !== 'decl' || !b.decl.init || b.path.length > 0) return undefined;
      cur = b.decl.init;
      curFile = b.file;
      curScope = b.decl.fn;
      client = b.decl.name ?? client;
      continue;
    }
    return undefined;
  }
  return undefined;
}

