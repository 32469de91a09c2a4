/**
 * Next.js `middleware.ts` (and Next 16's `proxy.ts`): on which routes it runs (`config.matcher`),
 * and whether it denies anonymous requests there.
 *
 * Understood: a custom function (path tests, token/cookie/session checks that redirect or answer
 * 401/403, project helpers it returns such as Supabase's `updateSession(request)`); Auth.js v5
 * `auth` as middleware (its `callbacks.authorized`) or `auth((req) => …)`; next-auth v4 `withAuth`
 * and `export { default } from 'next-auth/middleware'`; Clerk `clerkMiddleware` with
 * `createRouteMatcher` and `auth.protect()`, and Clerk v4 `authMiddleware({ publicRoutes })`.
 */
import type { Expr, FileFacts, FnId } from '../../model/ir';
import { TOP_LEVEL } from '../../model/ir';
import type { Location, MiddlewareRole } from '../../model/route-model';
import { readBehaviour } from '../behaviour';
import type { Binding, ProjectIndex } from '../project-index';
import { unwrapAssign } from '../project-index';
import { evaluate, newContext, routePatterns, patternsMatch, type EvalContext, type Val } from './conditions';
import { corsHeaderObjects } from './config';
import { authJsInstance, type FnRef } from './handlers';
import { compilePathPattern } from './path-pattern';
import { scanFunction, type Decision } from './middleware-scan';

export const MIDDLEWARE_FILE = /^(src\/)?(middleware|proxy)\.(ts|js|mjs|tsx|jsx)$/;

interface MatcherEntry {
  source: string;
  /** `has`/`missing` conditions in words, when the entry has any. */
  condition: string | undefined;
}

type Matcher = { kind: 'all' } | { kind: 'list'; entries: MatcherEntry[]; at: Location } | { kind: 'unknown'; reason: string; at: Location };

type Strategy =
  /** A function read exit by exit; `args` builds its parameter values. */
  | { kind: 'scan'; fn: FnRef; args: (ctx: EvalContext) => Val[]; label: string; library?: string }
  /** next-auth v4 `withAuth`: `authorized` (default `!!token`), then the wrapped function. */
  | { kind: 'next-auth-v4'; authorized: FnRef | undefined; inner: FnRef | undefined; label: string }
  /** Auth.js v5 `auth` used as middleware: only its `authorized` callback can deny. */
  | { kind: 'authjs'; authorized: FnRef | undefined; label: string }
  | { kind: 'clerk-v4'; publicRoutes: { patterns: (string | RegExp)[]; complete: boolean }; label: string }
  | { kind: 'none'; label: string; why: string }
  | { kind: 'unknown'; label: string; why: string };

export interface NextMiddleware {
  file: string;
  /** `middleware.ts`, `src/proxy.ts`… as shown in chains. */
  label: string;
  at: Location;
  definition: Location | undefined;
  matcher: Matcher;
  strategy: Strategy;
  rateLimit: Location | undefined;
  cors: Location[];
}

export interface Coverage {
  runs: 'yes' | 'no' | 'conditional' | 'unknown';
  /** What the auth check does on this path. */
  auth: 'yes' | 'partial' | 'no';
  roleCheck: boolean;
  at: Location | undefined;
  notes: string[];
}

/** Reads the middleware file of a Next app (`file` is project-relative). */
export function readMiddleware(index: ProjectIndex, file: string, root: string): NextMiddleware | undefined {
  const facts = index.get(file);
  if (!facts) return undefined;
  const exp = facts.exports.find((e) => e.name === 'middleware' || e.name === 'proxy') ?? facts.exports.find((e) => e.name === 'default');
  const label = root ? file.slice(root.length + 1) : file;
  const at: Location = { file, span: exp?.span ?? { start: 0, end: 0 } };
  const strategy = exp ? strategyOfExport(index, facts, exp, label) : ({ kind: 'unknown', label, why: `${label} exports no middleware function` } as Strategy);
  const definition = strategy.kind === 'scan' ? fnLocation(index, strategy.fn) : at;
  const behaviour = readBehaviour(facts, allFunctions(facts), new Set(['req', 'request']));
  return { file, label, at, definition, matcher: readMatcher(index, facts), strategy, rateLimit: behaviour.rateLimit, cors: corsHeaderObjects(facts) };
}

