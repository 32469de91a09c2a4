import type { Expr, FileFacts, FnId, Span } from '../analyzer/model/ir';
import { TOP_LEVEL } from '../analyzer/model/ir';
import type { Fix, Severity, TextEdit } from '../analyzer/model/finding';
import type { Route } from '../analyzer/model/route-model';
import { defineRule, type RuleContext } from './utils/define-rule';
import {
  callsTo,
  calleeName,
  descendantsOf,
  findProp,
  mentionsName,
  projectImports,
  resolveModuleMember,
  resolveValue,
  rootName,
  scopeChain,
  walkExpr,
  type CallExpr,
  type Resolved,
  sortedFiles,
  importsModule,
  filesImporting,
} from './utils/calls';
import { addPropsEdit, removePropEdit } from './utils/object-edits';
import { enclosingRoute } from './utils/enclosing-route';
import { pathSegments } from './utils/route-predicates';
import { isTestFile } from './utils/test-files';
import { filesToScan, routesToCheck } from './utils/scope';

type Kind = 'decode-for-access' | 'alg-none' | 'no-algorithms-public-key' | 'ignore-expiration' | 'no-expiry' | 'logout-keeps-token';

interface State {
  kind: Kind;
  file: string;
  span: Span;
  /** `jwt.decode`, `jwt.sign`, `new SignJWT(…).sign`. */
  api: string;
  /** What the decoded value decides, for the message: `an if`, `req.user`. */
  detail: string | undefined;
  route: Route | undefined;
  edits: TextEdit[] | undefined;
}

const JWT_MODULES = ['jsonwebtoken', 'jose', 'jws', '@fastify/jwt', 'fastify-jwt'];
/** Any of these in the project means tokens are in use (for the logout check). */
const TOKEN_MODULES = ['jsonwebtoken', 'jose', 'express-jwt', '@fastify/jwt', 'fastify-jwt', 'passport-jwt', 'jwks-rsa', 'express-oauth2-jwt-bearer'];
const PUBLIC_KEY_HINT = /public|\.pem\b|(^|[^a-z])pem|jwks|\.pub\b|pubkey|cert|x509|spki|getkey|signingkey|secretorpublickey|\.crt\b/i;
const DEFAULT_EXPIRY = "'1h'";
const SEVERITY: Record<Kind, Severity> = {
  'decode-for-access': 'critical',
  'alg-none': 'critical',
  'no-algorithms-public-key': 'high',
  'ignore-expiration': 'high',
  'no-expiry': 'high',
  'logout-keeps-token': 'medium',
};

