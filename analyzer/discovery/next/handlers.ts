/**
 * Next.js handler reading shared by route handlers, API routes and server actions: unwrapping
 * wrappers (`withAuth(handler)`, `withApiAuthRequired(...)`) into chain entries, in-handler facts
 * with project auth helpers followed across files (`requireUser()` that redirects, a
 * `getCurrentUser()` that hands out the session), and whether a function writes anything.
 */
import type { Expr, FileFacts, FnId, Span } from '../../model/ir';
import type { HandlerFacts, Location, Middleware } from '../../model/route-model';
import type { ResolvedConfig } from '../../config/types';
import { readBehaviour, type BehaviourHooks } from '../behaviour';
import { readHandlerFacts } from '../handler-facts';
import { sliceOf } from '../fn-slices';
import { exprName, ProjectIndex, type Value, unwrapAssign } from '../project-index';
import { describeMiddleware } from '../roles';

const MAX_HELPER_DEPTH = 3;
const MAX_WRAP_DEPTH = 6;

export interface FnRef {
  file: string;
  fn: FnId;
}

/** An auth library that serves the route itself (its sign-in, callback and session endpoints). */
export interface LibraryEndpoint {
  module: string;
  at: Location;
}

export interface Unwrapped {
  handler: FnRef | undefined;
  /** Wrappers from the outside in, as chain entries. */
  wrappers: Middleware[];
  library: LibraryEndpoint | undefined;
  /** Why the handler could not be resolved. */
  note: string | undefined;
}

/** Libraries whose handlers serve a route by themselves: auth endpoints, and Upstash Workflow's `serve` (QStash-signed requests only). */
const AUTH_ENDPOINT_MODULES = /^(next-auth|next-auth\/next|@auth\/nextjs|@auth0\/nextjs-auth0|better-auth|better-auth\/next-js|@clerk\/nextjs|@supabase\/auth-helpers-nextjs|@kinde-oss\/kinde-auth-nextjs\/server|@upstash\/workflow\/nextjs|@vercel\/queue)$/;
/** Of those, the ones that take the route's body as a function (`serve(async (context) => …)`). */
const SERVES_WITH_BODY = /^(@upstash\/workflow\/nextjs|@vercel\/queue)$/;

/**
 * `withRateLimit(withAuth(async (req) => …))` → wrappers [withRateLimit, withAuth] and the inner
 * function. `expr` is written in `fnScope` of `file`.
 */
export function unwrapHandler(index: ProjectIndex, config: ResolvedConfig, file: string, fnScope: FnId, expr: Expr, depth = 0): Unwrapped {
  const out: Unwrapped = { handler: undefined, wrappers: [], library: undefined, note: undefined };
  let cur: { file: string; fnScope: FnId; expr: Expr } | undefined = { file, fnScope, expr };
  for (let i = 0; cur && i < MAX_WRAP_DEPTH + depth; i++) {
    const e = unwrapAssign(cur.expr);
    if (e.k === 'fn') {
      out.handler = { file: cur.file, fn: e.fn };
      return out;
    }
    if (e.k === 'id' || e.k === 'member') {
      const value = index.evaluate(cur.file, e, cur.fnScope);
      if (value.kind === 'function') {
        out.handler = { file: value.file, fn: value.fn };
        return out;
      }
      const library = libraryOrigin(index, cur.file, cur.fnScope, e);
      if (library) {
        out.library = { module: library, at: { file: cur.file, span: e.span } };
        return out;
      }
      if (value.kind === 'expr' && value.expr !== e) {
        cur = { file: value.file, fnScope: value.fnScope, expr: value.expr };
        continue;
      }
      out.note = value.kind === 'unknown' ? `the handler could not be resolved (${value.reason})` : 'the handler could not be resolved';
      return out;
    }
    if (e.k === 'call') {
      const library = libraryOrigin(index, cur.file, cur.fnScope, e);
      // `handleAuth()` serves the route; `serve(async (context) => …)` (Upstash Workflow) serves it
      // with the function as its body.
      if (library && (!e.args.some((a) => a.k === 'fn') || SERVES_WITH_BODY.test(library))) {
        out.library = { module: library, at: { file: cur.file, span: e.span } };
        return out;
      }
      // The wrapped handler is the function argument (or the argument that is itself a call or a
      // name of a function); the wrapper is the callee.
      const innerIndex = innerArgument(index, cur.file, cur.fnScope, e);
      if (innerIndex === undefined) {
        // A factory: `export const POST = createQueueHandler({ … })` returns the handler it builds.
        const built = returnedHandler(index, cur.file, cur.fnScope, e);
        if (built) {
          cur = built;
          continue;
        }
        out.note = `the handler built by ${exprName(e.callee)}(…) could not be resolved`;
        return out;
      }
      out.wrappers.push(describeWrapper(index, config, cur.file, cur.fnScope, e));
      cur = { file: cur.file, fnScope: cur.fnScope, expr: e.args[innerIndex]! };
      continue;
    }
    out.note = 'the handler is not a function the analyzer can read';
    return out;
  }
  out.note ??= 'the handler is wrapped too deeply';
  return out;
}

