/**
 * What a function does, read from its facts: does it check credentials and deny, check a role and
 * answer 403, validate input, throttle? Shared by middleware classification (a guard is a guard
 * whatever its name) and by in-handler facts, so both agree on what a check is.
 */
import type { BlockEffect, Expr, FileFacts, FnId, Guard, ThrowStmt } from '../model/ir';
import type { Location } from '../model/route-model';
import { sliceOf } from './fn-slices';
import { groupBy } from '../util/group-by';

/** Every identifier, member name, callee name and string literal in an expression, lower-cased. */
export function exprWords(expr: Expr | undefined, out: string[] = [], depth = 0): string[] {
  if (!expr || depth > 12) return out;
  const d = depth + 1;
  switch (expr.k) {
    case 'id':
      out.push(expr.name.toLowerCase());
      break;
    case 'str':
      out.push(expr.value.toLowerCase());
      break;
    case 'member':
      out.push(expr.name.toLowerCase());
      exprWords(expr.object, out, d);
      break;
    case 'index':
      exprWords(expr.object, out, d);
      exprWords(expr.index, out, d);
      break;
    case 'call':
      exprWords(expr.callee, out, d);
      for (const a of expr.args) exprWords(a, out, d);
      break;
    case 'await':
    case 'spread':
    case 'unary':
      exprWords(expr.expr, out, d);
      break;
    case 'bin':
      exprWords(expr.left, out, d);
      exprWords(expr.right, out, d);
      break;
    case 'cond':
      exprWords(expr.test, out, d);
      exprWords(expr.then, out, d);
      exprWords(expr.else, out, d);
      break;
    case 'assign':
      exprWords(expr.target, out, d);
      exprWords(expr.value, out, d);
      break;
    case 'obj':
      for (const p of expr.props) {
        if (p.key) out.push(p.key.toLowerCase());
        exprWords(p.value, out, d);
      }
      break;
    case 'arr':
      for (const i of expr.items) exprWords(i, out, d);
      break;
    case 'tpl':
      for (const e of expr.exprs) exprWords(e, out, d);
      break;
    default:
      break;
  }
  return out;
}

/** Calls made anywhere in an expression (callee names as dotted paths' last segment). */
export function calleeNames(expr: Expr | undefined, out: string[] = [], depth = 0): string[] {
  if (!expr || depth > 12) return out;
  const d = depth + 1;
  if (expr.k === 'call') {
    const c = expr.callee;
    if (c.k === 'id') out.push(c.name);
    else if (c.k === 'member') out.push(c.name);
    calleeNames(c.k === 'member' ? c.object : undefined, out, d);
    for (const a of expr.args) calleeNames(a, out, d);
  } else if (expr.k === 'await' || expr.k === 'unary' || expr.k === 'spread') calleeNames(expr.expr, out, d);
  else if (expr.k === 'bin') {
    calleeNames(expr.left, out, d);
    calleeNames(expr.right, out, d);
  } else if (expr.k === 'member') calleeNames(expr.object, out, d);
  else if (expr.k === 'cond') {
    calleeNames(expr.test, out, d);
    calleeNames(expr.then, out, d);
    calleeNames(expr.else, out, d);
  }
  return out;
}