export default defineRule<State>({
  id: 'jwt-misuse',
  incremental: true,
  meta: {
    summary: 'JWTs are trusted without verification, verified with unsafe options, issued without expiry, or left valid after logout.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-347', 'CWE-345', 'CWE-613'],
    owaspApi: ['API2:2023'],
    fix: 'unsafe',
  },

  // Whether the project issues tokens at all (the logout check), and @fastify/jwt's registration
  // (its defaults decide findings at every jwt.sign of the project).
  projectInputs: (ctx) => `${projectImports(ctx, TOKEN_MODULES)}\n${fastifyJwtRegistrations(ctx).join('\n')}`,

  *detect(ctx) {
    for (const found of callsTo(ctx, JWT_MODULES, (origin) => origin.path.length > 0, filesToScan(ctx))) {
      const { file, facts, site, call, origin } = found;
      if (facts.directives.includes('use client') || isTestFile(file)) continue;
      const member = origin.path[origin.path.length - 1]!;
      if (origin.module === 'jsonwebtoken' && member === 'decode') yield* checkDecode(ctx, file, facts, site.fn, call, 'jwt.decode');
      else if (origin.module === 'jws' && member === 'decode') yield* checkDecode(ctx, file, facts, site.fn, call, 'jws.decode');
      else if (origin.module === 'jose' && (member === 'decodeJwt' || (origin.path.join('.') === 'UnsecuredJWT.decode'))) yield* checkDecode(ctx, file, facts, site.fn, call, member === 'decodeJwt' ? 'decodeJwt' : 'UnsecuredJWT.decode');
      else if (origin.module === 'jsonwebtoken' && member === 'verify') yield* checkVerify(ctx, file, site.fn, call);
      else if (origin.module === 'jsonwebtoken' && member === 'sign') yield* checkSign(ctx, file, site.fn, call, call.args[0], call.args[2] && call.args[2].k !== 'fn' ? call.args[2] : undefined, call.args[1], 'jwt.sign');
    }
    // jose's builder: the `.sign()` callee hangs off a `new SignJWT(…)` chain, not off an import.
    for (const file of filesToScan(ctx)) {
      const facts = ctx.files.get(file)!;
      if (!facts.imports.some((i) => i.source === 'jose') || isTestFile(file)) continue;
      for (const site of facts.calls) if (calleeName(site.expr) === 'sign' && site.expr.callee.k === 'member') yield* checkJoseSign(ctx, file, facts, site.fn, site.expr);
    }
    yield* checkFastifyJwt(ctx);
    if (projectImports(ctx, TOKEN_MODULES)) yield* checkLogout(ctx);
  },

  report(state) {
    const where = state.route ? ` in ${state.route.method} ${state.route.path}` : '';
    let message: string;
    switch (state.kind) {
      case 'decode-for-access':
        message = `${state.api}() only base64-decodes the token; it does not check the signature. Its result decides ${state.detail ?? 'access'}${where}, so anyone can forge a token with any claims. Use jwt.verify() (or jose's jwtVerify) with the key and an explicit algorithms list.`;
        break;
      case 'alg-none':
        message = `${state.api === '@fastify/jwt' ? 'The @fastify/jwt verify options' : `jwt.verify()${where}`} accept${state.api === '@fastify/jwt' ? '' : 's'} the 'none' algorithm: an unsigned token with any claims passes. Remove 'none' and list only the algorithm you sign with, e.g. algorithms: ['RS256'].`;
        break;
      case 'no-algorithms-public-key':
        message = `jwt.verify()${where} checks the token with a public key but lists no algorithms: the token's own header picks the algorithm, which opens algorithm-confusion attacks (an HS256 token "signed" with the public key). Pass algorithms: ['RS256'] (or the one you use).`;
        break;
      case 'ignore-expiration':
        message = `${state.api === '@fastify/jwt' ? 'The @fastify/jwt verify options set' : `jwt.verify()${where} is called with`} ignoreExpiration: true, so expired and stolen tokens stay valid forever. Remove the option; refresh tokens instead of ignoring expiry.`;
        break;
      case 'no-expiry':
        message = `${state.api}()${where} issues a token with no expiry (no expiresIn and no exp claim): once issued or stolen it stays valid forever. Give it a short lifetime, e.g. ${state.api.includes('SignJWT') ? ".setExpirationTime('15m')" : "expiresIn: '15m'"} for access tokens, and refresh it.`;
        break;
      case 'logout-keeps-token':
        message = `${state.route ? `${state.route.method} ${state.route.path}` : 'This logout handler'} logs out without revoking anything: it neither destroys the session, clears the auth cookie nor revokes or deny-lists the token, so a token copied before logout keeps working until it expires. Clear the cookie and revoke the token (deny-list its jti or bump a token version) on logout.`;
        break;
    }
    return { message, location: { file: state.file, span: state.span }, severity: SEVERITY[state.kind], routeKey: state.route?.key };
  },

  fix(state): Fix | undefined {
    if (!state.edits) return undefined;
    if (state.kind === 'no-expiry') return { title: `Give the token an expiry (expiresIn: ${DEFAULT_EXPIRY}; adjust to your session policy)`, kind: 'unsafe', edits: state.edits };
    if (state.kind === 'ignore-expiration') return { title: 'Stop ignoring token expiry', kind: 'unsafe', edits: state.edits };
    return undefined;
  },
});

