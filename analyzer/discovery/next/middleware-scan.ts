/**
 * What a Next.js middleware function (or an Auth.js `authorized` callback) decides for one sample
 * path and one assumed caller: does it deny the request (redirect to sign-in, answer 401/403,
 * throw, Clerk's `auth.protect()`), let it through, or can we not tell?
 *
 * The function is read as a sequence of exits (returns, throws and calls that end the request by
 * themselves) in source order, each under the conjunction of the `if` tests that enclose it. The
 * first exit whose condition holds decides. A condition that cannot be evaluated makes the answer
 * uncertain rather than wrong. Project helpers returned from the middleware
 * (`return updateSession(request)`) are read the same way, depth-bounded.
 */
import type { Expr, FileFacts, FnId, Span } from '../../model/ir';
import type { Location } from '../../model/route-model';
import { ROLE_WORDS, exprWords } from '../behaviour';
import { evaluate, paramKey, truthy, type EvalContext, type Tri, type Val } from './conditions';

export type ScanMode = 'middleware' | 'authorized';

export interface Decision {
  /**
   * `deny`: anonymous requests end here (401/403, a redirect to sign in); `allow`: they reach the
   * handler; `block` (internal to a scan): the request ends for another reason (a 429, a fixed
   * answer), which decides nothing about auth.
   */
  outcome: 'deny' | 'allow' | 'block' | 'unknown';
  /** The exit that decided. */
  at: Location | undefined;
  /** A condition on the way could not be evaluated. */
  uncertain: boolean;
  /** A denial was seen under a condition that could not be evaluated. */
  possibleDeny: Location | undefined;
  /** The deciding denial's conditions test a role or permission. */
  roleCheck: boolean;
}

interface ExitEvent {
  kind: 'return' | 'throw' | 'enforce' | 'verify';
  span: Span;
  expr: Expr | undefined;
}

const MAX_SCAN_DEPTH = 4;

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Calls that end the request by themselves when nobody is signed in. */
function isEnforcingCall(ctx: EvalContext, file: string, fn: FnId, call: Extract<Expr, { k: 'call' }>): boolean {
  const callee = call.callee;
  if (callee.k === 'id' && callee.name === 'redirectToSignIn') return true;
  if (callee.k !== 'member') return false;
  if (callee.name === 'redirectToSignIn') return true;
  if (callee.name !== 'protect') return false;
  // Clerk: `auth.protect()`, `auth().protect()`, `(await auth()).protect()`.
  let object = callee.object;
  while (object.k === 'await') object = object.expr;
  if (object.k === 'call') object = object.callee;
  const v = evaluate(ctx, file, fn, object);
  return v.t === 'clerk-auth' || (object.k === 'id' && /^auth$/.test(object.name));
}

function exitEvents(ctx: EvalContext, facts: FileFacts, fn: FnId): ExitEvent[] {
  const events: ExitEvent[] = [];
  for (const r of facts.returns) if (r.fn === fn) events.push({ kind: 'return', span: r.span, expr: r.expr });
  for (const t of facts.throws) if (t.fn === fn) events.push({ kind: 'throw', span: t.span, expr: t.expr });
  for (const c of facts.calls) {
    if (c.fn !== fn) continue;
    if (isEnforcingCall(ctx, facts.path, fn, c.expr)) events.push({ kind: 'enforce', span: c.expr.span, expr: c.expr });
    else if (c.isStatement && /verify|decrypt/i.test(calleeName(c.expr)) && c.expr.args.some((a) => evaluate(ctx, facts.path, fn, a).t === 'cred')) {
      // `await jwtVerify(token, key)` as a statement throws for a missing or bad token.
      events.push({ kind: 'verify', span: c.expr.span, expr: c.expr });
    }
  }
  const fnFacts = facts.functions[fn];
  if (fnFacts?.exprBody) events.push({ kind: 'return', span: fnFacts.exprBody.span, expr: fnFacts.exprBody });
  // An enforcing call inside a returned expression (`return auth.protect()`) is one exit, not two.
  return events.sort((a, b) => a.span.start - b.span.start || (a.kind === 'return' ? -1 : 1));
}

