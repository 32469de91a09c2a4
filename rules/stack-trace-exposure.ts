import type { CallSite, Expr, FileFacts, FnId, Guard, ObjProp, Span } from '../analyzer/model/ir';
import { TOP_LEVEL } from '../analyzer/model/ir';
import type { Fix, TextEdit } from '../analyzer/model/finding';
import { defineRule, type RuleContext } from './utils/define-rule';
import { calleeName, contains, findLocalDecl, findProp, itemsIn, resolveValue, rootName, scopeChain, walkExpr, type CallExpr } from './utils/calls';
import { removePropEdit } from './utils/object-edits';
import { enclosingRoute } from './utils/enclosing-route';
import { isTestFile } from './utils/test-files';
import { filesToScan, routesToCheck } from './utils/scope';
import { someFile } from './utils/per-run';

/** What of the error reaches the client: the stack trace, its message, or the whole object. */
type Leak = 'stack' | 'message' | 'object';

interface LeakSite {
  leak: Leak;
  /** The expression that leaks, e.g. `err.stack`. */
  expr: Expr;
  /** The error variable, e.g. `err`. */
  errorName: string;
  /** The payload's top-level property holding it, when the payload is an object literal. */
  prop: ObjProp | undefined;
}


/** `text`: the status as source, to write `status < 500 ? err.message : …` in a fix (pure expressions only). */
type Status = { k: 'literal'; value: number } | { k: 'maybe-5xx'; text: string | undefined } | { k: 'dynamic'; text: string | undefined } | { k: 'none' };

interface State {
  file: string;
  fn: FnId;
  /** The response call (or the returned body of a Fastify handler). */
  span: Span;
  /** The response object's name (`res`, `reply`), if the answer is a method call on it. */
  root: string | undefined;
  /** `reply.send(err)` with no error handler of the project's own: Fastify's default one answers. */
  fastifyDefault: boolean;
  statementStart: number;
  payload: Expr;
  /** What was searched for leaks: the payload, or the local object literal it names. */
  analyzed: Expr;
  /** `json`, `send`, `end`, `write`, `Response` (a Fetch/Next response body). */
  method: string;
  status: Status;
  leaks: LeakSite[];
  /** `the error handler handleErrors` or `GET /users/:id`. */
  where: string | undefined;
  routeKey: string | undefined;
}

const RESPONSE_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'write']);
const RESPONSE_NAMES = /^(res|resp|response|reply|rep)$/;
const ERROR_NAME = /^(e|er|err|error|ex|exc|exception|\w*(Error|Err|Exception))$/;
const MESSAGE_FIELDS = new Set(['message', 'sqlMessage', 'sql', 'detail', 'hint', 'query']);
const GENERIC = "'Internal Server Error'";