/** What a project factory returns: `return withAuth(async (req) => …)`, `return queueHandler`. */
function returnedHandler(index: ProjectIndex, file: string, fnScope: FnId, call: Extract<Expr, { k: 'call' }>): { file: string; fnScope: FnId; expr: Expr } | undefined {
  const value = index.evaluate(file, call.callee, fnScope);
  if (value.kind !== 'function') return undefined;
  const facts = index.get(value.file);
  const fnFacts = facts?.functions[value.fn];
  if (!facts || !fnFacts) return undefined;
  if (fnFacts.exprBody) return { file: value.file, fnScope: value.fn, expr: fnFacts.exprBody };
  const returned = facts.returns.filter((r) => r.fn === value.fn && r.expr !== undefined);
  return returned.length === 1 ? { file: value.file, fnScope: value.fn, expr: returned[0]!.expr! } : undefined;
}

function innerArgument(index: ProjectIndex, file: string, fnScope: FnId, call: Extract<Expr, { k: 'call' }>): number | undefined {
  let best: number | undefined;
  call.args.forEach((a, i) => {
    if (best !== undefined && call.args[best]!.k === 'fn') return;
    if (a.k === 'fn') best = i;
    else if (a.k === 'call' && best === undefined) best = i;
    else if (a.k === 'id' && best === undefined && index.evaluate(file, a, fnScope).kind === 'function') best = i;
  });
  return best;
}

function describeWrapper(index: ProjectIndex, config: ResolvedConfig, file: string, fnScope: FnId, call: Extract<Expr, { k: 'call' }>): Middleware {
  const described = describeMiddleware({ index, config, file, fnScope, expr: { ...call, args: call.args.filter((a) => a.k !== 'fn') }, at: { file, span: call.callee.span }, scope: 'route', behaviourHooks: (f) => helperReaderFor(index).hooksFor(f) });
  // Auth.js v5 `auth(handler)` only attaches `req.auth`; the handler decides.
  if (isAuthJsAuth(index, file, fnScope, call.callee)) return { ...described, name: exprName(call.callee), roles: ['unknown'], roleSource: 'library' };
  return { ...described, hook: 'wrapper' };
}

/** The module of an auth library whose call or export serves the route (NextAuth handlers, handleAuth). */
function libraryOrigin(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const e = unwrapAssign(expr);
  if (e.k === 'call') {
    const callee = index.evaluate(file, e.callee, fnScope);
    if (callee.kind === 'external' && AUTH_ENDPOINT_MODULES.test(callee.module) && /^(|default|NextAuth|handleAuth|toNextJsHandler|handleAuth\.\(\)|serve|handleCallback)$/.test(callee.path.join('.'))) return callee.module;
    return undefined;
  }
  if (e.k === 'id') {
    const binding = index.lookup(file, e.name, fnScope);
    if (binding?.kind === 'decl' && binding.decl.init) {
      // `export const { GET, POST } = handlers` where `export const { handlers, auth } = NextAuth(…)`.
      const init = unwrapAssign(binding.decl.init);
      if (binding.path.length > 0 && /^(handlers|GET|POST|PUT|PATCH|DELETE)$/.test(binding.path[binding.path.length - 1]!)) {
        const inner = libraryOrigin(index, binding.file, binding.decl.fn, init, depth + 1);
        if (inner) return inner;
      }
      if (binding.path.length === 0) return libraryOrigin(index, binding.file, binding.decl.fn, init, depth + 1);
    }
    return undefined;
  }
  if (e.k === 'member') return /^(handlers|GET|POST)$/.test(e.name) ? libraryOrigin(index, file, fnScope, e.object, depth + 1) : undefined;
  return undefined;
}