// ---------------------------------------------------------------- decode

/**
 * `jwt.decode(token)` deciding access: its result (or a name bound from it) is tested by an `if`,
 * stored on the request (`req.user = …`), used to look a user up, or returned from a function
 * named like an identity getter. Not reported when the same function also verifies the token
 * (decoding first to read `kid` is normal).
 */
function* checkDecode(ctx: RuleContext, file: string, facts: FileFacts, fn: FnId, call: CallExpr, api: string): Generator<State> {
  const outer = outermostFunction(facts, fn);
  const scope = outer === TOP_LEVEL ? new Set([TOP_LEVEL]) : descendantsOf(facts, outer);
  if (verifiesIn(facts, scope, fn)) return;
  const names = new Set<string>();
  /** Names bound to one claim (`const { role } = jwt.decode(t)` → role ↦ 'role'). */
  const claimNames = new Map<string, string>();
  for (const decl of facts.decls) {
    if (!decl.init || !scope.has(decl.fn) || !holdsCall(decl.init, call)) continue;
    const viaMember = decl.init.k === 'member' || (decl.init.k === 'await' && decl.init.expr.k === 'member');
    for (const n of decl.names) {
      names.add(n.name);
      const claim = n.path[0] === 'payload' ? n.path[1] : n.path[0];
      if (claim !== undefined) claimNames.set(n.name, claim);
      else if (viaMember) claimNames.set(n.name, memberTail(decl.init));
    }
  }
  const mentions = (e: Expr | undefined) => containsCall(e, call) || [...names].some((n) => mentionsName(e, n));
  let detail: string | undefined;
  for (const guard of facts.guards) {
    if (!scope.has(guard.fn) || !mentions(guard.test)) continue;
    // An expiry-only test decides access when its branch denies (401/403, redirect, throw); a token
    // cache that checks `exp` before reusing a token it fetched itself does not.
    const denies = [guard.then, guard.else].some((b) => b && (b.redirects || b.throws || b.statuses.some((st) => st === 401 || st === 403)));
    // `if (!decoded)` / `typeof decoded` only checks that it parsed; that alone decides nothing.
    const reads = claimsTested(guard.test, names, claimNames, call);
    if (reads === 'claims' || (reads === 'timestamps' && denies)) {
      detail = 'an access check (an if on its claims)';
      break;
    }
  }
  if (!detail) {
    for (const a of facts.assignments) {
      if (!scope.has(a.fn) || !mentions(a.value)) continue;
      const root = rootName(a.target);
      if (a.target.k === 'member' && root && /^(req|request|res|ctx|context)$/.test(root)) {
        detail = `who the caller is (${memberText(a.target)})`;
        break;
      }
    }
  }
  if (!detail) {
    for (const site of facts.calls) {
      if (!scope.has(site.fn) || site.expr === call) continue;
      const name = calleeName(site.expr) ?? '';
      if (/^(find|get|load|fetch|select|where|lookup)/i.test(name) && site.expr.args.some(mentions)) {
        detail = `which account is loaded (${name}())`;
        break;
      }
    }
  }
  if (!detail) {
    for (const r of facts.returns) {
      const owner = facts.functions[r.fn];
      if (scope.has(r.fn) && owner?.name && IDENTITY_GETTER.test(owner.name) && mentions(r.expr)) {
        detail = `the identity ${owner.name}() returns`;
        break;
      }
    }
  }
  if (!detail) return;
  yield { kind: 'decode-for-access', file, span: call.span, api, detail, route: enclosingRoute(ctx, file, fn), edits: undefined };
}

const TIMESTAMP_CLAIM = /^(exp|iat|nbf|expires|expiresAt)$/;
/** `getUserFromToken`, `getCurrentUser`, `resolveSession`, `currentUser`, `authenticate`: functions that say who the caller is. */
const IDENTITY_GETTER = /^((get|load|resolve|extract|read|find)_?(current|session|auth|authenticated|request|logged_?in)?_?(user|identity|principal|account|session|caller|viewer|claims|auth)|(current|session|auth)_?(user|identity|principal)|authenticate|whoami)/i;