export default defineRule<State>({
  id: 'stack-trace-exposure',
  incremental: true,
  meta: {
    summary: 'Error details (stack traces, internal error messages, whole error objects) are sent to the client.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-209', 'CWE-497'],
    owaspApi: ['API8:2023'],
    fix: 'unsafe',
  },

  // Whether a sent Error reaches the project's own error handler decides findings in every file.
  projectInputs: (ctx) => String(hasOwnFastifyErrorHandler(ctx)),

  *detect(ctx) {
    const ownErrorHandler = hasOwnFastifyErrorHandler(ctx);
    for (const file of filesToScan(ctx)) {
      if (isTestFile(file)) continue;
      const facts = ctx.files.get(file)!;
      for (const site of facts.calls) {
        const response = responseOf(facts, site.expr, site.fn);
        if (!response) continue;
        const state = analyzeAnswer(ctx, facts, site.fn, site.expr.span, site.statementStart, response, ownErrorHandler);
        if (state) yield state;
      }
    }
    // A Fastify async handler's return value is the response body: `return { error: err.stack }`.
    const seen = new Set<string>();
    for (const route of routesToCheck(ctx)) {
      if (route.framework !== 'fastify' || !route.handlerFn || isTestFile(route.handlerFn.file)) continue;
      const key = `${route.handlerFn.file}:${route.handlerFn.fn}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const facts = ctx.files.get(route.handlerFn.file);
      if (!facts) continue;
      for (const r of itemsIn(facts, 'returns', new Set([route.handlerFn.fn]))) {
        if (!r.expr || r.expr.k === 'call' || (r.expr.k === 'await' && r.expr.expr.k === 'call')) continue;
        const state = analyzeAnswer(ctx, facts, r.fn, r.span, r.span.start, { payload: r.expr, method: 'json', status: undefined, root: undefined }, ownErrorHandler);
        if (state) yield state;
      }
    }
  },

  report(state, ctx) {
    const first = state.leaks.find((l) => l.leak === 'stack') ?? state.leaks.find((l) => l.leak === 'object') ?? state.leaks[0]!;
    const source = ctx.getText(state.file)?.slice(first.expr.span.start, first.expr.span.end).replace(/\s+/g, ' ');
    // Source text only when it holds no string literal: a message must never echo a literal (it could be a secret).
    const code = source && source.length <= 40 && !/['"`]/.test(source) ? source : first.leak === 'stack' ? `${first.errorName}.stack` : first.leak === 'object' ? first.errorName : `${first.errorName}.message`;
    const shown = first.leak === 'object' ? `the whole error object (${code})` : code;
    const status = state.status.k === 'literal' ? ` ${state.status.value}` : '';
    const who = state.where ? `${state.where} answers` : 'This response answers';
    const why =
      first.leak === 'stack'
        ? 'a stack trace shows file paths, library versions and code structure to whoever triggers the error'
        : first.leak === 'object'
          ? 'its enumerable fields (SQL text, query parameters, upstream responses, the message) reach the client'
          : 'unexpected errors carry internal details (SQL errors, hostnames, file paths) to the client';
    if (state.fastifyDefault) {
      return {
        message: `${state.where ? `${state.where} sends` : 'This handler sends'} the error to Fastify's default error handler, which answers with its message for 5xx errors too: unexpected errors carry internal details (SQL errors, hostnames, file paths) to the client. Send a generic message for 5xx errors, or set an error handler (setErrorHandler) that does, and log the error on the server.`,
        location: { file: state.file, span: state.span },
        routeKey: state.routeKey,
      };
    }
    return {
      message: `${who}${status} with ${shown}: ${why}. Send a generic message to the client and log the error on the server.`,
      location: { file: state.file, span: state.span },
      routeKey: state.routeKey,
    };
  },

  fix(state, ctx): Fix | undefined {
    const text = ctx.getText(state.file);
    const facts = ctx.files.get(state.file);
    if (!text || !facts) return undefined;
    // Fastify turns a sent Error into its status; a plain body would silently answer 200.
    if (state.fastifyDefault || (state.status.k === 'none' && /^(reply|rep)$/.test(state.root ?? ''))) return undefined;
    const edits: TextEdit[] = [];
    const payload = state.payload;
    const genericBody = state.method === 'json' || state.method === 'jsonp' || (state.method === 'Response.json') ? `{ error: ${GENERIC} }` : GENERIC;
    const keepBelow500 = (leak: LeakSite): string | undefined =>
      leak.leak === 'message' && (state.status.k === 'maybe-5xx' || state.status.k === 'dynamic') && state.status.text ? `${state.status.text} < 500 ? ${text.slice(leak.expr.span.start, leak.expr.span.end)} : ${GENERIC}` : undefined;
    const wholeBody = (leak: LeakSite) => keepBelow500(leak) ?? (payload.k === 'obj' ? `{ error: ${GENERIC} }` : genericBody);
    const seen = new Set<number>();
    const analyzed = state.analyzed;
    const removedProps = new Set<ObjProp>();
    for (const leak of state.leaks) {
      if (seen.has(leak.expr.span.start)) continue;
      seen.add(leak.expr.span.start);
      if (leak.expr === payload || !leak.prop || analyzed.k !== 'obj') {
        // The payload itself leaks (or the leak is not inside an object we can edit): answer generically.
        edits.length = 0;
        edits.push({ file: state.file, start: payload.span.start, end: payload.span.end, text: leak.expr === payload ? wholeBody(leak) : payload.k === 'obj' ? `{ error: ${GENERIC} }` : genericBody });
        removedProps.clear();
        break;
      }
      const direct = leak.prop.spread || (leak.prop.value.span.start === leak.expr.span.start && leak.prop.value.span.end === leak.expr.span.end);
      if (direct && (leak.leak === 'stack' || leak.prop.spread)) {
        if (!removedProps.has(leak.prop)) edits.push(removePropEdit(text, state.file, analyzed, leak.prop));
        removedProps.add(leak.prop);
        continue;
      }
      const gated = keepBelow500(leak);
      // Inside a larger expression (`err.message || fallback`) the conditional needs parentheses.
      const value = gated ? (direct ? gated : `(${gated})`) : GENERIC;
      edits.push(leak.prop.shorthand ? { file: state.file, start: leak.prop.span.start, end: leak.prop.span.end, text: `${leak.prop.key}: ${value}` } : { file: state.file, start: leak.expr.span.start, end: leak.expr.span.end, text: value });
    }
    if (analyzed.k === 'obj' && removedProps.size > 0 && removedProps.size === analyzed.props.length) {
      // Nothing would be left: answer with the generic body instead.
      edits.length = 0;
      edits.push({ file: state.file, start: analyzed.span.start, end: analyzed.span.end, text: `{ error: ${GENERIC} }` });
    }
    const errorName = state.leaks[0]!.errorName;
    if (!logsError(facts, state.fn, errorName)) {
      const log = logStatement(text, facts, state.statementStart, state.fn, state.span, errorName);
      if (!log) return undefined;
      edits.push(log);
    }
    return { title: 'Send a generic error message and log the error on the server', kind: 'unsafe', edits };
  },
});

