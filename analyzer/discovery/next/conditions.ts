/**
 * A small three-valued evaluator for the conditions Next.js middleware decides on: the request path
 * (`req.nextUrl.pathname.startsWith('/admin')`, `isProtectedRoute(req)` from Clerk's
 * `createRouteMatcher`, `['/login', '/register'].includes(pathname)`) and the caller's credential
 * (`!token`, `!session?.user`, `!req.auth`, `!!auth?.user`).
 *
 * Everything is evaluated for one concrete sample path and one assumed caller: `anonymous` (every
 * credential is absent) or `signed-in` (a credential is present but its claims are unknown). The
 * answer is `true`, `false` or `undefined` (cannot tell). Nothing is executed; values are read
 * from the file facts through the ProjectIndex, depth-bounded.
 */
import type { Expr, FnId } from '../../model/ir';
import { TOP_LEVEL } from '../../model/ir';
import { CREDENTIAL_CALLS } from '../behaviour';
import type { Binding, ProjectIndex } from '../project-index';
import { compilePathPattern } from './path-pattern';

export type Tri = boolean | undefined;

/** A response a middleware can return. */
export interface ResponseVal {
  t: 'response';
  kind: 'next' | 'redirect' | 'rewrite' | 'respond';
  status: number | undefined;
}

export type Val =
  | { t: 'lit'; v: string | number | boolean | null | undefined }
  /** A credential (token, session, user, claim) of the assumed caller. */
  | { t: 'cred' }
  | { t: 'request' }
  | { t: 'url' }
  | { t: 'cookies' }
  | { t: 'headers' }
  /** Clerk's `auth` object handed to the `clerkMiddleware` callback. */
  | { t: 'clerk-auth' }
  /** `createRouteMatcher([...])`: a function of the request. */
  | { t: 'matcher'; patterns: (string | RegExp)[]; complete: boolean }
  | { t: 'arr'; items: Val[]; complete: boolean }
  | { t: 'obj'; props: Map<string, Val> }
  | { t: 'regex'; re: RegExp }
  | { t: 'fn'; file: string; fn: FnId }
  | { t: 'external'; module: string; path: string[] }
  | ResponseVal
  | { t: 'unknown' };

const UNKNOWN: Val = { t: 'unknown' };
const MAX_DEPTH = 24;

/** Which calls hand out a credential, beyond the shared list: Next, Auth.js, Supabase, Clerk, iron-session. */
const NEXT_CREDENTIAL_CALLS = /^(getToken|getServerSession|getSession|auth|currentUser|getUser|getClaims|getIronSession|getSessionCookie|getKindeServerSession|validateRequest|verifySession|decrypt|jwtVerify|verify|verifyToken|getCurrentUser)$/;
const CREDENTIAL_NAME = /token|session|auth|jwt|sid|user|access|login|credential|apikey|api-key/i;

export interface EvalContext {
  readonly index: ProjectIndex;
  /** The concrete sample path (without basePath). */
  readonly path: string;
  readonly caller: 'anonymous' | 'signed-in';
  /** Values of function parameters: `${file}:${fn}:${index}`. */
  readonly params: Map<string, Val>;
  /** Set when a credential decided a truth value (a condition "depends on the caller"). */
  usedCredential: boolean;
  /** Set when something could not be read (a reason for partial coverage). */
  unknownReason: string | undefined;
}

export function newContext(index: ProjectIndex, path: string, caller: EvalContext['caller']): EvalContext {
  return { index, path, caller, params: new Map(), usedCredential: false, unknownReason: undefined };
}

export function paramKey(file: string, fn: FnId, i: number): string {
  return `${file}:${fn}:${i}`;
}

/** The truthiness of a value, as JavaScript would see it. */
export function truthy(v: Val, ctx: EvalContext): Tri {
  switch (v.t) {
    case 'lit':
      return Boolean(v.v);
    case 'cred':
      ctx.usedCredential = true;
      return ctx.caller === 'anonymous' ? false : true;
    case 'unknown':
    case 'external':
      return undefined;
    default:
      return true;
  }
}