/**
 * What an `if` test reads of the decoded token: a claim (`role`, `sub`, `payload.scope`), only
 * timestamps (`exp`, `iat`, `nbf`), or only its shape (`!decoded`, `typeof decoded`, `decoded.header`).
 */
function claimsTested(test: Expr, names: Set<string>, claimNames: Map<string, string>, call: CallExpr): 'claims' | 'timestamps' | 'shape' {
  let claims = false;
  let timestamps = false;
  const note = (claim: string | undefined) => {
    if (claim === undefined || claim === 'header' || claim === 'signature') return;
    if (TIMESTAMP_CLAIM.test(claim)) timestamps = true;
    else claims = true;
  };
  walkExpr(test, (e) => {
    if (e.k === 'member' || (e.k === 'call' && e.span.start === call.span.start && e.span.end === call.span.end) || e.k === 'id') {
      const path: string[] = [];
      let cur: Expr = e;
      while (cur.k === 'member') {
        path.unshift(cur.name);
        cur = cur.object;
      }
      const isDecoded = (cur.k === 'call' && cur.span.start === call.span.start && cur.span.end === call.span.end) || (cur.k === 'id' && names.has(cur.name));
      if (!isDecoded) return true;
      const bound = cur.k === 'id' ? claimNames.get(cur.name) : undefined;
      if (bound !== undefined) note(bound);
      else note(path[0] === 'payload' ? path[1] : path[0]);
      return false;
    }
    return true;
  });
  return claims ? 'claims' : timestamps ? 'timestamps' : 'shape';
}

function memberTail(expr: Expr): string {
  const e = expr.k === 'await' ? expr.expr : expr;
  return e.k === 'member' ? e.name : '';
}

function outermostFunction(facts: FileFacts, fn: FnId): FnId {
  const chain = scopeChain(facts, fn);
  return chain.length >= 2 ? chain[chain.length - 2]! : TOP_LEVEL;
}

/** A verification in the same function: jsonwebtoken/jose verify, `request.jwtVerify()`, or a helper named verify*. */
function verifiesIn(facts: FileFacts, scope: ReadonlySet<FnId>, fn: FnId): boolean {
  return facts.calls.some((site) => {
    if (!scope.has(site.fn) && site.fn !== fn) return false;
    const name = calleeName(site.expr) ?? '';
    if (/verify|jwtDecrypt/i.test(name)) return true;
    const origin = resolveModuleMember(facts, site.expr.callee, site.fn);
    return origin?.module === 'jose' && /^(jwtVerify|jwtDecrypt|compactVerify)$/.test(origin.path.join('.'));
  });
}

/** `jwt.decode(t)`, `await jwt.decode(t)`, `jwt.decode(t) as Claims`, `jwt.decode(t)?.sub`. */
function holdsCall(init: Expr, call: CallExpr): boolean {
  let cur: Expr = init;
  for (let i = 0; i < 8; i++) {
    if (cur === call || (cur.k === 'call' && cur.span.start === call.span.start && cur.span.end === call.span.end)) return true;
    if (cur.k === 'await') cur = cur.expr;
    else if (cur.k === 'member') cur = cur.object;
    else if (cur.k === 'bin' && (cur.op === '||' || cur.op === '??')) cur = cur.left;
    else return false;
  }
  return false;
}

function containsCall(expr: Expr | undefined, call: CallExpr): boolean {
  let found = false;
  walkExpr(expr, (e) => {
    if (found) return false;
    if (e.k === 'call' && e.span.start === call.span.start && e.span.end === call.span.end) found = true;
    return !found;
  });
  return found;
}

function memberText(expr: Expr): string {
  if (expr.k === 'id') return expr.name;
  if (expr.k === 'member') return `${memberText(expr.object)}.${expr.name}`;
  return '…';
}