/** Reads one answer (a response call or a returned body) for error details. */
function analyzeAnswer(ctx: RuleContext, facts: FileFacts, fn: FnId, span: Span, statementStart: number, response: ResponseCall, ownErrorHandler: boolean): State | undefined {
  const file = facts.path;
  if (insideEnvironmentCheck(facts, fn, span)) return undefined;
  const payload = response.payload;
  const errors = errorNames(facts, fn, payload);
  const followed = payload.k === 'id' && !errors.has(payload.name) ? resolveValue(ctx, file, payload, fn) : undefined;
  const analyzed = followed && followed.file === file && followed.expr.k === 'obj' ? followed.expr : payload;
  let leaks = findLeaks(analyzed, errors);
  if (leaks.length === 0) return undefined;
  let status = response.status ? classifyStatus(ctx, file, fn, response.status) : statusSetBefore(ctx, facts, fn, statementStart, response.root);
  // Fastify answers a sent Error through the project's error handler (checked on its own) or its
  // default one, which sends the message (for 5xx errors too) but no stack or other fields.
  const fastifyError = Boolean(response.root && /^(reply|rep)$/.test(response.root) && payload.k === 'id' && errors.has(payload.name));
  if (fastifyError) {
    // Inside the project's error handler a sent Error falls through to Fastify's default one.
    if (ownErrorHandler && !isCallbackOf(facts, fn, /^setErrorHandler$/)) return undefined;
    // `try { await request.jwtVerify() } catch (err) { reply.send(err) }`: only the verification can
    // have thrown, and its errors are 401s written for clients.
    if (onlyVerificationCanThrow(facts, fn, span)) return undefined;
    leaks = leaks.map((l) => ({ ...l, leak: 'message' as const }));
    if (status.k === 'none') status = { k: 'maybe-5xx', text: undefined };
  }
  const inErrorHandler = errorHandlerName(facts, fn) !== undefined;
  const knownKind = insideErrorKindCheck(facts, fn, span, errors);
  const clientOnly = insideClientErrorBranch(facts, fn, span);
  // A stack kept in a local object is usually deleted outside development further down
  // (`if (env !== 'development') delete body.stack`), which the facts do not show.
  const devOnlyLocal = Boolean(followed) && environmentGuards(facts).some((g) => g.fn === fn);
  const reported = leaks.filter(
    (l) => leakCounts(l.leak, status, inErrorHandler) && !(l.leak === 'message' && (clientOnly || (knownKind && status.k !== 'literal'))) && !(l.leak === 'stack' && devOnlyLocal),
  );
  if (reported.length === 0) return undefined;
  const route = enclosingRoute(ctx, file, fn);
  const handler = errorHandlerName(facts, fn);
  return {
    file,
    fn,
    span,
    root: response.root,
    fastifyDefault: fastifyError,
    statementStart,
    payload,
    analyzed,
    method: response.method,
    status,
    leaks: reported,
    where: route ? `${route.method} ${route.path}` : handler !== undefined ? (handler ? `The error handler ${handler}` : 'The error handler') : undefined,
    routeKey: route?.key,
  };
}

function onlyVerificationCanThrow(facts: FileFacts, fn: FnId, answer: Span): boolean {
  const others = itemsIn(facts, 'calls', new Set([fn])).filter((c) => !contains(answer, c.expr.span) && !contains(c.expr.span, answer));
  const isLog = (c: CallExpr) => c.callee.k === 'member' && /^(log|info|warn|error|debug|trace|fatal)$/.test(c.callee.name);
  const relevant = others.filter((c) => !isLog(c.expr));
  return relevant.length > 0 && relevant.every((c) => /verify|authenticate/i.test(calleeName(c.expr) ?? ''));
}

/** `app.setErrorHandler(…)` anywhere in the project: a sent Error reaches that handler. */
const hasOwnFastifyErrorHandler = someFile((facts) => facts.calls.some((c) => c.expr.callee.k === 'member' && c.expr.callee.name === 'setErrorHandler'));

/**
 * The answer sits in the `then` of an `if` (without `else`) that lets only client errors through:
 * `if (status < 500)`, `if (err.statusCode < 500)`, `if (err.expose)`.
 */
function insideClientErrorBranch(facts: FileFacts, fn: FnId, span: Span): boolean {
  return itemsIn(facts, 'guards', new Set(scopeChain(facts, fn))).some((g) => !g.else && contains(g.span, span) && isClientErrorTest(g.test));
}