/** `auth` destructured from Auth.js v5's `NextAuth(config)` (any file). */
export function isAuthJsAuth(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr): boolean {
  return authJsInstance(index, file, fnScope, expr, 'auth') !== undefined;
}

/**
 * When `expr` is member `member` of an Auth.js `NextAuth(config)` result (`const { auth } =
 * NextAuth(c)`, `NextAuth(c).auth`), the call to NextAuth.
 */
export function authJsInstance(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr, memberName: string, depth = 0): { file: string; fnScope: FnId; call: Extract<Expr, { k: 'call' }> } | undefined {
  if (depth > 6) return undefined;
  const isNextAuth = (f: string, scope: FnId, call: Expr): call is Extract<Expr, { k: 'call' }> => {
    if (call.k !== 'call') return false;
    const v = index.evaluate(f, call.callee, scope);
    return v.kind === 'external' && /^(next-auth|@auth\/nextjs)$/.test(v.module) && v.path.length === 0;
  };
  if (expr.k === 'member' && expr.name === memberName && isNextAuth(file, fnScope, expr.object)) return { file, fnScope, call: expr.object };
  if (expr.k !== 'id') return undefined;
  const binding = index.lookup(file, expr.name, fnScope);
  if (binding?.kind !== 'decl' || !binding.decl.init) return undefined;
  const init = unwrapAssign(binding.decl.init);
  if (binding.path.length === 1 && binding.path[0] === memberName && isNextAuth(binding.file, binding.decl.fn, init)) return { file: binding.file, fnScope: binding.decl.fn, call: init };
  if (binding.path.length === 0) return authJsInstance(index, binding.file, binding.decl.fn, init, memberName, depth + 1);
  return undefined;
}

// ---------------------------------------------------------------- helpers across files

type HelperKind = 'enforces' | 'denies' | 'credential' | 'none';

const readers = new WeakMap<ProjectIndex, HelperReader>();

/** The helper reader of an index (one per discovery run: an index lives for one run). */
export function helperReaderFor(index: ProjectIndex): HelperReader {
  let reader = readers.get(index);
  if (!reader) readers.set(index, (reader = new HelperReader(index)));
  return reader;
}

/** Reads project helpers once per index: does `requireUser()` end the request, does `getCurrentUser()` hand out the session? */
export class HelperReader {
  /**
   * Kinds found so far in this run, with the files each one read: a memoized computation that
   * reuses a kind depends on those files too (see memo.ts), so they are recorded again on reuse.
   */
  private readonly kinds = new Map<string, { kind: HelperKind; reads: readonly [string, FileFacts | undefined][] }>();

  constructor(private readonly index: ProjectIndex) {}

  hooksFor(file: string, depth = 0): BehaviourHooks {
    const kindOf = (call: Extract<Expr, { k: 'call' }>, fn: FnId): HelperKind => {
      if (depth >= MAX_HELPER_DEPTH) return 'none';
      const value = this.index.evaluate(file, call.callee, fn);
      const target = functionOf(this.index, value);
      return target ? this.kindOf(target, depth + 1) : 'none';
    };
    return {
      isCredentialCall: (call, fn) => kindOf(call, fn) === 'credential',
      isEnforcingCall: (call, fn) => kindOf(call, fn) === 'enforces',
      isDenyingCall: (call, fn) => kindOf(call, fn) === 'denies',
      isGuardReference: (expr, fn) => {
        if (depth >= MAX_HELPER_DEPTH) return false;
        const target = functionOf(this.index, this.index.evaluate(file, expr, fn));
        const kind = target ? this.kindOf(target, depth + 1) : 'none';
        return kind === 'enforces' || kind === 'denies';
      },
    };
  }

  private kindOf(target: FnRef, depth: number): HelperKind {
    const key = `${target.file}:${target.fn}`;
    const known = this.kinds.get(key);
    if (known) {
      this.index.replayReads(known.reads);
      return known.kind;
    }
    // A helper that (through others) calls itself reads as 'none' inside its own reading.
    this.kinds.set(key, { kind: 'none', reads: [] });
    const { value: kind, reads } = this.index.track(() => this.readKind(target, depth));
    this.kinds.set(key, { kind, reads });
    return kind;
  }