export const CREDENTIAL_WORDS = /^(authorization|x-api-key|x-access-token|x-auth-token|api[_-]?key|apikey|token|accesstoken|access_token|idtoken|bearer|jwt|session|sessionid|user|userid|currentuser|isauthenticated|isloggedin|loggedin|auth|claims|principal|account|uid)$/;
export const CREDENTIAL_CALLS = /^(getIronSession|getClaims|getCurrentUser|getSessionCookie|getKindeServerSession|verifySession|verify|verifyIdToken|verifySessionCookie|verifyToken|verifyAccessToken|verifyJwt|jwtVerify|decode|decodeToken|getSession|getServerSession|getToken|auth|currentUser|getUser|getAuth|validateSession|validateRequest|isAuthenticated|checkAuth|authenticate|introspect)$/;
export const ROLE_WORDS = /^(role|roles|isadmin|admin|superadmin|permission|permissions|perms|scope|scopes|can|cannot|ability|grants|privileges|isstaff|issuperuser|group|groups|acl|authorize|hasrole|haspermission|hasscope|rbac|access|accesslevel|level)$/;
export const VALIDATION_CALLS = /^(parse|safeParse|parseAsync|safeParseAsync|validate|validateAsync|validateSync|validationResult|assert|is|check|checkSchema|matchedData|validateOrReject|plainToInstance|plainToClass|transformAndValidate|Check|Decode)$/;
const RATE_LIMIT_CALLS = /^(consume|limit|penalty|block|checkRateLimit|rateLimit|ratelimit|throttle)$/;

function deniesAccess(effect: BlockEffect): boolean {
  if (effect.statuses.some((s) => s === 401 || s === 403)) return true;
  // `if (!user) return res.redirect('/login')` and `if (!session) redirect('/login')` deny too.
  if (effect.redirects && (effect.exits || effect.throws)) return true;
  return false;
}

/**
 * The guard's branch throws an error that names an auth failure without a numeric status:
 * `throw new TRPCError({ code: 'UNAUTHORIZED' })`, `throw new ApiError({ code: 'unauthorized' })`,
 * `throw new Error('Not authenticated')`.
 */
function throwsAuthError(facts: FileFacts, guard: Guard): boolean {
  const branches = [guard.thenSpan, guard.elseSpan].filter((b): b is { start: number; end: number } => b !== undefined);
  if (branches.length === 0 || !(guard.then.throws || guard.else?.throws)) return false;
  return (throwsByFn(facts).get(guard.fn) ?? []).some(
    (t) => t.expr !== undefined && branches.some((b) => b.start <= t.span.start && t.span.end <= b.end) && exprWords(t.expr).some((w) => AUTH_ERROR_WORDS.test(w)),
  );
}

const throwsIndex = new WeakMap<FileFacts, Map<FnId, ThrowStmt[]>>();

/** A file's `throw` statements by function (asked for every guard of every handler). */
function throwsByFn(facts: FileFacts): Map<FnId, ThrowStmt[]> {
  let index = throwsIndex.get(facts);
  if (!index) {
    index = groupBy(facts.throws, (t) => t.fn);
    throwsIndex.set(facts, index);
  }
  return index;
}

const AUTH_ERROR_WORDS = /unauthori[sz]ed|unauthenticated|not[ _-]?(authenticated|authorized|signed[ _-]?in|logged[ _-]?in)|forbidden|login required|sign[ _-]?in required|authentication required/i;

function answersStatus(effect: BlockEffect, statuses: number[]): boolean {
  return effect.statuses.some((s) => statuses.includes(s));
}

export interface FunctionBehaviour {
  /** The function reads a credential (header, cookie, session) or verifies a token. */
  readsCredential: boolean;
  /** An `if` on a credential denies with 401/403 (or a redirect), or a verify call throws into a 401. */
  authCheck: Location | undefined;
  /** A role/permission test that denies (403). */
  roleCheck: Location | undefined;
  /** A schema validation call. */
  validation: Location | undefined;
  /** A rate-limit consume/limit call, or an answer of 429. */
  rateLimit: Location | undefined;
  /** The function calls `next()` (it is middleware shaped). */
  callsNext: boolean;
  /**
   * The auth check ends the request by itself: it throws, or calls Next's `redirect()`/`notFound()`
   * (which throw), or calls an enforcing function (`auth.protect()`). A helper whose check only
   * returns a 401 response does not: its caller must pass that response on.
   */
  authCheckThrows?: boolean;
}

/**
 * What a discoverer knows about calls that syntax alone cannot tell, e.g. project helpers resolved
 * across files: `getCurrentUser()` hands out the session, `requireUser()` redirects without one.
 */