function isClientErrorTest(test: Expr): boolean {
  if (test.k === 'bin' && (test.op === '<' || test.op === '<=') && isNum500(test.right)) return true;
  if (test.k === 'bin' && (test.op === '>' || test.op === '>=') && isNum500(test.left)) return true;
  if (test.k === 'member' && /^(expose|isOperational|isPublic)$/.test(test.name)) return true;
  if (test.k === 'bin' && test.op === '&&') return isClientErrorTest(test.left) || isClientErrorTest(test.right);
  return false;
}

// ---------------------------------------------------------------- responses

interface ResponseCall {
  payload: Expr;
  method: string;
  /** The status expression written with the response, if any. */
  status: Expr | undefined;
  /** The response object's name (`res`, `reply`) for a method call. */
  root: string | undefined;
}

/** `res.status(500).json(x)`, `reply.code(500).send(x)`, `NextResponse.json(x, { status })`, `new Response(x, { status })`. */
function responseOf(facts: FileFacts, call: CallExpr, fn: FnId): ResponseCall | undefined {
  const callee = call.callee;
  const payload = call.args[0];
  if (!payload) return undefined;
  if (call.isNew && callee.k === 'id' && /^(Response|NextResponse)$/.test(callee.name)) return { payload, method: 'Response', status: statusFromInit(call.args[1]), root: undefined };
  if (callee.k !== 'member') return undefined;
  if (callee.name === 'json' && callee.object.k === 'id' && /^(Response|NextResponse)$/.test(callee.object.name)) {
    return { payload, method: 'Response.json', status: statusFromInit(call.args[1]), root: undefined };
  }
  if (!RESPONSE_METHODS.has(callee.name)) return undefined;
  const root = rootName(callee.object);
  if (!root || !isResponseName(facts, fn, root)) return undefined;
  return { payload, method: callee.name, status: statusInChain(callee.object), root };
}

/** `res`, `reply`…, or the second parameter of a `(req, res)` function / third of `(err, req, res, next)`. */
function isResponseName(facts: FileFacts, fn: FnId, name: string): boolean {
  if (RESPONSE_NAMES.test(name)) return true;
  for (const scope of scopeChain(facts, fn)) {
    const params = facts.functions[scope]?.params ?? [];
    const index = params.findIndex((p) => p.name === name);
    if (index === 1 && /^(req|request)$/.test(params[0]?.name ?? '')) return true;
    if (index === 2 && params.length === 4) return true;
  }
  return false;
}

function statusInChain(object: Expr): Expr | undefined {
  let cur = object;
  for (let i = 0; i < 8; i++) {
    if (cur.k !== 'call' || cur.callee.k !== 'member') return undefined;
    if (/^(status|code|writeHead|sendStatus)$/.test(cur.callee.name) && cur.args[0]) return cur.args[0];
    cur = cur.callee.object;
  }
  return undefined;
}

function statusFromInit(init: Expr | undefined): Expr | undefined {
  return init?.k === 'obj' ? findProp(init, 'status')?.value : undefined;
}

/** The status a response can have; a local `const status = err.status || 500` is followed, but named in fixes. */
function classifyStatus(ctx: RuleContext, file: string, fn: FnId, expr: Expr): Status {
  const status = statusOf(resolveValue(ctx, file, expr, fn).expr);
  if (status.k === 'maybe-5xx' && expr.k === 'id') return { k: 'maybe-5xx', text: expr.name };
  if (status.k === 'dynamic' && expr.k === 'id' && /^(status|statusCode|code|httpStatus)$/.test(expr.name)) return { k: 'maybe-5xx', text: expr.name };
  if (status.k === 'dynamic' && expr.k === 'id') return { k: 'dynamic', text: expr.name };
  return status;
}

function statusOf(expr: Expr): Status {
  if (expr.k === 'num') return { k: 'literal', value: expr.value };
  let has5xx = false;
  let pure = true;
  walkExpr(expr, (e) => {
    if (e.k === 'num' && e.value >= 500 && e.value < 600) has5xx = true;
    if (e.k === 'call' || e.k === 'assign') pure = false;
  });
  const text = pure ? (expr.k === 'id' || expr.k === 'member' ? sourceOf(expr) : `(${sourceOf(expr)})`) : undefined;
  if (has5xx) return { k: 'maybe-5xx', text };
  // `is404 ? 404 : 400`: every branch a client error.
  if (expr.k === 'cond') {
    const a = statusOf(expr.then);
    const b = statusOf(expr.else);
    if (a.k === 'literal' && b.k === 'literal' && a.value < 500 && b.value < 500) return { k: 'literal', value: Math.min(a.value, b.value) };
  }
  return { k: 'dynamic', text };
}