function calleeName(call: Extract<Expr, { k: 'call' }>): string {
  const c = call.callee;
  return c.k === 'id' ? c.name : c.k === 'member' ? c.name : '';
}

/** The conjunction of the `if` tests enclosing `span` (with the polarity of the branch it is in). */
function conditionOf(ctx: EvalContext, facts: FileFacts, fn: FnId, span: Span): { value: Tri; usedCredential: boolean; words: string[] } {
  let value: Tri = true;
  let usedCredential = false;
  const words: string[] = [];
  for (const g of facts.guards) {
    if (g.fn !== fn || !contains(g.span, span) || !g.thenSpan) continue;
    const inThen = contains(g.thenSpan, span);
    const inElse = g.elseSpan ? contains(g.elseSpan, span) : false;
    if (!inThen && !inElse) continue;
    const before = ctx.usedCredential;
    ctx.usedCredential = false;
    const t = truthy(evaluate(ctx, facts.path, fn, g.test), ctx);
    usedCredential ||= ctx.usedCredential;
    ctx.usedCredential = before || ctx.usedCredential;
    words.push(...exprWords(g.test));
    const holds: Tri = t === undefined ? undefined : inThen ? t : !t;
    if (holds === false) return { value: false, usedCredential, words };
    if (holds === undefined) value = undefined;
  }
  return { value, usedCredential, words };
}

/** Scans function `fn` of `file`; `args` are the values of its parameters. */
export function scanFunction(ctx: EvalContext, file: string, fn: FnId, args: Val[], mode: ScanMode, depth = 0): Decision {
  const facts = ctx.index.get(file);
  const decision: Decision = { outcome: 'unknown', at: undefined, uncertain: false, possibleDeny: undefined, roleCheck: false };
  if (!facts || !facts.functions[fn] || depth > MAX_SCAN_DEPTH) {
    ctx.unknownReason ??= 'the middleware function could not be read';
    return decision;
  }
  args.forEach((a, i) => ctx.params.set(paramKey(file, fn, i), a));
  for (const event of exitEvents(ctx, facts, fn)) {
    const cond = conditionOf(ctx, facts, fn, event.span);
    if (cond.value === false) continue;
    const at: Location = { file, span: event.span };
    const outcome = classifyExit(ctx, facts, fn, event, cond.usedCredential, mode, depth);
    if (cond.value === undefined) {
      // An exit that ends the request without passing it on (a 429, a redirect for a locale)
      // cannot let an anonymous request through, whichever way its condition goes.
      if (outcome.outcome === 'block') continue;
      decision.uncertain = true;
      ctx.unknownReason ??= 'a condition in the middleware could not be evaluated statically';
      if (outcome.outcome === 'deny') {
        decision.possibleDeny ??= outcome.at ?? at;
        // `if (pathname.startsWith('/admin') && token.role !== 'admin') return 403` for a signed-in caller.
        if (cond.words.some((w) => ROLE_WORDS.test(w) || /role|permission|admin/.test(w))) decision.roleCheck = true;
      }
      continue;
    }
    decision.outcome = outcome.outcome === 'block' ? 'allow' : outcome.outcome;
    decision.at = outcome.at ?? at;
    decision.uncertain ||= outcome.uncertain;
    decision.possibleDeny ??= outcome.possibleDeny;
    decision.roleCheck ||= outcome.outcome === 'deny' && (outcome.roleCheck || cond.words.some((w) => ROLE_WORDS.test(w) || /role|permission|admin/.test(w)));
    return decision;
  }
  // Falling off the end of a middleware lets the request through; an `authorized` callback that
  // returns nothing is falsy, but that is rare enough to call unknown.
  decision.outcome = mode === 'middleware' ? 'allow' : 'unknown';
  return decision;
}