// ---------------------------------------------------------------- verify

function* checkVerify(ctx: RuleContext, file: string, fn: FnId, call: CallExpr): Generator<State> {
  const route = enclosingRoute(ctx, file, fn);
  const base = { file, api: 'jwt.verify', detail: undefined, route };
  const optionsArg = call.args[2] && call.args[2].k !== 'fn' ? call.args[2] : undefined;
  const options = optionsArg ? resolveValue(ctx, file, optionsArg, fn) : undefined;
  if (options && options.expr.k !== 'obj') return;
  const obj = options?.expr.k === 'obj' ? options.expr : undefined;
  const algorithms = obj ? findProp(obj, 'algorithms') : undefined;
  if (algorithms && options) {
    const list = resolveValue(ctx, options.file, algorithms.value, options.fn).expr;
    if (list.k === 'arr') {
      for (const item of list.items) {
        const value = resolveValue(ctx, options.file, item, options.fn).expr;
        if (value.k === 'str' && value.value.toLowerCase() === 'none') yield { ...base, kind: 'alg-none', file: options.file, span: item.span, edits: undefined };
      }
    }
  } else if (!obj?.props.some((p) => p.spread) && call.args[1] && keyLooksPublic(ctx, file, fn, call.args[1])) {
    yield { ...base, kind: 'no-algorithms-public-key', span: call.span, edits: undefined };
  }
  const ignore = obj ? findProp(obj, 'ignoreExpiration') : undefined;
  if (ignore && options) {
    const value = resolveValue(ctx, options.file, ignore.value, options.fn).expr;
    if (value.k === 'bool' && value.value) {
      const text = ctx.getText(options.file);
      yield { ...base, kind: 'ignore-expiration', file: options.file, span: ignore.span, edits: text && obj ? [removePropEdit(text, options.file, obj, ignore)] : undefined };
    }
  }
}

/** The key reads like a public key: `publicKey`, `fs.readFileSync('keys/public.pem')`, `getKey` (jwks-rsa). */
function keyLooksPublic(ctx: RuleContext, file: string, fn: FnId, key: Expr): boolean {
  const words: string[] = [];
  const collect = (e: Expr) =>
    walkExpr(e, (x) => {
      if (x.k === 'id') words.push(x.name);
      if (x.k === 'member') words.push(x.name);
      if (x.k === 'str') words.push(x.value);
      if (x.k === 'tpl') words.push(...x.quasis);
    });
  collect(key);
  const resolved = resolveValue(ctx, file, key, fn);
  if (resolved.expr !== key) collect(resolved.expr);
  return words.some((w) => PUBLIC_KEY_HINT.test(w));
}

// ---------------------------------------------------------------- sign

function* checkSign(ctx: RuleContext, file: string, fn: FnId, call: CallExpr, payloadArg: Expr | undefined, optionsArg: Expr | undefined, insertAfter: Expr | undefined, api: string, defaults?: Resolved): Generator<State> {
  if (!payloadArg) return;
  if (insertAfter && api === 'jwt.sign' && maxAgeKeys(ctx).has(keyText(ctx, file, insertAfter))) return;
  const payload = resolveValue(ctx, file, payloadArg, fn);
  // Only object-literal payloads are judged: a payload built elsewhere may carry its own `exp`.
  if (payload.expr.k !== 'obj' || hasExp(ctx, payload)) return;
  if (defaults && hasKey(ctx, defaults, 'expiresIn')) return;
  let edit: TextEdit | undefined;
  if (optionsArg) {
    const options = resolveValue(ctx, file, optionsArg, fn);
    if (options.expr.k !== 'obj') return;
    if (hasKey(ctx, options, 'expiresIn') || hasKey(ctx, options, 'exp')) return;
    if (options.expr.props.some((p) => p.spread)) return;
    const text = ctx.getText(options.file);
    edit = text ? addPropsEdit(text, options.file, options.expr, [`expiresIn: ${DEFAULT_EXPIRY}`]) : undefined;
  } else if (insertAfter) {
    edit = { file, start: insertAfter.span.end, end: insertAfter.span.end, text: `, { expiresIn: ${DEFAULT_EXPIRY} }` };
  }
  yield { kind: 'no-expiry', file, span: call.span, api, detail: undefined, route: enclosingRoute(ctx, file, fn), edits: edit ? [edit] : undefined };
}