/** Source text of a pure expression rebuilt from its summary (ids, members, literals, `||`/`??`). */
function sourceOf(expr: Expr): string {
  switch (expr.k) {
    case 'id':
      return expr.name;
    case 'num':
      return String(expr.value);
    case 'member':
      return `${sourceOf(expr.object)}${expr.optional ? '?.' : '.'}${expr.name}`;
    case 'bin':
      return `${sourceOf(expr.left)} ${expr.op} ${sourceOf(expr.right)}`;
    case 'cond':
      return `${sourceOf(expr.test)} ? ${sourceOf(expr.then)} : ${sourceOf(expr.else)}`;
    case 'str':
      return JSON.stringify(expr.value);
    default:
      return 'undefined';
  }
}

/** `res.status(500);` or `res.statusCode = 500;` earlier in the same function. */
function statusSetBefore(ctx: RuleContext, facts: FileFacts, fn: FnId, before: number, root: string | undefined): Status {
  if (!root) return { k: 'none' };
  let found: { at: number; status: Status } | undefined;
  const own = new Set([fn]);
  for (const site of itemsIn(facts, 'calls', own)) {
    if (site.statementStart >= before || !site.isStatement) continue;
    const c = site.expr.callee;
    if (c.k === 'member' && /^(status|code|writeHead)$/.test(c.name) && c.object.k === 'id' && c.object.name === root && site.expr.args[0]) {
      if (!found || site.statementStart > found.at) found = { at: site.statementStart, status: classifyStatus(ctx, facts.path, fn, site.expr.args[0]) };
    }
  }
  for (const a of itemsIn(facts, 'assignments', own)) {
    if (a.span.start >= before || a.target.k !== 'member' || a.target.name !== 'statusCode' || a.target.object.k !== 'id' || a.target.object.name !== root) continue;
    if (!found || a.span.start > found.at) found = { at: a.span.start, status: classifyStatus(ctx, facts.path, fn, a.value) };
  }
  return found?.status ?? { k: 'none' };
}

/**
 * When a leak counts: a stack trace always; the whole object unless the answer is a deliberate 4xx;
 * a message only in an answer that can be a 5xx (or from an error handler, which sees every error).
 */
function leakCounts(leak: Leak, status: Status, inErrorHandler: boolean): boolean {
  const clientError = status.k === 'literal' && status.value >= 400 && status.value < 500;
  if (leak === 'stack') return true;
  if (leak === 'object') return !clientError;
  if (status.k === 'literal') return status.value >= 500;
  if (status.k === 'maybe-5xx') return true;
  return inErrorHandler;
}

// ---------------------------------------------------------------- errors

/**
 * Names that hold a caught error where `fn` runs: the first parameter of an error handler
 * (`(err, req, res, next)`, Fastify's `setErrorHandler`), of a `.catch(…)` callback or of a
 * Node-style callback, and error-like names bound by no declaration (a `catch (err)` clause) or by
 * a call result (`const { error } = await db.from(…)`).
 */
function errorNames(facts: FileFacts, fn: FnId, payload: Expr): ErrorNames {
  const scope = errorNamesInScope(facts, fn);
  // Catch-clause variables are not declarations in the facts: look at the names the function reads.
  let inPayload: Set<string> | undefined;
  walkExpr(payload, (e) => {
    if (e.k === 'id' && ERROR_NAME.test(e.name)) (inPayload ??= new Set()).add(e.name);
    return e.k !== 'fn';
  });
  // Asked only for the names an answer holds: the error-like names the function uses are collected
  // only for answers that hold one (most answers send rows, ids or literals).
  return {
    has: (name) =>
      scope.params.has(name) ||
      (ERROR_NAME.test(name) && ((inPayload?.has(name) ?? false) || scope.chain.some((f) => errorNamesUsedIn(facts, f).has(name))) && holdsError(facts, fn, scope, name)),
  };
}

/**
 * The names that hold a caught error where a function runs. Only asked about the names an answer
 * holds: an answer without error names has no leak, whatever else the function knows as errors.
 */
interface ErrorNames {
  has(name: string): boolean;
}

/**
 * An error-like name, not a parameter, holds an error: it is bound by no declaration (a `catch`
 * clause; an import is not an error) or by a call result that is not an error formatter. Depends on
 * the function and the name only: remembered per function (every answer in it asks again).
 */
function holdsError(facts: FileFacts, fn: FnId, scope: ScopeErrorNames, name: string): boolean {
  let known = scope.verdicts.get(name);
  if (known !== undefined) return known;
  const local = findLocalDecl(facts, name, fn);
  if (!local) known = !facts.imports.some((i) => i.bindings.some((b) => b.local === name));
  else if (local.decl.kind === 'param') known = false;
  else {
    const init = local.decl.init;
    known = Boolean(init && (init.k === 'call' || init.k === 'await') && !isErrorFormatter(init));
  }
  scope.verdicts.set(name, known);
  return known;
}

/**
 * The part of `errorNames` that depends on the function only (every answer in a function asks
 * again): error parameters of the enclosing functions, the enclosing functions themselves (whose
 * error-like names `errorNamesUsedIn` reads), and the verdicts on names asked about so far.
 */