export interface BehaviourHooks {
  /** The call returns the caller's credential (session, user, token, claims). */
  isCredentialCall?(call: Extract<Expr, { k: 'call' }>, fn: FnId): boolean;
  /** The call ends the request by itself when nobody is signed in. */
  isEnforcingCall?(call: Extract<Expr, { k: 'call' }>, fn: FnId): boolean;
  /**
   * The call returns a 401/403 response when nobody is signed in, for the caller to send
   * (`const denied = await checkAuth(); if (denied) return denied`).
   */
  isDenyingCall?(call: Extract<Expr, { k: 'call' }>, fn: FnId): boolean;
  /**
   * The name denotes a guard function handed to another function to run
   * (`return withMiddleware(handler, authMiddleware)`): a wrapper built on a generic runner.
   */
  isGuardReference?(expr: Extract<Expr, { k: 'id' }>, fn: FnId): boolean;
}

/**
 * Reads the behaviour of the functions `fns` of `facts` (a function and the functions nested in
 * it). `requestNames` are the names the request object goes by in those functions.
 */
export function readBehaviour(facts: FileFacts, fns: ReadonlySet<FnId>, requestNames: ReadonlySet<string>, hooks: BehaviourHooks = {}): FunctionBehaviour {
  const result: FunctionBehaviour = { readsCredential: false, authCheck: undefined, roleCheck: undefined, validation: undefined, rateLimit: undefined, callsNext: false };
  const at = (span: { start: number; end: number }): Location => ({ file: facts.path, span });
  const slice = sliceOf(facts, fns);

  for (const read of slice.reads) {
    if (requestNames.has(read.root) || read.root === 'request' || read.root === 'req') {
      const [part, field] = read.path;
      if ((part === 'headers' && field && /^(authorization|x-api-key|x-access-token|x-auth-token|cookie)$/i.test(field)) || part === 'session' || part === 'user' || part === 'auth' || (part === 'cookies' && field && /token|session|auth|jwt|sid/i.test(field)) || (part === 'signedCookies')) {
        result.readsCredential = true;
      }
    }
  }
  const calls: { name: string; expr: Extract<Expr, { k: 'call' }> }[] = [];
  for (const call of slice.calls) {
    const callee = call.expr.callee;
    const name = callee.k === 'id' ? callee.name : callee.k === 'member' ? callee.name : '';
    calls.push({ name, expr: call.expr });
    if (CREDENTIAL_CALLS.test(name) || isSessionCookieRead(call.expr) || hooks.isCredentialCall?.(call.expr, call.fn)) result.readsCredential = true;
    // @fastify/jwt: `await request.jwtVerify()` throws a 401 that Fastify turns into the reply, so
    // the call itself ends the request on failure (unless a catch swallows it, which is not seen).
    if (name === 'jwtVerify' && !result.authCheck && callee.k === 'member' && callee.object.k === 'id' && (requestNames.has(callee.object.name) || callee.object.name === 'request' || callee.object.name === 'req')) result.authCheck = at(call.expr.span);
    if ((name === 'header' || name === 'get') && call.expr.args[0]?.k === 'str' && /^(authorization|x-api-key|x-access-token|cookie)$/i.test(call.expr.args[0].value)) result.readsCredential = true;
    if (!result.validation && isSchemaValidation(call.expr)) result.validation = at(call.expr.span);
    // `assertAdmin(req.user)`, `ForbiddenError.from(ability).throwUnlessCan('delete', doc)`, `await authorize(user, 'x')`:
    // a statement whose only job is to throw when the caller lacks the role.
    if (!result.roleCheck && call.isStatement && ROLE_ASSERTION.test(name)) result.roleCheck = at(call.expr.span);
    if (RATE_LIMIT_CALLS.test(name) && !result.rateLimit && isRateLimitCall(call.expr)) result.rateLimit = at(call.expr.span);
  }
  for (const id of fns) {
    if (facts.functions[id]?.effect.callsNext) result.callsNext = true;
  }
  for (const guard of slice.guards) {
    const words = exprWords(guard.test);
    const denies = deniesAccess(guard.then) || (guard.else !== undefined && deniesAccess(guard.else)) || throwsAuthError(facts, guard);
    // A 401 counts when the test names a privileged identity (`if (!req.session.staffId) return 401`).
    const deniesAsRole = answersStatus(guard.then, [403]) || answersStatus(guard.else ?? emptyLike, [403]) || guard.then.statuses.length === 0 || guard.then.redirects || (answersStatus(guard.then, [401]) && words.some((w) => PRIVILEGED_IDENTITY.test(w) || PERMISSION_PREDICATE.test(w)));
    if (denies && !result.roleCheck && isRoleTest(words) && deniesAsRole) {
      result.roleCheck = at(guard.span);
    }
    if (denies && !result.authCheck && (isCredentialTest(words) || result.readsCredential)) {
      result.authCheck = at(guard.span);
      // A helper whose check throws ends its caller's request too (see authCheckThrows).
      if (guard.then.throws || guard.else?.throws) result.authCheckThrows = true;
    }
    if (!result.rateLimit && answersStatus(guard.then, [429])) result.rateLimit = at(guard.span);
  }
  // A verify that throws is caught by a try/catch answering 401: `try { jwt.verify(…) } catch { res.status(401) }`.
  if (!result.authCheck && result.readsCredential) {
    const own = [...fns].filter((id) => facts.functions[id] !== undefined).sort((a, b) => a - b);
    if (own.some((id) => facts.functions[id]!.effect.statuses.some((s) => s === 401 || s === 403))) {
      const first = calls.find((c) => CREDENTIAL_CALLS.test(c.name));
      const fn = own.length > 0 ? facts.functions[own[0]!] : undefined;
      result.authCheck = first ? at(first.expr.span) : fn ? at(fn.span) : undefined;
    }
  }
  readCredentialBindings(facts, fns, slice, result, hooks, at);
  return result;
}