/** `exp`, or an expiry claim the application checks itself (`expiresAt`, `validUntil`). */
const EXPIRY_CLAIM = /^(exp|expires|expiresAt|expires_at|expiry|expiration|expirationDate|validUntil|valid_until)$/i;

function hasExp(ctx: RuleContext, payload: Resolved): boolean {
  if (payload.expr.k !== 'obj') return false;
  if (payload.expr.props.some((p) => !p.spread && p.key !== undefined && EXPIRY_CLAIM.test(p.key))) return true;
  // A spread we cannot read might carry `exp`; one we can read is checked.
  return payload.expr.props.some((p) => {
    if (!p.spread) return false;
    const inner = resolveValue(ctx, payload.file, p.value, payload.fn);
    return inner.expr.k !== 'obj' ? mentionsExp(p.value) : hasExp(ctx, inner);
  });
}

function mentionsExp(expr: Expr): boolean {
  let found = false;
  walkExpr(expr, (e) => !(found ||= (e.k === 'id' || e.k === 'member') && /exp/i.test(e.k === 'id' ? e.name : e.name)));
  return found;
}

function hasKey(ctx: RuleContext, obj: Resolved, key: string, depth = 0): boolean {
  if (obj.expr.k !== 'obj' || depth > 4) return false;
  if (findProp(obj.expr, key)) return true;
  return obj.expr.props.some((p) => p.spread && hasKey(ctx, resolveValue(ctx, obj.file, p.value, obj.fn), key, depth + 1));
}

const maxAgeCache = new WeakMap<object, Set<string>>();

/**
 * Keys (as written) that some `jwt.verify(token, key, { maxAge })` uses: tokens signed with the same
 * key are bounded by their `iat` when verified, so signing them without `exp` is deliberate.
 */
function maxAgeKeys(ctx: RuleContext): Set<string> {
  let keys = maxAgeCache.get(ctx);
  if (!keys) {
    keys = new Set();
    for (const found of callsTo(ctx, ['jsonwebtoken'], (origin) => origin.path[origin.path.length - 1] === 'verify')) {
      const [, key, optionsArg] = found.call.args;
      const options = optionsArg ? resolveValue(ctx, found.file, optionsArg, found.site.fn) : undefined;
      if (key && options?.expr.k === 'obj' && findProp(options.expr, 'maxAge')) keys.add(keyText(ctx, found.file, key));
    }
    maxAgeCache.set(ctx, keys);
  }
  return keys;
}

function keyText(ctx: RuleContext, file: string, key: Expr): string {
  return (ctx.getText(file)?.slice(key.span.start, key.span.end) ?? '').replace(/\s+/g, '');
}

/** jose: `new SignJWT(payload)…sign(key)` without `.setExpirationTime(…)` in the chain (or `exp` in the payload). */
function* checkJoseSign(ctx: RuleContext, file: string, facts: FileFacts, fn: FnId, call: CallExpr): Generator<State> {
  if (call.callee.k !== 'member') return;
  let cur: Expr = call.callee.object;
  let payload: Expr | undefined;
  for (let i = 0; i < 16; i++) {
    if (cur.k !== 'call') return;
    if (cur.isNew) {
      const origin = resolveModuleMember(facts, cur.callee, fn);
      if (origin?.module !== 'jose' || origin.path.join('.') !== 'SignJWT') return;
      payload = cur.args[0] ?? { k: 'obj', props: [], span: cur.span };
      break;
    }
    if (cur.callee.k !== 'member') return;
    if (cur.callee.name === 'setExpirationTime') return;
    cur = cur.callee.object;
  }
  if (!payload) return;
  const resolved = resolveValue(ctx, file, payload, fn);
  if (resolved.expr.k !== 'obj' || hasExp(ctx, resolved)) return;
  const object = call.callee.object;
  yield {
    kind: 'no-expiry',
    file,
    span: call.span,
    api: 'new SignJWT(…).sign',
    detail: undefined,
    route: enclosingRoute(ctx, file, fn),
    edits: [{ file, start: object.span.end, end: object.span.end, text: `.setExpirationTime(${DEFAULT_EXPIRY})` }],
  };
}