interface ScopeErrorNames {
  params: Set<string>;
  chain: FnId[];
  verdicts: Map<string, boolean>;
}

function errorNamesInScope(facts: FileFacts, fn: FnId): ScopeErrorNames {
  let perFile = errorNamesCache.get(facts);
  if (!perFile) errorNamesCache.set(facts, (perFile = new Map()));
  let known = perFile.get(fn);
  if (known) return known;
  const params = new Set<string>();
  const chain = scopeChain(facts, fn);
  for (const scope of chain) {
    const f = facts.functions[scope];
    const first = f?.params[0]?.name;
    if (f && first && (f.params.length === 4 || isCallbackOf(facts, scope, /^(catch|setErrorHandler|onError)$/) || ERROR_NAME.test(first))) params.add(first);
  }
  known = { params, chain, verdicts: new Map() };
  perFile.set(fn, known);
  return known;
}

const errorNamesCache = new WeakMap<FileFacts, Map<FnId, ScopeErrorNames>>();
const namesUsedCache = new WeakMap<FileFacts, Map<FnId, Set<string>>>();

/** Error-like names read, or mentioned in calls, directly in one function (or at the top level). */
function errorNamesUsedIn(facts: FileFacts, fn: FnId): Set<string> {
  let perFile = namesUsedCache.get(facts);
  if (!perFile) namesUsedCache.set(facts, (perFile = new Map()));
  let names = perFile.get(fn);
  if (names) return names;
  names = new Set<string>();
  const only = new Set([fn]);
  for (const read of itemsIn(facts, 'reads', only)) if (ERROR_NAME.test(read.root)) names.add(read.root);
  for (const site of itemsIn(facts, 'calls', only)) {
    walkExpr(site.expr, (e) => {
      if (e.k === 'id' && ERROR_NAME.test(e.name)) names!.add(e.name);
      return e.k !== 'fn';
    });
  }
  perFile.set(fn, names);
  return names;
}

/** `const error = formatError(err)` / `toPublicError(e)` builds a safe view; do not treat it as the error. */
function isErrorFormatter(init: Expr): boolean {
  const call = init.k === 'await' ? init.expr : init;
  return call.k === 'call' && /format|public|safe|sanitiz|serializ|toJSON|response|message/i.test(call.callee.k === 'member' ? call.callee.name : call.callee.k === 'id' ? call.callee.name : '');
}

function isCallbackOf(facts: FileFacts, fn: FnId, callee: RegExp): boolean {
  return (callbackCallees(facts).get(fn) ?? []).some((name) => callee.test(name));
}

const calleesByCallback = new WeakMap<FileFacts, Map<FnId, string[]>>();

/** Per function passed inline to calls, the names of those calls (`.catch(…)`, `setErrorHandler(…)`). */
function callbackCallees(facts: FileFacts): Map<FnId, string[]> {
  let index = calleesByCallback.get(facts);
  if (index) return index;
  index = new Map();
  for (const c of facts.calls) {
    const name = calleeName(c.expr);
    if (name === undefined) continue;
    for (const a of c.expr.args) {
      if (a.k !== 'fn') continue;
      const names = index.get(a.fn);
      if (names) names.push(name);
      else index.set(a.fn, [name]);
    }
  }
  calleesByCallback.set(facts, index);
  return index;
}

/** The name of the error handler `fn` runs in ('' when anonymous), or undefined when it is not in one. */
function errorHandlerName(facts: FileFacts, fn: FnId): string | undefined {
  for (const scope of scopeChain(facts, fn)) {
    const f = facts.functions[scope];
    if (f && (f.params.length === 4 || isCallbackOf(facts, scope, /^setErrorHandler$/))) return f.name ?? '';
  }
  return undefined;
}

// ---------------------------------------------------------------- payload