/**
 * Checks on a credential the function obtained itself (`const session = await auth()`,
 * `const { data: { user } } = await supabase.auth.getUser()`), counted only when the request ends
 * on failure: the branch taken when the credential is absent returns, throws or redirects (Next's
 * `redirect()` throws). Calls that enforce by themselves (Clerk's `auth.protect()`) count too.
 */
function readCredentialBindings(facts: FileFacts, fns: ReadonlySet<FnId>, slice: ReturnType<typeof sliceOf>, result: FunctionBehaviour, hooks: BehaviourHooks, at: (span: { start: number; end: number }) => Location): void {
  const isCredentialCall = (call: Extract<Expr, { k: 'call' }>, fn: FnId): boolean => {
    const c = call.callee;
    const name = c.k === 'id' ? c.name : c.k === 'member' ? c.name : '';
    // `getUser(req.params.id)` loads some user by id; it is not the caller's credential.
    if (call.args.some((a) => exprWords(a).some((w) => /^(params|query|body|id)$|[a-z]id$/.test(w)))) return false;
    return CREDENTIAL_CALLS.test(name) || isSessionCookieRead(call) || Boolean(hooks.isCredentialCall?.(call, fn));
  };
  // An enforcing call counts when it always runs: not when it sits in a branch
  // (`if (redirectTo === 'checkout') await createCheckoutSession(…)`).
  // Branches on the HTTP method (`if (req.method === 'GET') await verifyCron(req) else …`) are a
  // dispatch, not a condition on whether the check runs.
  const inBranch = (span: { start: number; end: number }, fn: FnId) =>
    slice.guards.some((g) => g.fn === fn && !exprWords(g.test).includes('method') && [g.thenSpan, g.elseSpan].some((b) => b !== undefined && b.start <= span.start && span.end <= b.end));
  for (const call of slice.calls) {
    if ((isEnforcingCall(call.expr) || hooks.isEnforcingCall?.(call.expr, call.fn)) && !inBranch(call.expr.span, call.fn)) {
      result.authCheck ??= at(call.expr.span);
      result.readsCredential = true;
      result.authCheckThrows = true;
      // Clerk: `auth.protect({ role: 'org:admin' })` checks the role too.
      if (isEnforcingCall(call.expr) && call.expr.args.some((a) => exprWords(a).some((w) => /^(role|permission)$/.test(w)))) result.roleCheck ??= at(call.expr.span);
      return;
    }
  }
  // `withMiddleware(handler, authMiddleware)`: the guard is passed on to a runner that calls it.
  if (hooks.isGuardReference) {
    for (const call of slice.calls) {
      const ref = call.expr.args.find((a): a is Extract<Expr, { k: 'id' }> => a.k === 'id' && Boolean(hooks.isGuardReference?.(a, call.fn)));
      if (!ref) continue;
      result.authCheck ??= at(ref.span);
      result.readsCredential = true;
      return;
    }
  }
  const credentials = new Set<string>();
  // `session = await getSession()` assigns a credential as a declaration does.
  for (const a of [...fns].flatMap((fn) => assignmentsByFn(facts).get(fn) ?? [])) {
    if (a.op !== '=' || a.target.k !== 'id') continue;
    const source = credentialSource(a.value);
    if (source && isCredentialCall(source, a.fn)) credentials.add(a.target.name);
  }
  for (const decl of slice.decls) {
    const init = decl.init ? credentialSource(decl.init) : undefined;
    if (!init) continue;
    // `const session = await auth()`, and what is derived from a credential: `await decrypt(token)`.
    const derived = init.args.some((a) => a.k === 'id' && credentials.has(a.name));
    if (derived || isCredentialCall(init, decl.fn)) for (const n of decl.names) credentials.add(n.name);
  }
  const denials = new Set<string>();
  for (const decl of slice.decls) {
    const init = decl.init ? credentialSource(decl.init) : undefined;
    if (init && hooks.isDenyingCall?.(init, decl.fn)) for (const n of decl.names) denials.add(n.name);
  }
  for (const guard of slice.guards) {
    // `if (denied) return denied`: the helper's 401 response is passed on.
    if (denials.size > 0 && guard.then.exits && exprWords(guard.test).some((w) => [...denials].some((d) => d.toLowerCase() === w))) {
      result.authCheck ??= at(guard.span);
      result.readsCredential = true;
      return;
    }
    const absent = truthWhenAbsent(guard.test, credentials, (c) => isCredentialCall(c, guard.fn), 0);
    if (absent === undefined) continue;
    const branch = absent ? guard.then : guard.else;
    if (!branch || branch.callsNext || !(branch.exits || branch.throws || deniesAccess(branch))) continue;
    result.authCheck ??= at(guard.span);
    result.readsCredential = true;
    if (branch.throws) result.authCheckThrows = true;
    return;
  }
}