function allFunctions(facts: FileFacts): Set<FnId> {
  return new Set([TOP_LEVEL, ...facts.functions.map((f) => f.id)]);
}

function fnLocation(index: ProjectIndex, ref: FnRef): Location {
  return { file: ref.file, span: index.fnFacts(ref.file, ref.fn)?.span ?? { start: 0, end: 0 } };
}

// ---------------------------------------------------------------- matcher

function readMatcher(index: ProjectIndex, facts: FileFacts): Matcher {
  const exp = facts.exports.find((e) => e.name === 'config');
  if (!exp) return { kind: 'all' };
  const at: Location = { file: facts.path, span: exp.span };
  const ctx = newContext(index, '/', 'anonymous');
  const config = exp.expr ? evaluate(ctx, facts.path, TOP_LEVEL, exp.expr) : exp.local ? evaluate(ctx, facts.path, TOP_LEVEL, { k: 'id', name: exp.local, span: exp.span }) : ({ t: 'unknown' } as Val);
  if (config.t !== 'obj') return { kind: 'unknown', reason: 'config could not be read statically', at };
  const matcher = config.props.get('matcher');
  if (!matcher) return { kind: 'all' };
  const items = matcher.t === 'arr' ? matcher.items : [matcher];
  if (matcher.t === 'arr' && !matcher.complete) return { kind: 'unknown', reason: 'the matcher list is built at run time', at };
  const entries: MatcherEntry[] = [];
  for (const item of items) {
    if (item.t === 'lit' && typeof item.v === 'string') entries.push({ source: item.v, condition: undefined });
    else if (item.t === 'obj') {
      const source = item.props.get('source');
      if (source?.t !== 'lit' || typeof source.v !== 'string') return { kind: 'unknown', reason: 'a matcher source is not a constant', at };
      entries.push({ source: source.v, condition: conditionWords(item) });
    } else return { kind: 'unknown', reason: 'a matcher entry is not a constant', at };
  }
  for (const e of entries) if (!compilePathPattern(e.source)) return { kind: 'unknown', reason: `matcher '${e.source}' could not be read`, at };
  return { kind: 'list', entries, at };
}