/** Where the payload carries the error, skipping development-only branches and status-gated messages. */
function findLeaks(payload: Expr, errors: ErrorNames): LeakSite[] {
  const out: LeakSite[] = [];
  // `container`: the template or `+` concatenation a message sits in; a fix replaces it whole.
  const visit = (e: Expr, prop: ObjProp | undefined, messagesOk: boolean, depth: number, container?: Expr): void => {
    if (depth > 10) return;
    const add = (leak: Leak, errorName: string) => {
      if (leak === 'message' && messagesOk) return;
      out.push({ leak, expr: container ?? e, errorName, prop });
    };
    switch (e.k) {
      case 'id':
        if (errors.has(e.name)) add('object', e.name);
        return;
      case 'member': {
        if (e.object.k === 'id' && errors.has(e.object.name)) {
          if (e.name === 'stack') add('stack', e.object.name);
          else if (MESSAGE_FIELDS.has(e.name)) add('message', e.object.name);
        }
        return;
      }
      case 'call': {
        const arg = e.args[0];
        const name = calleeName(e);
        if (e.callee.k === 'member' && e.callee.name === 'toString' && e.callee.object.k === 'id' && errors.has(e.callee.object.name)) return add('message', e.callee.object.name);
        if (arg?.k === 'id' && errors.has(arg.name)) {
          if (name === 'String') return add('message', arg.name);
          if (name === 'stringify') return add('object', arg.name);
          if (name === 'inspect' || name === 'serializeError' || name === 'format') return add('stack', arg.name);
        }
        return;
      }
      case 'tpl':
        for (const x of e.exprs) {
          if (x.k === 'id' && errors.has(x.name)) add('message', x.name);
          else visit(x, prop, messagesOk, depth + 1, container ?? e);
        }
        return;
      case 'bin':
        if (e.op === '&&' && isEnvironmentTest(e.left)) return;
        if (e.op === '+') {
          for (const side of [e.left, e.right]) {
            if (side.k === 'id' && errors.has(side.name)) add('message', side.name);
            else visit(side, prop, messagesOk, depth + 1, container ?? e);
          }
          return;
        }
        visit(e.left, prop, messagesOk, depth + 1);
        visit(e.right, prop, messagesOk, depth + 1);
        return;
      case 'cond':
        if (isEnvironmentTest(e.test)) return;
        visit(e.then, prop, messagesOk || isStatusGate(e.test), depth + 1);
        visit(e.else, prop, messagesOk || isStatusGate(e.test), depth + 1);
        return;
      case 'obj':
        for (const p of e.props) {
          if (p.spread && p.value.k === 'id' && errors.has(p.value.name)) out.push({ leak: 'object', expr: p.value, errorName: p.value.name, prop: prop ?? p });
          else visit(p.value, prop ?? p, messagesOk, depth + 1);
        }
        return;
      case 'arr':
        for (const item of e.items) visit(item, prop, messagesOk, depth + 1);
        return;
      case 'await':
      case 'spread':
        visit(e.expr, prop, messagesOk, depth + 1);
        return;
      default:
        return;
    }
  };
  visit(payload, undefined, false, 0);
  return out;
}

const ENV_NAME = /^(NODE_ENV|env|environment|(is)?(dev|development|prod|production|debug|local)(mode|env)?)$/i;
const ENV_VALUE = /^(development|production|dev|prod|test|local|staging)$/i;

/** `process.env.NODE_ENV !== 'production'`, `isDev`, `env === 'development'`, `app.get('env')`, `config.debug`. */
function isEnvironmentTest(test: Expr): boolean {
  let found = false;
  walkExpr(test, (e) => {
    if (found) return false;
    if (e.k === 'member' && ENV_NAME.test(e.name)) found = true;
    if (e.k === 'id' && ENV_NAME.test(e.name)) found = true;
    if (e.k === 'bin' && /^(===|!==|==|!=)$/.test(e.op) && [e.left, e.right].some((s) => s.k === 'str' && ENV_VALUE.test(s.value))) found = true;
    if (e.k === 'call' && e.callee.k === 'member' && e.callee.name === 'get' && e.args[0]?.k === 'str' && e.args[0].value === 'env') found = true;
    return !found;
  });
  return found;
}

/** `status < 500 ? err.message : 'Internal'` and `err.expose ? err.message : …` choose the message only for client errors. */
function isStatusGate(test: Expr): boolean {
  let found = false;
  walkExpr(test, (e) => {
    if (e.k === 'bin' && /^(<|<=|>|>=)$/.test(e.op) && (isNum500(e.left) || isNum500(e.right))) found = true;
    if (e.k === 'member' && /^(expose|isOperational|isPublic|public|exposeMessage)$/.test(e.name)) found = true;
    return !found;
  });
  return found;
}

function isNum500(e: Expr): boolean {
  return e.k === 'num' && (e.value === 500 || e.value === 499);
}

/**
 * The call sits in a branch for one known kind of error (`err instanceof ValidationError`,
 * `err.name === 'UnauthorizedError'`, `err.code === 'E_AUTH'`): its message was written for clients.
 */
function insideErrorKindCheck(facts: FileFacts, fn: FnId, span: Span, errors: ErrorNames): boolean {
  return itemsIn(facts, 'guards', new Set(scopeChain(facts, fn))).some((g) => {
    if (!contains(g.span, span)) return false;
    let kind = false;
    walkExpr(g.test, (e) => {
      if (kind) return false;
      if (e.k === 'bin' && e.op === 'instanceof' && e.left.k === 'id' && errors.has(e.left.name)) kind = true;
      if (e.k === 'bin' && /^(===|==)$/.test(e.op)) {
        for (const side of [e.left, e.right]) {
          if (side.k === 'member' && /^(name|code|type|kind)$/.test(side.name) && side.object.k === 'id' && errors.has(side.object.name)) kind = true;
        }
      }
      return !kind;
    });
    return kind;
  });
}