function lit(v: string | number | boolean | null | undefined): Val {
  return { t: 'lit', v };
}

function bool(t: Tri): Val {
  return t === undefined ? UNKNOWN : lit(t);
}

/** Evaluates `expr` written in function `fn` of `file`. */
export function evaluate(ctx: EvalContext, file: string, fn: FnId, expr: Expr, depth = 0): Val {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const d = depth + 1;
  switch (expr.k) {
    case 'str':
      return lit(expr.value);
    case 'num':
      return lit(expr.value);
    case 'bool':
      return lit(expr.value);
    case 'null':
      return lit(null);
    case 'undefined':
      return lit(undefined);
    case 'regex':
      try {
        return { t: 'regex', re: new RegExp(expr.pattern, expr.flags.replace(/[gy]/g, '')) };
      } catch {
        return UNKNOWN;
      }
    case 'tpl': {
      const parts: string[] = [expr.quasis[0] ?? ''];
      for (let i = 0; i < expr.exprs.length; i++) {
        const v = evaluate(ctx, file, fn, expr.exprs[i]!, d);
        if (v.t !== 'lit' || typeof v.v !== 'string') return UNKNOWN;
        parts.push(v.v, expr.quasis[i + 1] ?? '');
      }
      return lit(parts.join(''));
    }
    case 'id':
      return identifier(ctx, file, fn, expr.name, d);
    case 'await':
      return evaluate(ctx, file, fn, expr.expr, d);
    case 'member':
      return member(ctx, evaluate(ctx, file, fn, expr.object, d), expr.name);
    case 'index': {
      const key = evaluate(ctx, file, fn, expr.index, d);
      const base = evaluate(ctx, file, fn, expr.object, d);
      if (key.t === 'lit' && (typeof key.v === 'string' || typeof key.v === 'number')) return member(ctx, base, String(key.v));
      return base.t === 'cred' ? base : UNKNOWN;
    }
    case 'arr': {
      const items: Val[] = [];
      let complete = true;
      for (const item of expr.items) {
        if (item.k === 'spread') {
          const inner = evaluate(ctx, file, fn, item.expr, d);
          if (inner.t === 'arr') {
            items.push(...inner.items);
            complete &&= inner.complete;
          } else complete = false;
        } else items.push(evaluate(ctx, file, fn, item, d));
      }
      return { t: 'arr', items, complete };
    }
    case 'obj': {
      const props = new Map<string, Val>();
      for (const p of expr.props) {
        if (p.spread) {
          const inner = evaluate(ctx, file, fn, p.value, d);
          if (inner.t === 'obj') for (const [k, v] of inner.props) props.set(k, v);
        } else if (p.key !== undefined) props.set(p.key, lazyValue(ctx, file, fn, p.value, d));
      }
      return { t: 'obj', props };
    }
    case 'fn':
      return { t: 'fn', file, fn: expr.fn };
    case 'unary': {
      const inner = evaluate(ctx, file, fn, expr.expr, d);
      if (expr.op === '!') {
        const t = truthy(inner, ctx);
        return bool(t === undefined ? undefined : !t);
      }
      if (expr.op === 'typeof') return UNKNOWN;
      return UNKNOWN;
    }
    case 'bin':
      return binary(ctx, file, fn, expr, d);
    case 'cond': {
      const t = truthy(evaluate(ctx, file, fn, expr.test, d), ctx);
      if (t === undefined) return UNKNOWN;
      return evaluate(ctx, file, fn, t ? expr.then : expr.else, d);
    }
    case 'call':
      return call(ctx, file, fn, expr, d);
    case 'assign':
      return evaluate(ctx, file, fn, expr.value, d);
    default:
      return UNKNOWN;
  }
}