  private readKind(target: FnRef, depth: number): HelperKind {
    const facts = this.index.get(target.file);
    if (!facts) return 'none';
    const fns = this.index.functionAndDescendants(target.file, target.fn);
    const requestNames = new Set<string>();
    const first = facts.functions[target.fn]?.params[0]?.name;
    if (first) requestNames.add(first);
    const behaviour = readBehaviour(facts, fns, requestNames, this.hooksFor(target.file, depth));
    // A check that throws (or redirects) ends the request; one that returns its 401 leaves that
    // to the caller; a helper that only reads the session hands out a credential.
    // A wrapper factory with a check (`withAuth(handler)` returning the guarded handler) guards what
    // it wraps, so calling it to build a handler counts like an enforcing call.
    const kind: HelperKind =
      behaviour.authCheck && (behaviour.authCheckThrows || wrapsAFunction(facts, target.fn)) ? 'enforces' : behaviour.authCheck && returnsResponse(facts, fns) ? 'denies' : behaviour.readsCredential && returnsSomething(facts, fns) ? 'credential' : 'none';
    return kind;
  }
}

function functionOf(index: ProjectIndex, value: Value): FnRef | undefined {
  if (value.kind === 'function') return { file: value.file, fn: value.fn };
  // `export const verifySession = cache(async () => { … })`.
  if (value.kind === 'expr' && value.expr.k === 'call') {
    for (const arg of value.expr.args) if (arg.k === 'fn') return { file: value.file, fn: arg.fn };
  }
  return undefined;
}

/** The function returns a function, or passes a function (or its own first parameter) to the call it returns. */
function wrapsAFunction(facts: FileFacts, fn: FnId): boolean {
  const f = facts.functions[fn];
  if (!f) return false;
  const first = f.params[0]?.name;
  const wraps = (e: Expr | undefined): boolean => {
    if (!e) return false;
    if (e.k === 'fn') return true;
    if (e.k === 'await') return wraps(e.expr);
    return e.k === 'call' && e.args.some((a) => a.k === 'fn' || (a.k === 'id' && a.name === first));
  };
  return wraps(f.exprBody) || facts.returns.some((r) => r.fn === fn && wraps(r.expr));
}

/** Some return builds a Response (`new Response(…, { status: 401 })`, `NextResponse.json(…)`). */
function returnsResponse(facts: FileFacts, fns: ReadonlySet<FnId>): boolean {
  return facts.returns.some((r) => fns.has(r.fn) && r.expr?.k === 'call' && /Response$/.test(exprName(r.expr.callee).split('.')[0] ?? ''));
}

function returnsSomething(facts: FileFacts, fns: ReadonlySet<FnId>): boolean {
  return facts.returns.some((r) => fns.has(r.fn) && r.expr !== undefined) || facts.functions.some((f) => fns.has(f.id) && f.exprBody !== undefined);
}

// ---------------------------------------------------------------- facts

export interface ReadOptions {
  /** The request parameter's name, when the handler has one. */
  requestName?: string;
  /** Spans of the handler to leave out (other methods' branches in a Pages API handler). */
  exclude?: readonly Span[];
}

/** In-handler facts for a Next handler, with project auth helpers followed across files. */
export function readNextHandlerFacts(index: ProjectIndex, helpers: HelperReader, ref: FnRef, options: ReadOptions = {}): HandlerFacts {
  const facts = index.get(ref.file);
  if (!facts) return readHandlerFacts(index, ref.file, ref.fn, options.requestName);
  const whole = readHandlerFacts(index, ref.file, ref.fn, options.requestName);
  const fns = index.functionAndDescendants(ref.file, ref.fn);
  const requestName = options.requestName ?? facts.functions[ref.fn]?.params[0]?.name;
  let viewFacts = facts;
  let base = whole;
  if (options.exclude && options.exclude.length > 0) {
    // One method's branch of a Pages API handler: its facts without the other branches. The
    // in-file reading runs on a separate index over the filtered file (nothing it caches can leak
    // into the real index); helpers and credential operations are still read across files.
    viewFacts = withoutSpans(facts, options.exclude);
    const branch = readHandlerFacts(new ProjectIndex(new Map([[ref.file, viewFacts]])), ref.file, ref.fn, options.requestName);
    base = { ...branch, credentialOps: whole.credentialOps };
  }
  const behaviour = readBehaviour(viewFacts, fns, new Set(requestName ? [requestName] : []), helpers.hooksFor(ref.file));
  const flows = authLibraryFlows(index, ref);
  return {
    ...base,
    credentialOps: flows.signIn && !base.credentialOps.includes('session-login') ? [...base.credentialOps, 'session-login' as const].sort() : base.credentialOps,
    authCheck: base.authCheck ?? behaviour.authCheck ?? flows.sessionScoped,
    roleCheck: base.roleCheck ?? behaviour.roleCheck,
    validation: base.validation ?? behaviour.validation,
    rateLimit: base.rateLimit ?? behaviour.rateLimit,
  };
}