const assignmentsCache = new WeakMap<FileFacts, Map<FnId, FileFacts['assignments']>>();

/** A file's assignments by function, built once per file (handlers are read one by one). */
function assignmentsByFn(facts: FileFacts): Map<FnId, FileFacts['assignments']> {
  let map = assignmentsCache.get(facts);
  if (map) return map;
  map = groupBy(facts.assignments, (a) => a.fn);
  assignmentsCache.set(facts, map);
  return map;
}

/** `cookies().get('session')`, `request.cookies.get('token')`: a session or token cookie. */
function isSessionCookieRead(call: Extract<Expr, { k: 'call' }>): boolean {
  const c = call.callee;
  const first = call.args[0];
  return c.k === 'member' && c.name === 'get' && first?.k === 'str' && /token|session|auth|jwt|sid/i.test(first.value) && exprWords(c.object).includes('cookies');
}

/** `await auth()`, `(await auth())?.user`, `auth().userId` → the credential call. */
function credentialSource(expr: Expr): Extract<Expr, { k: 'call' }> | undefined {
  let e = expr;
  for (let i = 0; i < 8; i++) {
    if (e.k === 'await') e = e.expr;
    else if (e.k === 'member') e = e.object;
    else break;
  }
  return e.k === 'call' ? e : undefined;
}