/** Object properties are evaluated when read; functions stay functions. */
function lazyValue(ctx: EvalContext, file: string, fn: FnId, expr: Expr, depth: number): Val {
  if (expr.k === 'fn') return { t: 'fn', file, fn: expr.fn };
  return evaluate(ctx, file, fn, expr, depth);
}

function identifier(ctx: EvalContext, file: string, fn: FnId, name: string, depth: number): Val {
  if (name === 'undefined') return lit(undefined);
  const binding = ctx.index.lookup(file, name, fn);
  if (!binding) {
    // Globals a middleware uses.
    if (name === 'Response' || name === 'URL' || name === 'Headers') return { t: 'external', module: '<global>', path: [name] };
    return UNKNOWN;
  }
  return bindingValue(ctx, binding, depth);
}

export function bindingValue(ctx: EvalContext, binding: Binding, depth: number): Val {
  if (depth > MAX_DEPTH) return UNKNOWN;
  switch (binding.kind) {
    case 'function':
      return { t: 'fn', file: binding.file, fn: binding.fn };
    case 'external':
      return { t: 'external', module: binding.module, path: binding.imported === '*' || binding.imported === 'default' ? [] : binding.imported.split('.') };
    case 'param': {
      const v = ctx.params.get(paramKey(binding.file, binding.fn, binding.index)) ?? UNKNOWN;
      return binding.path.reduce((acc, key) => member(ctx, acc, key), v);
    }
    case 'decl': {
      const init = binding.decl.init;
      if (!init) return UNKNOWN;
      // `let res = NextResponse.next()` may be reassigned; only consts are trusted, but a `let`
      // holding a literal path list is common enough to read too.
      if (binding.decl.kind !== 'const' && binding.decl.kind !== 'let') return UNKNOWN;
      const v = evaluate(ctx, binding.file, binding.decl.fn, init, depth + 1);
      return binding.path.reduce((acc, key) => member(ctx, acc, key), v);
    }
    default:
      return UNKNOWN;
  }
}

export function member(ctx: EvalContext, base: Val, name: string): Val {
  switch (base.t) {
    case 'cred':
      return base;
    case 'request':
      if (name === 'nextUrl') return { t: 'url' };
      if (name === 'auth') return { t: 'cred' };
      if (name === 'cookies') return { t: 'cookies' };
      if (name === 'headers') return { t: 'headers' };
      return UNKNOWN;
    case 'url':
      if (name === 'pathname') return lit(ctx.path);
      return UNKNOWN;
    case 'obj':
      return base.props.get(name) ?? UNKNOWN;
    case 'arr':
      if (name === 'length' && base.complete) return lit(base.items.length);
      return UNKNOWN;
    case 'lit':
      if (typeof base.v === 'string' && name === 'length') return lit(base.v.length);
      // `token?.role` on an absent credential stays absent; on a literal null it is undefined.
      if (base.v === null || base.v === undefined) return lit(undefined);
      return UNKNOWN;
    case 'external':
      return { t: 'external', module: base.module, path: [...base.path, name] };
    default:
      return UNKNOWN;
  }
}

function binary(ctx: EvalContext, file: string, fn: FnId, expr: Extract<Expr, { k: 'bin' }>, depth: number): Val {
  const op = expr.op;
  if (op === '&&' || op === '||' || op === '??') {
    const left = evaluate(ctx, file, fn, expr.left, depth);
    const lt = op === '??' ? notNullish(left, ctx) : truthy(left, ctx);
    if (op === '&&') {
      if (lt === false) return left.t === 'cred' ? lit(undefined) : left;
      const right = evaluate(ctx, file, fn, expr.right, depth);
      if (lt === true) return right;
      return truthy(right, ctx) === false ? lit(false) : UNKNOWN;
    }
    if (lt === true) return left;
    const right = evaluate(ctx, file, fn, expr.right, depth);
    if (lt === false) return right;
    return op === '||' && truthy(right, ctx) === true ? lit(true) : UNKNOWN;
  }
  const left = evaluate(ctx, file, fn, expr.left, depth);
  const right = evaluate(ctx, file, fn, expr.right, depth);
  if (op === '===' || op === '==' || op === '!==' || op === '!=') {
    const eq = equals(ctx, left, right, op === '==' || op === '!=');
    return bool(eq === undefined ? undefined : op.startsWith('!') ? !eq : eq);
  }
  if (op === 'instanceof' || op === 'in') return UNKNOWN;
  return UNKNOWN;
}