/** Sign-in flows of auth libraries, called on behalf of an anonymous visitor. */
const SIGN_IN_FLOWS = /^(signIn|signUp|signInWithPassword|signInWithOtp|signInWithOAuth|signInWithIdToken|signInWithSSO|signInAnonymously|verifyOtp|exchangeCodeForSession|resetPasswordForEmail|signInEmail|signUpEmail|signInSocial|forgetPassword|resetPassword|createSession)$/;
/** Supabase `auth` calls that act on the session's own user and change nothing without one. */
const SESSION_SCOPED = /^(updateUser|reauthenticate)$/;

/**
 * What auth-library calls tell about a handler (its functions and project helpers, two levels):
 * a sign-in flow (`supabase.auth.signInWithPassword`, Auth.js `signIn`, better-auth
 * `auth.api.signInEmail`) makes it a sign-in by behaviour; Supabase's `auth.updateUser` only ever
 * changes the signed-in caller's own account (not `auth.admin.*`).
 */
export function authLibraryFlows(index: ProjectIndex, ref: FnRef, depth = 0, seen = new Set<string>()): { signIn: Location | undefined; sessionScoped: Location | undefined } {
  const out: { signIn: Location | undefined; sessionScoped: Location | undefined } = { signIn: undefined, sessionScoped: undefined };
  const key = `${ref.file}:${ref.fn}`;
  const facts = index.get(ref.file);
  if (!facts || seen.has(key) || depth > 2) return out;
  seen.add(key);
  for (const call of sliceOf(facts, index.functionAndDescendants(ref.file, ref.fn)).calls) {
    const callee = call.expr.callee;
    const at: Location = { file: ref.file, span: call.expr.span };
    if (callee.k === 'member') {
      const words = memberWords(callee.object);
      const onAuth = words.includes('auth') && !words.includes('admin');
      if (onAuth && SIGN_IN_FLOWS.test(callee.name)) out.signIn ??= at;
      if (onAuth && SESSION_SCOPED.test(callee.name)) out.sessionScoped ??= at;
    } else if (callee.k === 'id') {
      if (/^(signIn|signUp)$/.test(callee.name) && authJsInstance(index, ref.file, call.fn, callee, callee.name)) out.signIn ??= at;
      const target = index.evaluate(ref.file, callee, call.fn);
      if (target.kind === 'function') {
        const inner = authLibraryFlows(index, { file: target.file, fn: target.fn }, depth + 1, seen);
        if (inner.signIn) out.signIn ??= at;
        if (inner.sessionScoped) out.sessionScoped ??= at;
      }
    }
    if (out.signIn && out.sessionScoped) break;
  }
  return out;
}

/** The file's facts without anything inside `spans`. */
export function withoutSpans(facts: FileFacts, spans: readonly Span[]): FileFacts {
  const outside = (s: Span) => !spans.some((x) => x.start <= s.start && s.end <= x.end);
  return {
    ...facts,
    decls: facts.decls.filter((d) => outside(d.span)),
    assignments: facts.assignments.filter((a) => outside(a.span)),
    calls: facts.calls.filter((c) => outside(c.expr.span)),
    guards: facts.guards.filter((g) => outside(g.span)),
    returns: facts.returns.filter((r) => outside(r.span)),
    throws: facts.throws.filter((t) => outside(t.span)),
    switches: facts.switches.filter((s) => outside(s.span)),
    reads: facts.reads.filter((r) => outside(r.span)),
  };
}