function conditionWords(entry: Extract<Val, { t: 'obj' }>): string | undefined {
  const parts: string[] = [];
  for (const key of ['has', 'missing'] as const) {
    const list = entry.props.get(key);
    if (!list || list.t !== 'arr' || list.items.length === 0) continue;
    const names = list.items.map((i) => {
      if (i.t !== 'obj') return 'a condition';
      const type = i.props.get('type');
      const k = i.props.get('key');
      return `${type?.t === 'lit' ? String(type.v) : 'condition'} '${k?.t === 'lit' ? String(k.v) : '?'}'`;
    });
    parts.push(`${key === 'has' ? 'only with' : 'only without'} ${names.join(' and ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function runsOn(matcher: Matcher, path: string): { runs: Coverage['runs']; condition: string | undefined } {
  if (matcher.kind === 'all') return { runs: 'yes', condition: undefined };
  if (matcher.kind === 'unknown') return { runs: 'unknown', condition: undefined };
  let conditional: string | undefined;
  for (const entry of matcher.entries) {
    if (!compilePathPattern(entry.source)!.test(path)) continue;
    if (!entry.condition) return { runs: 'yes', condition: undefined };
    conditional ??= entry.condition;
  }
  return conditional ? { runs: 'conditional', condition: conditional } : { runs: 'no', condition: undefined };
}

// ---------------------------------------------------------------- what the export is

function strategyOfExport(index: ProjectIndex, facts: FileFacts, exp: FileFacts['exports'][number], label: string): Strategy {
  if (exp.from !== undefined) {
    const target = index.resolveModule(facts.path, exp.from);
    if (!target) return /^next-auth\/middleware$/.test(exp.from) ? { kind: 'next-auth-v4', authorized: undefined, inner: undefined, label } : { kind: 'unknown', label, why: `${label} re-exports '${exp.from}', which is not understood` };
    const binding = index.resolveExport(target, exp.fromName ?? exp.name);
    return binding ? strategyOfBinding(index, binding, label, target, exp.fromName ?? exp.name) : { kind: 'unknown', label, why: `the middleware re-exported from '${exp.from}' could not be resolved` };
  }
  if (exp.expr) return strategyOfExpr(index, facts.path, TOP_LEVEL, exp.expr, label);
  if (exp.local) {
    const binding = index.lookup(facts.path, exp.local, TOP_LEVEL);
    if (binding) return strategyOfBinding(index, binding, label, facts.path, exp.local);
  }
  return { kind: 'unknown', label, why: 'the middleware export could not be resolved' };
}

function strategyOfBinding(index: ProjectIndex, binding: Binding, label: string, file: string, name: string): Strategy {
  switch (binding.kind) {
    case 'function':
      return customScan({ file: binding.file, fn: binding.fn }, label);
    case 'external':
      if (/^next-auth\/middleware$/.test(binding.module)) return { kind: 'next-auth-v4', authorized: undefined, inner: undefined, label };
      return { kind: 'unknown', label, why: `the middleware comes from '${binding.module}', which is not understood` };
    case 'decl': {
      const authjs = authJsInstance(index, file, TOP_LEVEL, { k: 'id', name, span: binding.decl.span }, 'auth');
      if (authjs) return { kind: 'authjs', authorized: authorizedCallback(index, authjs.file, authjs.fnScope, authjs.call.args[0]), label };
      if (binding.path.length === 0 && binding.decl.init) return strategyOfExpr(index, binding.file, binding.decl.fn, binding.decl.init, label);
      return { kind: 'unknown', label, why: 'the middleware export could not be resolved' };
    }
    default:
      return { kind: 'unknown', label, why: 'the middleware export could not be resolved' };
  }
}

function customScan(fn: FnRef, label: string): Strategy {
  return { kind: 'scan', fn, args: () => [{ t: 'request' }], label };
}

function strategyOfExpr(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr, label: string, depth = 0): Strategy {
  if (depth > 6) return { kind: 'unknown', label, why: 'the middleware export is too indirect' };
  const e = unwrapAssign(expr);
  if (e.k === 'fn') return customScan({ file, fn: e.fn }, label);
  const authjs = authJsInstance(index, file, fnScope, e, 'auth');
  if (authjs) return { kind: 'authjs', authorized: authorizedCallback(index, authjs.file, authjs.fnScope, authjs.call.args[0]), label };
  if (e.k === 'id' || e.k === 'member') {
    const value = index.evaluate(file, e, fnScope);
    if (value.kind === 'function') return customScan({ file: value.file, fn: value.fn }, label);
    if (value.kind === 'external' && /^next-auth\/middleware$/.test(value.module)) return { kind: 'next-auth-v4', authorized: undefined, inner: undefined, label };
    if (value.kind === 'expr' && value.expr !== e) return strategyOfExpr(index, value.file, value.fnScope, value.expr, label, depth + 1);
    return { kind: 'unknown', label, why: 'the middleware export could not be resolved' };
  }
  if (e.k !== 'call') return { kind: 'unknown', label, why: 'the middleware export is not a function the analyzer can read' };
  const callee = index.evaluate(file, e.callee, fnScope);
  const fnArg = (i: number): FnRef | undefined => {
    const a = e.args[i];
    if (!a) return undefined;
    if (a.k === 'fn') return { file, fn: a.fn };
    const v = index.evaluate(file, a, fnScope);
    return v.kind === 'function' ? { file: v.file, fn: v.fn } : undefined;
  };
  if (callee.kind === 'external') {
    const member = callee.path.join('.');
    if (/^@clerk\/nextjs(\/server)?$/.test(callee.module) && member === 'clerkMiddleware') {
      const handler = fnArg(0);
      if (!handler) return { kind: 'none', label, why: 'clerkMiddleware() without a handler protects no route (every route is public until auth.protect() is called)' };
      return { kind: 'scan', fn: handler, args: () => [{ t: 'clerk-auth' }, { t: 'request' }], label, library: callee.module };
    }
    if (/^@clerk\/nextjs(\/server)?$/.test(callee.module) && member === 'authMiddleware') {
      const ctx = newContext(index, '/', 'anonymous');
      const options = e.args[0] ? evaluate(ctx, file, fnScope, e.args[0]) : undefined;
      const list = (name: string) => (options?.t === 'obj' ? options.props.get(name) : undefined);
      const pub = routePatterns(list('publicRoutes') ?? { t: 'arr', items: [], complete: true });
      const ignored = routePatterns(list('ignoredRoutes') ?? { t: 'arr', items: [], complete: true });
      return { kind: 'clerk-v4', publicRoutes: { patterns: [...pub.patterns, ...ignored.patterns], complete: pub.complete && ignored.complete && (options === undefined || options.t === 'obj') }, label };
    }
    if (/^next-auth\/middleware$/.test(callee.module) && (member === '' || member === 'withAuth')) {
      let inner: FnRef | undefined;
      let authorized: FnRef | undefined;
      e.args.forEach((a, i) => {
        if (a.k === 'fn') inner = { file, fn: a.fn };
        else if (a.k === 'obj' || a.k === 'id') {
          const f = fnArg(i);
          if (f) inner = f;
          else authorized = authorizedCallback(index, file, fnScope, a) ?? authorized;
        }
      });
      return { kind: 'next-auth-v4', authorized, inner, label };
    }
    return { kind: 'none', label, why: `${callee.module} middleware does not check authentication` };
  }
  // Auth.js v5 `auth((req) => { … })`: the function sees `req.auth`.
  if (authJsInstance(index, file, fnScope, e.callee, 'auth')) {
    const handler = fnArg(0);
    return handler ? { ...customScan(handler, label), library: 'next-auth' } as Strategy : { kind: 'unknown', label, why: 'the function given to auth() could not be resolved' };
  }
  return { kind: 'unknown', label, why: 'the middleware is built by a function the analyzer does not follow' };
}

/** `callbacks.authorized` of an Auth.js / next-auth config object. */
function authorizedCallback(index: ProjectIndex, file: string, fnScope: FnId, configExpr: Expr | undefined): FnRef | undefined {
  if (!configExpr) return undefined;
  const ctx = newContext(index, '/', 'anonymous');
  const config = evaluate(ctx, file, fnScope, configExpr);
  if (config.t !== 'obj') return undefined;
  const callbacks = config.props.get('callbacks');
  const authorized = callbacks?.t === 'obj' ? callbacks.props.get('authorized') : undefined;
  return authorized?.t === 'fn' ? { file: authorized.file, fn: authorized.fn } : undefined;
}

// ---------------------------------------------------------------- coverage of one route

/** What the middleware does for one route, tested on each concrete sample of its path. */
export function coverageFor(index: ProjectIndex, mw: NextMiddleware, samples: readonly string[]): Coverage {
  const notes: string[] = [];
  const runs = samples.map((p) => runsOn(mw.matcher, p));
  const runKinds = new Set(runs.map((r) => r.runs));
  const overall: Coverage['runs'] = runKinds.size === 1 ? [...runKinds][0]! : runKinds.has('no') ? 'conditional' : runKinds.has('unknown') ? 'unknown' : 'conditional';
  if (mw.matcher.kind === 'unknown') notes.push(`${mw.label}: ${mw.matcher.reason}; whether it runs on this route is unknown`);
  const condition = runs.find((r) => r.condition)?.condition;
  if (condition) notes.push(`${mw.label} runs on this route ${condition}, which the client controls`);
  if (overall === 'no') return { runs: 'no', auth: 'no', roleCheck: false, at: undefined, notes };

  const decisions = samples.map((p) => decide(index, mw, p));
  const deny = decisions.every((d) => d.outcome === 'deny' && !d.uncertain);
  const maybe = decisions.some((d) => d.outcome === 'deny' || d.possibleDeny !== undefined || d.outcome === 'unknown');
  const at = decisions.find((d) => d.outcome === 'deny')?.at ?? decisions.find((d) => d.possibleDeny)?.possibleDeny;
  const roleCheck = samples.some((p) => decide(index, mw, p, 'signed-in').roleCheck) || decisions.some((d) => d.roleCheck);
  let auth: Coverage['auth'] = deny ? 'yes' : maybe ? 'partial' : 'no';
  if (mw.strategy.kind === 'unknown' || mw.strategy.kind === 'none') {
    auth = 'no';
    if (mw.strategy.kind === 'unknown') notes.push(`${mw.label}: ${mw.strategy.why}`);
  }
  if (auth === 'partial') notes.push(`${mw.label} may deny anonymous requests here, but a condition it tests could not be evaluated`);
  if (auth === 'yes' && (overall === 'conditional' || overall === 'unknown')) auth = 'partial';
  return { runs: overall, auth, roleCheck: auth !== 'no' && roleCheck, at, notes };
}

function decide(index: ProjectIndex, mw: NextMiddleware, path: string, caller: EvalContext['caller'] = 'anonymous'): Decision {
  const ctx = newContext(index, path, caller);
  const none: Decision = { outcome: 'allow', at: undefined, uncertain: false, possibleDeny: undefined, roleCheck: false };
  const s = mw.strategy;
  switch (s.kind) {
    case 'scan':
      return scanFunction(ctx, s.fn.file, s.fn.fn, s.args(ctx), 'middleware');
    case 'authjs':
      if (!s.authorized) return none;
      return scanFunction(ctx, s.authorized.file, s.authorized.fn, [{ t: 'obj', props: new Map<string, Val>([['auth', { t: 'cred' }], ['request', { t: 'request' }]]) }], 'authorized');
    case 'next-auth-v4': {
      let first: Decision;
      if (s.authorized) first = scanFunction(ctx, s.authorized.file, s.authorized.fn, [{ t: 'obj', props: new Map<string, Val>([['token', { t: 'cred' }], ['req', { t: 'request' }]]) }], 'authorized');
      else first = { outcome: caller === 'anonymous' ? 'deny' : 'allow', at: mw.at, uncertain: false, possibleDeny: undefined, roleCheck: false };
      if (first.outcome === 'deny' || !s.inner) return first;
      const second = scanFunction(ctx, s.inner.file, s.inner.fn, [{ t: 'request' }], 'middleware');
      return { ...second, uncertain: second.uncertain || first.uncertain || first.outcome === 'unknown' };
    }
    case 'clerk-v4': {
      const isPublic = patternsMatch(s.publicRoutes.patterns, path);
      if (isPublic === true) return none;
      if (isPublic === false && s.publicRoutes.complete) return { ...none, outcome: caller === 'anonymous' ? 'deny' : 'allow', at: mw.at };
      return { ...none, outcome: 'unknown', uncertain: true, possibleDeny: mw.at };
    }
    default:
      return none;
  }
}

/** Roles of the chain entry for a route the middleware runs on. */
export function rolesFor(mw: NextMiddleware, coverage: Coverage): MiddlewareRole[] {
  const roles: MiddlewareRole[] = [];
  if (coverage.auth !== 'no') roles.push('auth');
  if (coverage.roleCheck) roles.push('role-check');
  if (mw.rateLimit) roles.push('rate-limit');
  if (mw.cors.length > 0) roles.push('cors');
  return roles.length > 0 ? roles : ['unknown'];
}