function notNullish(v: Val, ctx: EvalContext): Tri {
  if (v.t === 'lit') return v.v !== null && v.v !== undefined;
  if (v.t === 'cred') {
    ctx.usedCredential = true;
    return ctx.caller !== 'anonymous';
  }
  return v.t === 'unknown' || v.t === 'external' ? undefined : true;
}

function equals(ctx: EvalContext, a: Val, b: Val, loose: boolean): Tri {
  if (a.t === 'lit' && b.t === 'lit') return loose ? a.v == b.v : a.v === b.v;
  const [cred, other] = a.t === 'cred' ? [a, b] : b.t === 'cred' ? [b, a] : [undefined, undefined];
  if (cred && other?.t === 'lit') {
    ctx.usedCredential = true;
    if (ctx.caller === 'signed-in') return other.v === null || other.v === undefined ? false : undefined;
    // An absent credential is null or undefined: equal to either (loosely), never to a real value.
    if (other.v === null || other.v === undefined) return loose ? true : undefined;
    return false;
  }
  return undefined;
}

function stringOf(v: Val): string | undefined {
  return v.t === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

/** Does any matcher pattern (path-to-regexp string or RegExp) match the sample path? */
export function patternsMatch(patterns: readonly (string | RegExp)[], path: string): Tri {
  let unknown = false;
  for (const p of patterns) {
    if (p instanceof RegExp) {
      if (p.test(path)) return true;
      continue;
    }
    const re = compilePathPattern(p);
    if (!re) unknown = true;
    else if (re.test(path)) return true;
  }
  return unknown ? undefined : false;
}

function call(ctx: EvalContext, file: string, fn: FnId, expr: Extract<Expr, { k: 'call' }>, depth: number): Val {
  const callee = expr.callee;
  const args = () => expr.args.map((a) => lazyValue(ctx, file, fn, a, depth));
  // Methods on strings, arrays, regexes, cookies, headers, URLs and Clerk's auth.
  if (callee.k === 'member') {
    const base = evaluate(ctx, file, fn, callee.object, depth);
    const name = callee.name;
    const s = stringOf(base);
    if (s !== undefined) {
      const arg = expr.args[0] ? evaluate(ctx, file, fn, expr.args[0], depth) : UNKNOWN;
      const a = stringOf(arg);
      if (name === 'toLowerCase' || name === 'toString' || name === 'trim') return base;
      if (name === 'match') return arg.t === 'regex' ? lit(arg.re.test(s)) : UNKNOWN;
      if (a === undefined) return UNKNOWN;
      if (name === 'startsWith') return lit(s.startsWith(a));
      if (name === 'endsWith') return lit(s.endsWith(a));
      if (name === 'includes') return lit(s.includes(a));
      return UNKNOWN;
    }
    if (base.t === 'regex' && name === 'test') {
      const arg = stringOf(expr.args[0] ? evaluate(ctx, file, fn, expr.args[0], depth) : UNKNOWN);
      return arg === undefined ? UNKNOWN : lit(base.re.test(arg));
    }
    if (base.t === 'arr') return arrayMethod(ctx, file, fn, base, name, expr, depth);
    if (base.t === 'cookies') {
      const key = stringOf(expr.args[0] ? evaluate(ctx, file, fn, expr.args[0], depth) : UNKNOWN);
      if ((name === 'get' || name === 'has') && key !== undefined && CREDENTIAL_NAME.test(key)) return name === 'has' ? credAsBool(ctx) : { t: 'cred' };
      return UNKNOWN;
    }
    if (base.t === 'headers') {
      const key = stringOf(expr.args[0] ? evaluate(ctx, file, fn, expr.args[0], depth) : UNKNOWN);
      if ((name === 'get' || name === 'has') && key !== undefined && /^(authorization|x-api-key|x-access-token|x-auth-token|cookie)$/i.test(key)) return name === 'has' ? credAsBool(ctx) : { t: 'cred' };
      return UNKNOWN;
    }
    if (base.t === 'url' && (name === 'clone' || name === 'toString')) return name === 'clone' ? base : UNKNOWN;
    if (base.t === 'clerk-auth') return name === 'protect' ? UNKNOWN : { t: 'cred' };
    if (base.t === 'cred') return base;
    if (base.t === 'external') return externalCall(ctx, [...base.path, name], base.module, args, expr);
    if (base.t === 'obj') {
      const method = base.props.get(name);
      if (method?.t === 'fn') return callFunction(ctx, method.file, method.fn, args(), depth);
    }
  }
  const target = evaluate(ctx, file, fn, callee, depth);
  if (target.t === 'matcher') {
    // `isProtectedRoute(req)`: Clerk's matcher is a function of the request.
    const matched = patternsMatch(target.patterns, ctx.path);
    return bool(matched === true ? true : matched === false && target.complete ? false : undefined);
  }
  if (target.t === 'clerk-auth') return { t: 'cred' };
  if (target.t === 'external') return externalCall(ctx, target.path, target.module, args, expr);
  if (target.t === 'fn') {
    const name = ctx.index.fnFacts(target.file, target.fn)?.name ?? '';
    if (NEXT_CREDENTIAL_CALLS.test(name) || CREDENTIAL_CALLS.test(name)) return { t: 'cred' };
    return callFunction(ctx, target.file, target.fn, args(), depth);
  }
  const calleeName = callee.k === 'id' ? callee.name : callee.k === 'member' ? callee.name : '';
  if (NEXT_CREDENTIAL_CALLS.test(calleeName) || CREDENTIAL_CALLS.test(calleeName)) return { t: 'cred' };
  // A verification of a credential yields a credential: `await decrypt(cookie)`, `verifyJwt(token)`.
  if (args().some((a) => a.t === 'cred')) return { t: 'cred' };
  return UNKNOWN;
}

function credAsBool(ctx: EvalContext): Val {
  ctx.usedCredential = true;
  return ctx.caller === 'anonymous' ? lit(false) : lit(true);
}

function arrayMethod(ctx: EvalContext, file: string, fn: FnId, arr: Extract<Val, { t: 'arr' }>, name: string, expr: Extract<Expr, { k: 'call' }>, depth: number): Val {
  const argExpr = expr.args[0];
  if (!argExpr) return UNKNOWN;
  if (name === 'includes') {
    const needle = evaluate(ctx, file, fn, argExpr, depth);
    if (needle.t !== 'lit') return UNKNOWN;
    if (arr.items.some((i) => i.t === 'lit' && i.v === needle.v)) return lit(true);
    return arr.complete && arr.items.every((i) => i.t === 'lit') ? lit(false) : UNKNOWN;
  }
  if (name === 'some' || name === 'find' || name === 'every' || name === 'findIndex') {
    const callback = evaluate(ctx, file, fn, argExpr, depth);
    if (callback.t !== 'fn') return UNKNOWN;
    let sawUnknown = !arr.complete;
    for (const item of arr.items) {
      const result = truthy(callFunction(ctx, callback.file, callback.fn, [item], depth), ctx);
      if (result === undefined) sawUnknown = true;
      else if (name === 'every' ? !result : result) return name === 'every' ? lit(false) : name === 'find' ? item : lit(name === 'findIndex' ? 0 : true);
    }
    if (sawUnknown) return UNKNOWN;
    return name === 'every' ? lit(true) : name === 'find' ? lit(undefined) : lit(name === 'findIndex' ? -1 : false);
  }
  return UNKNOWN;
}

function externalCall(ctx: EvalContext, path: string[], module: string, args: () => Val[], expr: Extract<Expr, { k: 'call' }>): Val {
  const last = path[path.length - 1] ?? '';
  const head = path[0] ?? '';
  // NextResponse.next(), NextResponse.redirect(url), NextResponse.rewrite(url), NextResponse.json(b, { status }).
  if ((module === 'next/server' || module === 'next/dist/server/web/spec-extension/response' || module === '<global>') && (head === 'NextResponse' || head === 'Response')) {
    if (path.length === 1) return { t: 'response', kind: 'respond', status: statusOf(args()[1]) ?? 200 };
    if (last === 'next') return { t: 'response', kind: 'next', status: undefined };
    if (last === 'redirect') return { t: 'response', kind: 'redirect', status: undefined };
    if (last === 'rewrite') return { t: 'response', kind: 'rewrite', status: undefined };
    if (last === 'json') return { t: 'response', kind: 'respond', status: statusOf(args()[1]) ?? 200 };
  }
  if (module === '<global>' && head === 'URL' && expr.isNew) {
    // `new URL(req.url)` is the request URL; `new URL('/login', req.url)` is somewhere else.
    return expr.args.length === 1 ? { t: 'url' } : UNKNOWN;
  }
  if (/^@clerk\/nextjs(\/server)?$/.test(module) && last === 'createRouteMatcher') {
    const list = args()[0];
    return { t: 'matcher', ...routePatterns(list) };
  }
  if (module === 'next/headers' && last === 'cookies') return { t: 'cookies' };
  if (module === 'next/headers' && last === 'headers') return { t: 'headers' };
  if (NEXT_CREDENTIAL_CALLS.test(last) || CREDENTIAL_CALLS.test(last)) return { t: 'cred' };
  if (args().some((a) => a.t === 'cred')) return { t: 'cred' };
  return UNKNOWN;
}

/** Patterns from a literal list of strings and regexes (Clerk matchers, `publicRoutes`). */
export function routePatterns(list: Val | undefined): { patterns: (string | RegExp)[]; complete: boolean } {
  if (!list) return { patterns: [], complete: false };
  const items = list.t === 'arr' ? list.items : [list];
  const patterns: (string | RegExp)[] = [];
  let complete = list.t !== 'arr' || list.complete;
  for (const item of items) {
    if (item.t === 'lit' && typeof item.v === 'string') patterns.push(item.v);
    else if (item.t === 'regex') patterns.push(item.re);
    else complete = false;
  }
  return { patterns, complete };
}

function statusOf(init: Val | undefined): number | undefined {
  if (init?.t !== 'obj') return undefined;
  const s = init.props.get('status');
  return s?.t === 'lit' && typeof s.v === 'number' ? s.v : undefined;
}

/**
 * Calls a project function for its value: an expression body, or its single/last `return`.
 * Functions with several returns are evaluated return by return by the scanner instead.
 */
export function callFunction(ctx: EvalContext, file: string, fn: FnId, args: Val[], depth: number): Val {
  if (depth > MAX_DEPTH || fn === TOP_LEVEL) return UNKNOWN;
  const facts = ctx.index.get(file);
  const f = facts?.functions[fn];
  if (!facts || !f) return UNKNOWN;
  args.forEach((a, i) => ctx.params.set(paramKey(file, fn, i), a));
  if (f.exprBody) return evaluate(ctx, file, fn, f.exprBody, depth + 1);
  const returns = facts.returns.filter((r) => r.fn === fn);
  if (returns.length === 1 && returns[0]!.expr && !facts.guards.some((g) => g.fn === fn)) return evaluate(ctx, file, fn, returns[0]!.expr, depth + 1);
  return UNKNOWN;
}