/**
 * @fastify/jwt: `register(fastifyJwt, { sign: { expiresIn }, verify: { … } })` sets defaults;
 * `fastify.jwt.sign(payload, opts)` and `reply.jwtSign(payload, opts)` issue tokens.
 */
const FASTIFY_JWT_MODULES = ['@fastify/jwt', 'fastify-jwt'];

/** `register(fastifyJwt, …)` calls of the project, as `file:start-end text`. */
function fastifyJwtRegistrations(ctx: RuleContext): string[] {
  return [...fastifyJwtRegisterCalls(ctx)].map(({ file, call }) => `${file}:${call.span.start}-${call.span.end} ${ctx.getText(file)?.slice(call.span.start, call.span.end) ?? ''}`);
}

/** Every `register(fastifyJwt, …)` call, in file order. */
function* fastifyJwtRegisterCalls(ctx: RuleContext): Generator<{ file: string; fn: FnId; call: CallExpr }> {
  // The plugin is resolved through the file's own imports.
  for (const file of filesImporting(ctx, FASTIFY_JWT_MODULES)) {
    const facts = ctx.files.get(file)!;
    for (const site of facts.calls) {
      const call = site.expr;
      if (call.callee.k !== 'member' || call.callee.name !== 'register' || !call.args[0]) continue;
      const plugin = resolveModuleMember(facts, call.args[0], site.fn);
      if (plugin && FASTIFY_JWT_MODULES.includes(plugin.module)) yield { file, fn: site.fn, call };
    }
  }
}

function* checkFastifyJwt(ctx: RuleContext): Generator<State> {
  let signDefaults: Resolved | undefined;
  let registered = false;
  for (const { file, fn, call } of fastifyJwtRegisterCalls(ctx)) {
    registered = true;
    if (!call.args[1]) continue;
    const options = resolveValue(ctx, file, call.args[1], fn);
    if (options.expr.k !== 'obj') continue;
    const sign = findProp(options.expr, 'sign');
    if (sign) signDefaults = resolveValue(ctx, options.file, sign.value, options.fn);
    const verify = findProp(options.expr, 'verify');
    if (verify) {
      const v = resolveValue(ctx, options.file, verify.value, options.fn);
      if (v.expr.k === 'obj') {
        const ignore = findProp(v.expr, 'ignoreExpiration');
        const text = ctx.getText(v.file);
        if (ignore?.value.k === 'bool' && ignore.value.value) yield { kind: 'ignore-expiration', file: v.file, span: ignore.span, api: '@fastify/jwt', detail: undefined, route: undefined, edits: text ? [removePropEdit(text, v.file, v.expr, ignore)] : undefined };
        const algorithms = findProp(v.expr, 'algorithms');
        if (algorithms?.value.k === 'arr') {
          for (const item of algorithms.value.items) if (item.k === 'str' && item.value.toLowerCase() === 'none') yield { kind: 'alg-none', file: v.file, span: item.span, api: '@fastify/jwt', detail: undefined, route: undefined, edits: undefined };
        }
      }
    }
  }
  if (!registered) return;
  for (const file of filesToScan(ctx)) {
    if (isTestFile(file)) continue;
    const facts = ctx.files.get(file)!;
    for (const site of facts.calls) {
      const callee = site.expr.callee;
      if (callee.k !== 'member') continue;
      const isJwtSign = callee.name === 'sign' && callee.object.k === 'member' && callee.object.name === 'jwt';
      const isReplySign = callee.name === 'jwtSign';
      if (!isJwtSign && !isReplySign) continue;
      yield* checkSign(ctx, file, site.fn, site.expr, site.expr.args[0], site.expr.args[1] && site.expr.args[1].k !== 'fn' ? site.expr.args[1] : undefined, site.expr.args[0], isReplySign ? 'reply.jwtSign' : 'jwt.sign', signDefaults);
    }
  }
}