/** The call sits in a branch that depends on the environment (or after an early return on it). */
function insideEnvironmentCheck(facts: FileFacts, fn: FnId, span: Span): boolean {
  const guards = environmentGuards(facts);
  if (guards.length === 0) return false;
  const chain = new Set(scopeChain(facts, fn));
  return guards.some((g) => chain.has(g.fn) && (contains(g.span, span) || (g.fn === fn && g.span.end <= span.start && g.then.exits)));
}

const environmentGuardsCache = new WeakMap<FileFacts, Guard[]>();

/** The file's `if`s that test the environment (asked for every response call of the file). */
function environmentGuards(facts: FileFacts): Guard[] {
  let guards = environmentGuardsCache.get(facts);
  if (!guards) environmentGuardsCache.set(facts, (guards = facts.guards.filter((g) => isEnvironmentTest(g.test))));
  return guards;
}

// ---------------------------------------------------------------- fix helpers

/** The function (or one enclosing it) already logs the error: `console.error(err)`, `logger.error({ err })`. */
function logsError(facts: FileFacts, fn: FnId, errorName: string): boolean {
  const chain = new Set(scopeChain(facts, fn));
  return errorLogCalls(facts).some((site) => {
    if (!chain.has(site.fn)) return false;
    let mentions = false;
    for (const a of site.expr.args) walkExpr(a, (e) => !(mentions ||= e.k === 'id' && e.name === errorName));
    return mentions;
  });
}

/** The calls of a file that may log an error (`console.error(…)`, `logger.warn(…)`, `Sentry.captureException(…)`), in file order. */
function errorLogCalls(facts: FileFacts): CallSite[] {
  let calls = errorLogCallsCache.get(facts);
  if (!calls) {
    calls = facts.calls.filter((site) => {
      const c = site.expr.callee;
      return c.k === 'member' && /^(error|warn|fatal|log|exception|captureException)$/.test(c.name);
    });
    errorLogCallsCache.set(facts, calls);
  }
  return calls;
}

const errorLogCallsCache = new WeakMap<FileFacts, CallSite[]>();

/** `console.error(err);` (or the file's `logger.error(err);`) on its own line before the response statement. */
function logStatement(text: string, facts: FileFacts, statementStart: number, fn: FnId, callSpan: Span, errorName: string): TextEdit | undefined {
  const f = fn === TOP_LEVEL ? undefined : facts.functions[fn];
  if (f?.exprBody && contains(f.exprBody.span, callSpan)) return undefined;
  // Only at a statement boundary: after `{`, `;` or `}` (an `if (x) res.json(err)` without braces is not one).
  // Read backwards from the statement (not by slicing the text before it: that is quadratic in a
  // file with many findings), skipping whitespace and the comments that end where it stops.
  const comments = commentsByEnd(facts);
  let end = skipSpaceBackwards(text, statementStart);
  for (let i = 0; i < 16; i++) {
    const comment = comments.get(end);
    if (!comment) break;
    end = skipSpaceBackwards(text, comment.span.start);
  }
  if (end > 0 && !'{};'.includes(text[end - 1]!)) return undefined;
  const lineStart = text.lastIndexOf('\n', statementStart - 1) + 1;
  const indent = text.slice(lineStart, statementStart);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const logger = fileLogger(facts);
  const target = logger && logger.expr.callee.k === 'member' && logger.expr.callee.object.k === 'id' ? logger.expr.callee.object.name : 'console';
  return { file: facts.path, start: statementStart, end: statementStart, text: `${target}.error(${errorName});\n${indent}` };
}

/** The offset after the last non-whitespace character before `offset` (as `/\s+$/` trims). */
function skipSpaceBackwards(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

const commentsByEndCache = new WeakMap<FileFacts, Map<number, FileFacts['comments'][number]>>();

function commentsByEnd(facts: FileFacts): Map<number, FileFacts['comments'][number]> {
  let byEnd = commentsByEndCache.get(facts);
  if (!byEnd) {
    byEnd = new Map();
    for (const c of facts.comments) if (!byEnd.has(c.span.end)) byEnd.set(c.span.end, c);
    commentsByEndCache.set(facts, byEnd);
  }
  return byEnd;
}

const fileLoggerCache = new WeakMap<FileFacts, CallSite | null>();

/** The file's first `logger.error(…)` / `log.error(…)` call, whose logger a fix reuses. */
function fileLogger(facts: FileFacts): CallSite | undefined {
  let logger = fileLoggerCache.get(facts);
  if (logger === undefined) {
    logger = facts.calls.find((c) => c.expr.callee.k === 'member' && c.expr.callee.name === 'error' && c.expr.callee.object.k === 'id' && /^(logger|log)$/.test(c.expr.callee.object.name)) ?? null;
    fileLoggerCache.set(facts, logger);
  }
  return logger ?? undefined;
}