// ---------------------------------------------------------------- writes

const WRITE_CALLS = /^(create|createMany|createManyAndReturn|insert|insertOne|insertMany|insertInto|update|updateOne|updateMany|updateTable|upsert|delete|deleteOne|deleteMany|deleteFrom|destroy|remove|save|increment|decrement|execute|executeQuery|\$executeRaw|\$executeRawUnsafe|\$transaction|transaction|writeFile|appendFile|unlink|rm|rmdir|mkdir|publish|enqueue|revalidatePath|revalidateTag|updateTag|sendEmail|sendMail|charge|refund|hset|hdel|lpush|rpush|sadd|srem|zadd|incr|decr|expire|del|put|patch|post)$/;
const STORE_OBJECT = /^(db|prisma|redis|kv|cache|store|supabase|sql|knex|drizzle|mongoose|collection|tx|trx|client|storage|bucket|s3|fs|axios|ky|api|http|stripe|resend|mailer|transporter|queue)$/;

/** Evidence that the function (or its nested functions) changes state: a database write, a `fetch` with a write method, a file write. */
export function writeEvidence(index: ProjectIndex, ref: FnRef, depth = 0, seen = new Set<string>()): Location | undefined {
  const facts = index.get(ref.file);
  const key = `${ref.file}:${ref.fn}`;
  if (!facts || seen.has(key) || depth > 2) return undefined;
  seen.add(key);
  const fns = index.functionAndDescendants(ref.file, ref.fn);
  for (const call of sliceOf(facts, fns).calls) {
    const callee = call.expr.callee;
    // A project helper that writes: `await deleteMessagesByChatId({ chatId })` in lib/db/queries.ts.
    if (callee.k === 'id') {
      const target = index.evaluate(ref.file, callee, call.fn);
      if (target.kind === 'function' && writeEvidence(index, { file: target.file, fn: target.fn }, depth + 1, seen)) return { file: ref.file, span: call.expr.span };
    }
    const name = callee.k === 'member' ? callee.name : callee.k === 'id' ? callee.name : '';
    if (name === 'fetch' && call.expr.args.some((a) => a.k === 'obj' && a.props.some((p) => p.key === 'method' && p.value.k === 'str' && /^(post|put|patch|delete)$/i.test(p.value.value)))) return { file: ref.file, span: call.expr.span };
    if (!WRITE_CALLS.test(name)) continue;
    if (callee.k === 'id') {
      if (/^(revalidatePath|revalidateTag|updateTag|sendEmail|sendMail)$/.test(name)) return { file: ref.file, span: call.expr.span };
      continue;
    }
    if (callee.k !== 'member') continue;
    // `db.user.update(…)`, `prisma.post.delete(…)`, `redis.set(…)`, `db.insert(users)`; not `res.send`, `arr.push`, `map.delete`.
    const words = memberWords(callee.object);
    if (/^(put|patch|post|del)$/.test(name) && !words.some((w) => STORE_OBJECT.test(w))) continue;
    if (/^(delete|remove)$/.test(name) && words.length === 1 && !STORE_OBJECT.test(words[0]!) && !/s$/.test(words[0]!)) continue;
    if (words.some((w) => /^(res|response|headers|searchparams|params|map|set|cookies|formdata|url|console|arr|list|array|items)$/i.test(w))) continue;
    return { file: ref.file, span: call.expr.span };
  }
  return undefined;
}

function memberWords(expr: Expr): string[] {
  const out: string[] = [];
  let e: Expr = expr;
  for (let i = 0; i < 12; i++) {
    if (e.k === 'member') {
      out.push(e.name.toLowerCase());
      e = e.object;
    } else if (e.k === 'call') e = e.callee;
    else if (e.k === 'await') e = e.expr;
    else break;
  }
  if (e.k === 'id') out.push(e.name.toLowerCase());
  return out;
}

/** The function a name or inline function denotes, if it is one. */
export function resolveFunctionRef(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr): FnRef | undefined {
  if (expr.k === 'fn') return { file, fn: expr.fn };
  const value = index.evaluate(file, expr, fnScope);
  return value.kind === 'function' ? { file: value.file, fn: value.fn } : undefined;
}

