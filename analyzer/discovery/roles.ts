/**
 * Middleware roles are decided here and nowhere else, so every rule agrees on what "has auth"
 * means. Evidence is weighed in order of trust: the project's config, a known library, what the
 * function does, and finally its name.
 */
import type { Expr, FnId } from '../model/ir';
import type { Location, Middleware, MiddlewareRole, RoleSource } from '../model/route-model';
import type { ResolvedConfig } from '../config/types';
import { readBehaviour, type BehaviourHooks } from './behaviour';
import { exprName, type ProjectIndex, type Value } from './project-index';
import { callsInFileOrder } from './fn-slices';

interface LibraryRole {
  module: RegExp;
  /** Matched against the member path joined with '.', e.g. 'authenticate', '()', 'protect'. */
  member?: RegExp;
  roles: MiddlewareRole[];
}

/** Known libraries. Patterns are anchored; order matters only for readability. */
export const LIBRARY_ROLES: readonly LibraryRole[] = [
  { module: /^passport$/, member: /^authenticate$/, roles: ['auth'] },
  { module: /^express-jwt$/, roles: ['auth'] },
  { module: /^express-openid-connect$/, member: /^requiresAuth$/, roles: ['auth'] },
  // `auth()` requires login on every route unless `authRequired: false` (checked below).
  { module: /^express-openid-connect$/, member: /^auth$/, roles: ['auth'] },
  { module: /^express-openid-connect$/, member: /^claim(Equals|Includes|Check)$/, roles: ['auth', 'role-check'] },
  { module: /^@clerk\/express$/, member: /^requireAuth$/, roles: ['auth'] },
  { module: /^@clerk\/clerk-sdk-node$/, member: /^(ClerkExpressRequireAuth|requireAuth)$/, roles: ['auth'] },
  { module: /^express-oauth2-jwt-bearer$/, member: /^auth$/, roles: ['auth'] },
  { module: /^express-oauth2-jwt-bearer$/, member: /^(requiredScopes|claimEquals|claimIncludes|claimCheck)$/, roles: ['auth', 'role-check'] },
  { module: /^connect-ensure-login$/, member: /^ensureLoggedIn$/, roles: ['auth'] },
  { module: /^express-basic-auth$/, roles: ['auth'] },
  { module: /^keycloak-connect$/, member: /(^|\.)protect$/, roles: ['auth'] },
  { module: /^express-jwt-permissions$/, roles: ['role-check'] },
  { module: /^express-jwt-authz$/, roles: ['role-check'] },
  { module: /^@casl\//, roles: ['role-check'] },
  { module: /^accesscontrol$/, roles: ['role-check'] },
  { module: /^(@fastify\/|fastify-)auth$/, member: /^auth$/, roles: ['auth'] },
  { module: /^(@fastify\/|fastify-)basic-auth$/, roles: ['auth'] },
  { module: /^(@fastify\/|fastify-)bearer-auth$/, roles: ['auth'] },
  { module: /^(@fastify\/|fastify-)jwt$/, roles: ['auth'] },
  { module: /^@fastify\/passport$/, member: /^authenticate$/, roles: ['auth'] },
  { module: /^(@fastify\/|fastify-)rate-limit$/, roles: ['rate-limit'] },
  { module: /^(@fastify\/|fastify-)cors$/, roles: ['cors'] },
  { module: /^(@fastify\/|fastify-)multipart$/, roles: ['body-limit'] },
  { module: /^express-rate-limit$/, roles: ['rate-limit'] },
  { module: /^express-slow-down$/, roles: ['rate-limit'] },
  { module: /^rate-limiter-flexible$/, roles: ['rate-limit'] },
  { module: /^express-brute$/, roles: ['rate-limit'] },
  { module: /^@upstash\/ratelimit$/, roles: ['rate-limit'] },
  // Next.js auth libraries used as wrappers (`export default withApiAuthRequired(handler)`). Wrappers
  // that only attach the session (iron-session's `withIronSessionApiRoute`, Clerk's `withAuth`)
  // are known and deliberately not guards: the handler must still check.
  { module: /^@auth0\/nextjs-auth0(\/.*)?$/, member: /^(withApiAuthRequired|withMiddlewareAuthRequired|withPageAuthRequired)$/, roles: ['auth'] },
  { module: /^next-auth\/middleware$/, member: /^(withAuth)?$/, roles: ['auth'] },
  { module: /^(next-auth|@auth\/[\w-]+)(\/.*)?$/, member: /^(getServerSession|getToken|auth|getSession)$/, roles: ['unknown'] },
  { module: /^@clerk\/nextjs(\/.*)?$/, member: /^requireAuth$/, roles: ['auth'] },
  { module: /^@clerk\/nextjs(\/.*)?$/, member: /^(withAuth|withClerkMiddleware|clerkMiddleware)$/, roles: ['unknown'] },
  { module: /^@supabase\/auth-helpers-nextjs$/, member: /^(withApiAuth|withMiddlewareAuth|withPageAuth)$/, roles: ['auth'] },
  { module: /^@kinde-oss\/kinde-auth-nextjs(\/.*)?$/, member: /^withAuth$/, roles: ['auth'] },
  { module: /^iron-session(\/.*)?$/, member: /^withIronSession/, roles: ['unknown'] },
  // QStash-signed requests only: the wrapper verifies the Upstash-Signature header.
  { module: /^@upstash\/qstash(\/.*)?$/, member: /^(verifySignature|verifySignatureAppRouter|verifySignatureEdge)$/, roles: ['auth'] },
  { module: /^cors$/, roles: ['cors'] },
  // Security headers, not access control (`helmet.frameguard()` must not read as a guard by its name).
  { module: /^helmet$/, roles: ['unknown'] },
  { module: /^express$/, member: /^(json|urlencoded|raw|text)$/, roles: ['body-limit'] },
  { module: /^body-parser$/, roles: ['body-limit'] },
  { module: /^multer$/, roles: ['body-limit'] },
  { module: /^celebrate$/, member: /^celebrate$/, roles: ['validation'] },
  { module: /^express-validator$/, roles: ['validation'] },
  { module: /^express-joi-validation$/, roles: ['validation'] },
  { module: /^express-openapi-validator$/, roles: ['validation'] },
  { module: /^zod-express-middleware$/, roles: ['validation'] },
  { module: /^express-zod-safe$/, roles: ['validation'] },
  { module: /^(zod|joi|yup|ajv|class-validator|valibot|@sinclair\/typebox|superstruct)$/, roles: ['validation'] },
];

const NAME_ROLES: readonly { pattern: RegExp; roles: MiddlewareRole[] }[] = [
  { pattern: /(require|ensure|check|verify|must|is)_?(role|admin|permission|scope|staff|owner)|authori[sz]e|permit|can[A-Z]|rbac|acl|^(admin|adminOnly|onlyAdmin|isAdmin|hasRole|hasPermission|hasScope)$/i, roles: ['auth', 'role-check'] },
  { pattern: /auth(enticat)?|(requires?|ensures?|must|is)_?(user|login|logged|signed|session)|logged_?in|signed_?in|verify_?(token|jwt|session|user)|jwt|protect(ed)?|guard|session_?required|bearer/i, roles: ['auth'] },
  { pattern: /validat|schema/i, roles: ['validation'] },
  { pattern: /rate_?limit|limiter|throttl|slow_?down|brute/i, roles: ['rate-limit'] },
  { pattern: /^cors$/i, roles: ['cors'] },
];

export interface ClassifyInput {
  index: ProjectIndex;
  config: ResolvedConfig;
  /** Where the middleware expression is (file and the function scope it is written in). */
  file: string;
  fnScope: FnId;
  expr: Expr;
  at: Location;
  scope: Middleware['scope'];
  /**
   * What the expression (or the callee of a call) denotes, when the framework knows better than
   * the index: a Fastify decorator (`fastify.authenticate`) resolved to the function given to
   * `decorate`, or a plugin registered by module (`@fastify/rate-limit`).
   */
  resolved?: Value;
  /**
   * What the framework knows about calls inside the middleware (in the file given) that syntax
   * cannot tell, e.g. that a project helper it calls (`await verifySignature(req)`) ends the
   * request when unauthenticated.
   */
  behaviourHooks?: (file: string) => BehaviourHooks;
}

/** Builds a chain entry for the middleware expression `expr`, with its roles decided. */
export function describeMiddleware(input: ClassifyInput): Middleware {
  // Framework-specific inputs (a Fastify decorator's resolved value, Next's behaviour hooks) are
  // not part of the key: skip the memo for them.
  if (input.resolved || input.behaviourHooks) return computeMiddleware(input);
  const { file, fnScope, expr, at, scope } = input;
  const key = `mw:${file}:${fnScope}:${expr.span.start}:${expr.span.end}:${scope}:${at.file}:${at.span.start}:${at.span.end}`;
  const cached = input.index.memoize(key, () => computeMiddleware(input));
  // Callers may adjust their entry (a Fastify hook name): hand out a copy, never the cached object.
  return { ...cached, roles: [...cached.roles], args: [...cached.args] };
}

function computeMiddleware(input: ClassifyInput): Middleware {
  const { index, file, fnScope, expr } = input;
  const isCall = expr.k === 'call';
  const callee = isCall ? expr.callee : expr;
  const name = exprName(expr);
  const value = input.resolved ?? index.evaluate(file, callee, fnScope);
  const args = isCall ? modelArgs(expr.args, externalOrigin(index, value)?.module) : [];
  const target = resolveFunction(index, value, isCall);
  // A guard used on 100 routes of a file is 100 expressions, each memoized on its own and all
  // decided again when that file changes; what decides a plain project function's roles is its
  // name and the function (no library origin, no options to read), so that decision is shared.
  const decided =
    value.kind === 'function' && !input.resolved && !input.behaviourHooks
      ? index.memoize(`roles:${name}:${value.file}:${value.fn}`, () => decideRoles(input, name, value, target))
      : decideRoles(input, name, value, target);
  return {
    name: isCall ? `${name}(${args.map((a) => `'${a}'`).join(', ')})` : name,
    roles: decided.roles,
    roleSource: decided.source,
    args,
    at: input.at,
    definition: target ? { file: target.file, span: index.fnFacts(target.file, target.fn)?.span ?? { start: 0, end: 0 } } : undefined,
    scope: input.scope,
  };
}

/** Packages whose string arguments are secrets: `cookieParser('signing-secret')`. */
const SECRET_ARG_MODULES = /^(cookie-parser|cookie-signature|keygrip|express-basic-auth)$/;

/**
 * The literal arguments kept in the model. The model is shown as is (route table, JSON, the
 * editor's route map), and no output may hold a detected secret: a secret-taking package's
 * arguments are dropped, and an argument shaped like a key (16+ characters mixing letters and
 * digits, no spaces) is replaced by `…` — role and strategy names never look like that.
 */
function modelArgs(args: readonly Expr[], module: string | undefined): string[] {
  if (module && SECRET_ARG_MODULES.test(module)) return [];
  return args.filter((a): a is Extract<Expr, { k: 'str' }> => a.k === 'str').map((a) => (/^\S{16,}$/.test(a.value) && /[0-9]/.test(a.value) && /[A-Za-z]/.test(a.value) ? '…' : a.value));
}

interface FunctionTarget {
  file: string;
  fn: FnId;
}

/**
 * The function that runs as middleware. For a factory call (`requireRole('admin')`) it is the
 * factory: its nested functions are read with it, which covers the returned middleware.
 */
function resolveFunction(index: ProjectIndex, value: Value, _isCall: boolean): FunctionTarget | undefined {
  if (value.kind === 'function') return { file: value.file, fn: value.fn };
  // `const guard = wrap(async (req, res, next) => …)` or `const requireAuth = createGuard(...)`: a
  // variable holding a call's result; read the inline function argument when there is one.
  if (value.kind === 'expr' && value.expr.k === 'call') {
    for (const arg of value.expr.args) if (arg.k === 'fn') return { file: value.file, fn: arg.fn };
  }
  return undefined;
}

/** The external module a middleware comes from, following `const limiter = rateLimit({...})`. */
function externalOrigin(index: ProjectIndex, value: Value, depth = 0): { module: string; member: string } | undefined {
  if (value.kind === 'external') return { module: value.module, member: value.path.join('.') || 'default' };
  if (depth > 4) return undefined;
  if (value.kind === 'expr' && value.expr.k === 'call') {
    const inner = index.evaluate(value.file, value.expr.callee, value.fnScope);
    const origin = externalOrigin(index, inner, depth + 1);
    if (origin) return { module: origin.module, member: `${origin.member}.()` };
  }
  if (value.kind === 'expr' && value.expr.k === 'member') {
    const base = index.evaluate(value.file, value.expr.object, value.fnScope);
    const origin = externalOrigin(index, base, depth + 1);
    if (origin) return { module: origin.module, member: `${origin.member}.${value.expr.name}` };
  }
  return undefined;
}

/** The external module behind a middleware expression, if any (`helmet()`, `limiter` → express-rate-limit). */
export function middlewareOrigin(index: ProjectIndex, file: string, fnScope: FnId, expr: Expr): { module: string; member: string } | undefined {
  const callee = expr.k === 'call' ? expr.callee : expr;
  return externalOrigin(index, index.evaluate(file, callee, fnScope));
}

function decideRoles(input: ClassifyInput, name: string, value: Value, target: FunctionTarget | undefined): { roles: MiddlewareRole[]; source: RoleSource | undefined } {
  const { config, index } = input;
  const bareName = name.split('.').pop() ?? name;
  const origin = externalOrigin(index, value);

  // 1. The project's own config, by name or by module.
  const configured = (list: string[]) => list.some((entry) => entry === name || entry === bareName || (origin && (entry === origin.module || entry === `${origin.module}#${origin.member}`)) || (target && entry === target.file));
  const fromConfig: MiddlewareRole[] = [];
  if (configured(config.authGuards)) fromConfig.push('auth');
  if (configured(config.roleChecks)) fromConfig.push('auth', 'role-check');
  if (configured(config.validators)) fromConfig.push('validation');
  if (configured(config.rateLimiters)) fromConfig.push('rate-limit');
  if (fromConfig.length > 0) return { roles: unique(fromConfig), source: 'config' };

  // 2. A known library — unless its options switch enforcement off (`credentialsRequired: false`).
  if (origin && (isOptionalAuth(index, value) || isOptionalAuth(index, { kind: 'expr', file: input.file, fnScope: input.fnScope, expr: input.expr }))) {
    return { roles: ['unknown'], source: 'library' };
  }
  if (origin) {
    const memberHead = origin.member.replace(/\.\(\)$/, '').replace(/^default$/, '');
    for (const lib of LIBRARY_ROLES) {
      if (!lib.module.test(origin.module)) continue;
      if (lib.member && !lib.member.test(memberHead) && !lib.member.test(origin.member)) continue;
      return { roles: [...lib.roles], source: 'library' };
    }
  }

  // A guard the project itself names optional (`authenticate_optional`, `optionalAuth`,
  // `maybeAuth`) lets anonymous requests through by design, whatever it reads: a Fastify
  // `try { await request.jwtVerify() } catch {}` looks like a check but enforces nothing.
  if (/optional|^maybe_?auth|^soft_?auth/i.test(bareName)) return { roles: ['unknown'], source: 'name' };

  // 3. What the function does.
  if (target) {
    const facts = index.get(target.file);
    if (facts) {
      const fns = withSameFileHelpers(index, target.file, index.functionAndDescendants(target.file, target.fn));
      const requestNames = new Set<string>();
      for (const id of fns) {
        const first = facts.functions[id]?.params[0]?.name;
        if (first) requestNames.add(first);
      }
      const behaviour = readBehaviour(facts, fns, requestNames, input.behaviourHooks?.(target.file));
      const roles: MiddlewareRole[] = [];
      if (behaviour.authCheck) roles.push('auth');
      if (behaviour.roleCheck) roles.push('auth', 'role-check');
      if (behaviour.validation) roles.push('validation');
      if (behaviour.rateLimit) roles.push('rate-limit');
      if (roles.length > 0) return { roles: unique(roles), source: 'behaviour' };
    }
  }

  // 4. The name, as a last resort.
  for (const { pattern, roles } of NAME_ROLES) {
    if (pattern.test(bareName)) return { roles: [...roles], source: 'name' };
  }
  return { roles: ['unknown'], source: undefined };
}

/** express-jwt `credentialsRequired: false`, express-openid-connect `authRequired: false`: authentication is optional. */
function isOptionalAuth(index: ProjectIndex, value: Value, depth = 0): boolean {
  if (depth > 4 || value.kind !== 'expr') return false;
  const e = value.expr;
  if (e.k === 'call') {
    return e.args.some((a) => a.k === 'obj' && a.props.some((p) => (p.key === 'credentialsRequired' || p.key === 'authRequired') && p.value.k === 'bool' && !p.value.value));
  }
  if (e.k === 'id' || e.k === 'member') {
    const next = index.evaluate(value.file, e, value.fnScope);
    return next.kind === 'expr' && next.expr !== e && isOptionalAuth(index, next, depth + 1);
  }
  return false;
}

/**
 * The functions plus the same-file functions they call by name, one hop: a guard factory that hands
 * its check to a helper (`passport.authenticate('jwt', verifyCallback(req, resolve, reject, rights))`)
 * behaves like the helper.
 */
function withSameFileHelpers(index: ProjectIndex, file: string, fns: ReadonlySet<FnId>): Set<FnId> {
  const out = new Set(fns);
  const facts = index.get(file);
  if (!facts) return out;
  for (const call of callsInFileOrder(facts, fns)) {
    if (call.expr.callee.k !== 'id') continue;
    const value = index.evaluate(file, call.expr.callee, call.fn);
    if (value.kind !== 'function' || value.file !== file || out.has(value.fn)) continue;
    for (const id of index.functionAndDescendants(file, value.fn)) out.add(id);
  }
  return out;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