/** Clerk's `auth.protect()`, `auth().protect()`, `(await auth()).protect()` and `redirectToSignIn()`. */
function isEnforcingCall(call: Extract<Expr, { k: 'call' }>): boolean {
  const c = call.callee;
  if (c.k === 'id') return c.name === 'redirectToSignIn';
  if (c.k !== 'member') return false;
  if (c.name === 'redirectToSignIn') return true;
  if (c.name !== 'protect') return false;
  let object = c.object;
  while (object.k === 'await') object = object.expr;
  if (object.k === 'call') object = object.callee;
  return object.k === 'id' && object.name === 'auth';
}

/**
 * The truth of an `if` test when the credentials named in `credentials` are absent (null or
 * undefined): `!session` → true, `session?.user` → false, `!user || user.banned` → true. Undefined
 * when the test does not turn on the credential.
 */
function truthWhenAbsent(test: Expr, credentials: ReadonlySet<string>, isCredentialCall: (call: Extract<Expr, { k: 'call' }>) => boolean, depth: number): boolean | undefined {
  if (depth > 12) return undefined;
  const d = depth + 1;
  switch (test.k) {
    case 'id':
      return credentials.has(test.name) ? false : undefined;
    case 'member': {
      let root: Expr = test;
      while (root.k === 'member') root = root.object;
      if (root.k === 'id' && credentials.has(root.name)) return false;
      const source = credentialSource(test);
      return source && isCredentialCall(source) ? false : undefined;
    }
    case 'await':
    case 'call': {
      const source = credentialSource(test);
      return source && isCredentialCall(source) ? false : undefined;
    }
    case 'unary': {
      if (test.op !== '!') return undefined;
      const inner = truthWhenAbsent(test.expr, credentials, isCredentialCall, d);
      return inner === undefined ? undefined : !inner;
    }
    case 'bin': {
      if (test.op === '||' || test.op === '&&') {
        const l = truthWhenAbsent(test.left, credentials, isCredentialCall, d);
        const r = truthWhenAbsent(test.right, credentials, isCredentialCall, d);
        if (test.op === '||') return l === true || r === true ? true : l === false && r === false ? false : undefined;
        return l === false || r === false ? false : l === true && r === true ? true : undefined;
      }
      if (test.op === '===' || test.op === '==' || test.op === '!==' || test.op === '!=') {
        const isNullish = (e: Expr) => e.k === 'null' || e.k === 'undefined';
        const [side, other] = isNullish(test.right) ? [test.left, test.right] : isNullish(test.left) ? [test.right, test.left] : [undefined, undefined];
        if (!side || !other) return undefined;
        // Only the credential's own truthiness is known: absent means nullish.
        const truth = truthWhenAbsent(side, credentials, isCredentialCall, d);
        if (truth !== false) return undefined;
        return test.op === '===' || test.op === '==' ? true : false;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const emptyLike: BlockEffect = { statuses: [], exits: false, throws: false, redirects: false, callsNext: false, nextWithError: false, responds: false };

function isRoleTest(words: string[]): boolean {
  // `rights`: `hasRequiredRights`, `userRights` (a permission list by another name).
  return words.some((w) => ROLE_WORDS.test(w) || /^(is|has)?(admin|role|permission|scope)s?$/.test(w) || /(role|permission|scope|admin|rights|privilege)/.test(w) || PRIVILEGED_IDENTITY.test(w) || PERMISSION_PREDICATE.test(w));
}

/** Permission predicates: `canViewUsers(auth)`, `canUpdateWebsite`, `isAllowed`, `mayEdit`, `hasAccess`. */
const PERMISSION_PREDICATE = /^(can|cannot|may)[a-z]{3,}$|^(is|has)(allowed|permitted|authori[sz]ed|access)$/;

/** Words naming a privileged identity or flag: `staffId`, `adminId`, `isSuperuser`, `req.session.admin`. */
const PRIVILEGED_IDENTITY = /^(is|has)?(admin|staff|superuser|superadmin|moderator|operator)(id|user|session)?$/;

/** Statements that throw unless the caller has a role or permission. */
const ROLE_ASSERTION = /^((assert|ensure|require|check|verify|enforce|must)(Is)?(Admin|Role|Roles|Permission|Permissions|Staff|Scope|Scopes|Superuser|Can|Ability)(s|Or\w+)?|throwUnlessCan|authorize|authorise|enforce)$/;

/**
 * A project validation helper called with the input: `validateSignup(req.body)`,
 * `parseTaskInput(body)`, `TaskValidator.validateCreate(dto)`. Signature and session checks
 * (`validateRequest` for Twilio, `validateSession`) are not input validation.
 */
function isProjectValidator(name: string, call: Extract<Expr, { k: 'call' }>): boolean {
  if (call.args.length === 0 || /Session|Token|Request|Signature|Webhook|Password|Credential|Jwt/.test(name)) return false;
  return /^(validate|sanitize|sanitise)[A-Z]\w*$/.test(name) || /^parse[A-Z]\w*(Input|Body|Payload|Dto|DTO|Params|Query|Form|Data|Request|Command)$/.test(name);
}

function isCredentialTest(words: string[]): boolean {
  return words.some((w) => CREDENTIAL_WORDS.test(w) || /token|session|user|auth|claims|principal/.test(w));
}

/**
 * A call that validates input against a schema (zod/joi/yup/ajv/valibot/class-validator…,
 * express-validator's `validationResult`) or a project validation helper. Also read by rules
 * (rules/utils/data-flow.ts), so that "validated" means the same everywhere.
 */
export function isSchemaValidation(call: Extract<Expr, { k: 'call' }>): boolean {
  const callee = call.callee;
  const name = callee.k === 'id' ? callee.name : callee.k === 'member' ? callee.name : '';
  return (VALIDATION_CALLS.test(name) && isValidationCall(call)) || isProjectValidator(name, call);
}

function isValidationCall(call: Extract<Expr, { k: 'call' }>): boolean {
  const callee = call.callee;
  // valibot: `parse(Schema, input)`, `safeParse(Schema, input)`.
  if (callee.k === 'id' && /^(parse|safeParse|parseAsync|safeParseAsync)$/.test(callee.name)) return call.args.length >= 2;
  if (callee.k === 'id') return /^(validationResult|validateOrReject|validate|matchedData|plainToInstance|plainToClass|checkSchema)$/.test(callee.name);
  if (callee.k !== 'member') return false;
  // `JSON.parse`, `Date.parse`, `url.parse`, `path.parse` are not schema validation.
  const objectWords = exprWords(callee.object);
  if (objectWords.some((w) => /^(json|date|url|path|qs|querystring|cookie|number|bigint|yaml|toml|csv|papa|marked|dayjs|moment|jwt|jsonwebtoken|bcrypt|argon2)$/.test(w))) return false;
  return true;
}

function isRateLimitCall(call: Extract<Expr, { k: 'call' }>): boolean {
  const callee = call.callee;
  if (callee.k !== 'member') return callee.k === 'id' && /^(checkRateLimit|rateLimit|throttle)$/.test(callee.name);
  const words = exprWords(callee.object);
  return words.some((w) => /limit|throttl|ratelimit|limiter|bucket/.test(w));
}

/** Guards whose test mentions any of `words` (lower-case regex), in the given functions. */
export function guardsMentioning(facts: FileFacts, fns: ReadonlySet<FnId>, pattern: RegExp): Guard[] {
  return sliceOf(facts, fns).guards.filter((g) => exprWords(g.test).some((w) => pattern.test(w)));
}