function classifyExit(ctx: EvalContext, facts: FileFacts, fn: FnId, event: ExitEvent, condUsedCredential: boolean, mode: ScanMode, depth: number): Decision {
  const base: Decision = { outcome: 'unknown', at: undefined, uncertain: false, possibleDeny: undefined, roleCheck: false };
  // Clerk: `auth.protect({ role: 'org:admin' })`, `auth.protect((has) => has({ permission: … }))`.
  if (event.kind === 'enforce') return { ...base, outcome: 'deny', roleCheck: event.expr !== undefined && exprWords(event.expr).some((w) => /^(role|permission|has)$/.test(w)) };
  if (event.kind === 'verify') return { ...base, outcome: ctx.caller === 'anonymous' ? 'deny' : 'unknown', uncertain: ctx.caller !== 'anonymous' };
  if (event.kind === 'throw') return { ...base, outcome: condUsedCredential ? 'deny' : 'unknown' };
  const expr = event.expr;
  if (!expr) return { ...base, outcome: mode === 'middleware' ? 'allow' : 'unknown' };
  // `return redirectToSignIn()`, `return auth.protect()`.
  const inner = expr.k === 'await' ? expr.expr : expr;
  if (inner.k === 'call' && isEnforcingCall(ctx, facts.path, fn, inner)) return { ...base, outcome: 'deny' };
  // `return updateSession(request)` / `const res = await updateSession(req); return res`: read the helper.
  const helper = helperCall(ctx, facts, fn, inner);
  if (helper) return scanFunction(ctx, helper.file, helper.fn, helper.args, 'middleware', depth + 1);
  const before = ctx.usedCredential;
  ctx.usedCredential = false;
  const value = evaluate(ctx, facts.path, fn, expr);
  const usedCredential = condUsedCredential || ctx.usedCredential;
  ctx.usedCredential = before || ctx.usedCredential;
  return { ...base, outcome: outcomeOf(value, usedCredential, mode, inner) };
}

function outcomeOf(value: Val, usedCredential: boolean, mode: ScanMode, expr: Expr): Decision['outcome'] {
  if (value.t === 'response') {
    if (value.kind === 'next') return 'allow';
    if (value.kind === 'rewrite') return usedCredential ? 'deny' : 'allow';
    if (value.kind === 'redirect') return usedCredential ? 'deny' : 'block';
    if (value.status === 401 || value.status === 403) return 'deny';
    if (value.status !== undefined && value.status >= 400 && usedCredential) return 'deny';
    return 'block';
  }
  if (value.t === 'lit') {
    // An `authorized` callback denies by returning something falsy (`false`, `!!auth` without a user).
    if (mode === 'authorized') return value.v === true ? 'allow' : !value.v ? 'deny' : 'unknown';
    return value.v === null || value.v === undefined ? 'allow' : 'unknown';
  }
  if (value.t === 'cred') return mode === 'authorized' ? 'deny' : 'unknown';
  // `return intlMiddleware(request)`: another library's middleware decides nothing about auth.
  if (value.t === 'unknown' && expr.k === 'call' && mode === 'middleware') return 'allow';
  return 'unknown';
}

function helperCall(ctx: EvalContext, facts: FileFacts, fn: FnId, expr: Expr): { file: string; fn: FnId; args: Val[] } | undefined {
  let e = expr;
  if (e.k === 'id') {
    const binding = ctx.index.lookup(facts.path, e.name, fn);
    if (binding?.kind !== 'decl' || binding.path.length > 0 || !binding.decl.init || binding.file !== facts.path) return undefined;
    e = binding.decl.init;
  }
  while (e.k === 'await') e = e.expr;
  if (e.k !== 'call') return undefined;
  const target = evaluate(ctx, facts.path, fn, e.callee);
  if (target.t !== 'fn') return undefined;
  const fnFacts = ctx.index.fnFacts(target.file, target.fn);
  // Only functions that look like middleware: they take the request.
  if (!fnFacts || fnFacts.params.length === 0) return undefined;
  return { file: target.file, fn: target.fn, args: e.args.map((a) => evaluate(ctx, facts.path, fn, a)) };
}