// ---------------------------------------------------------------- logout

const LOGOUT_SEGMENT = /^(logout|log-out|signout|sign-out|logoff|log-off)$/i;
const LOGOUT_NAME = /log_?out|sign_?out|log_?off/i;
/** Calls that end a session or revoke a token, by name. */
const REVOKES = /^(destroy|regenerate|logout|logOut|signOut|signout|clearCookie|revoke\w*|invalidate\w*|blacklist\w*|blocklist\w*|denylist\w*|deny\w*|ban\w*|expire\w*|del|delete\w*|remove\w*|destroy\w*|unset|findByIdAndDelete|findOneAndDelete|update\w*|increment\w*)$/i;
const REVOCATION_STORE = /black|block|deny|revok|logout|session|refresh/i;

function* checkLogout(ctx: RuleContext): Generator<State> {
  const seen = new Set<string>();
  for (const route of routesToCheck(ctx)) {
    if (!route.handlerFn || isTestFile(route.registration.file)) continue;
    const segments = pathSegments(route.path);
    const last = segments[segments.length - 1] ?? '';
    const facts = ctx.files.get(route.handlerFn.file);
    const handler = facts?.functions[route.handlerFn.fn];
    if (!facts || !handler) continue;
    if (!LOGOUT_SEGMENT.test(last) && !(handler.name && LOGOUT_NAME.test(handler.name))) continue;
    if (route.method === 'GET' && !LOGOUT_SEGMENT.test(last)) continue;
    const key = `${route.handlerFn.file}:${route.handlerFn.fn}:${route.registration.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (revokesSomething(facts, descendantsOf(facts, route.handlerFn.fn))) continue;
    // A logout guarded by a library that ends sessions itself (passport's req.logout is a call, so counted above).
    yield { kind: 'logout-keeps-token', file: route.registration.file, span: route.registration.span, api: 'logout', detail: undefined, route, edits: undefined };
  }
}

function revokesSomething(facts: FileFacts, fns: ReadonlySet<FnId>): boolean {
  for (const site of facts.calls) {
    if (!fns.has(site.fn)) continue;
    const call = site.expr;
    const name = calleeName(call) ?? '';
    if (REVOKES.test(name)) return true;
    // `res.cookie('token', '', { maxAge: 0 })` clears the cookie.
    if (name === 'cookie' && call.args[1]?.k === 'str' && call.args[1].value === '') return true;
    // `denylist.add(jti)`, `redis.set(`bl:${jti}`, 1)`, `revokedTokens.push(token)`.
    const object = call.callee.k === 'member' ? call.callee.object : undefined;
    const objectName = object ? (object.k === 'id' ? object.name : object.k === 'member' ? object.name : '') : '';
    if (REVOCATION_STORE.test(objectName)) return true;
    const keyText = call.args[0]?.k === 'str' ? call.args[0].value : call.args[0]?.k === 'tpl' ? call.args[0].quasis.join('') : '';
    if (/^(set|setex|sadd|add|push|insert\w*|create\w*|save)$/i.test(name) && /black|block|deny|revok|\bbl[:_]|logout/i.test(keyText)) return true;
  }
  for (const a of facts.assignments) {
    if (!fns.has(a.fn)) continue;
    const target = a.target;
    // `req.session = null`, `user.tokenVersion += 1`, `user.refreshToken = null`.
    if (target.k === 'member' && /session|tokenVersion|refreshToken|revoked|jti/i.test(target.name)) return true;
  }
  return false;
}
