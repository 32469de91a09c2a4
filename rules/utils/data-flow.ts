/**
 * Where a value in a route handler comes from, read from file facts only: the request body (whole
 * or one field), the query string, a path parameter, the current user or tenant, or the result of
 * a schema validation. Framework-neutral: the request is the handler's first parameter whatever
 * its name (`req`, `request`), the body is `req.body`, `request.body`, `await request.json()` or
 * `formData()`, and Next.js path parameters come from the second parameter (`{ params }`).
 *
 * The analysis is a small forward pass over the handler's declarations (the handler and the
 * functions nested in it): each local name gets the labels of its initializer, and `labelsOf`
 * answers for any expression. It is deliberately simple (no branches, no calls into other
 * functions); every walk is depth-bounded.
 */
import type { Expr, FileFacts, FnId, FunctionFacts } from '../../analyzer/model/ir';
import type { Route } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import { isSchemaValidation } from '../../analyzer/discovery/behaviour';
import { descendantsOf, itemsIn, walkExpr } from './calls';
import { looksLikeDataAccess } from './persistence';

/**
 * - `body`: the whole request body (every key the client sent): `req.body`, `await req.json()`,
 *   `{ ...req.body }`, a name bound to one of those.
 * - `body-field`: something read from the body (`req.body.email`, `const { email } = req.body`).
 * - `query`: the query string or a field of it (`req.query.q`, `searchParams.get('q')`).
 * - `params` / `param`: the path-parameter object / one path parameter (`req.params.id`).
 * - `user`: the current user, session or tenant (`req.user.id`, `session.user.id`, `auth()`).
 * - `validated`: the result of a schema validation (`schema.parse(req.body)`, `matchedData(req)`).
 * - `coerced`: input forced to a number, boolean or date (`Number(req.query.page)`).
 * - `scalar-input`: a client value the platform hands out as a string (`searchParams.get('q')`,
 *   `formData.get('title')`): unchecked, but it cannot carry an object or an operator.
 * - `record`: stored data loaded by a query (`await Doc.findById(id)`); it keeps `param` when the
 *   query used one, so `doc.ownerId` is known to be about the requested record.
 */
export type Label = 'body' | 'body-field' | 'query' | 'params' | 'param' | 'user' | 'validated' | 'coerced' | 'scalar-input' | 'record';

export interface HandlerScope {
  route: Route;
  file: string;
  facts: FileFacts;
  fn: FnId;
  fnFacts: FunctionFacts;
  /** The handler and every function nested in it. */
  fns: ReadonlySet<FnId>;
  /** The name the request goes by (the first parameter), when it is a plain name. */
  requestName: string | undefined;
  /** The second parameter, when it is a plain name (`res`, `reply`, Next's `context`). */
  secondName: string | undefined;
  /**
   * Names bound by destructuring the handler's parameters, with their path from the parameter:
   * `({ body }, res)` gives body → { param: 0, path: ['body'] }; Next's `(req, { params })` gives
   * params → { param: 1, path: ['params'] }.
   */
  paramBindings: ReadonlyMap<string, { param: number; path: string[] }>;
  /** The route's path parameter names (`:id`, `[id]`). */
  pathParams: ReadonlySet<string>;
}

/** The handler of a route with its nested functions and parameter names; undefined when unresolved. */
export function handlerScope(ctx: RuleContext, route: Route): HandlerScope | undefined {
  const ref = route.handlerFn;
  if (!ref) return undefined;
  const all = ctx.files.get(ref.file);
  const fnFacts = all?.functions[ref.fn];
  if (!all || !fnFacts) return undefined;
  const facts = ref.exclude && ref.exclude.length > 0 ? withoutSpans(all, ref.exclude) : all;
  // Most handlers name their parameters (`(req, res)`): they share one empty map.
  let paramBindings: Map<string, { param: number; path: string[] }> | undefined;
  for (let index = 0; index < 2 && index < fnFacts.params.length; index++) {
    const p = fnFacts.params[index]!;
    if (p.name) continue;
    for (const n of p.names) if (!n.rest) (paramBindings ??= new Map()).set(n.name, { param: index, path: n.path });
  }
  return {
    route,
    file: ref.file,
    facts,
    fn: ref.fn,
    fnFacts,
    fns: descendantsOf(facts, ref.fn),
    requestName: fnFacts.params[0]?.name,
    secondName: fnFacts.params[1]?.name,
    paramBindings: paramBindings ?? NO_BINDINGS,
    pathParams: routePathParamSet(route.path),
  };
}

const NO_BINDINGS: ReadonlyMap<string, { param: number; path: string[] }> = new Map();

/** Path parameter names: `:id`, `[id]`, `[...slug]`, `{id}` (shared and read-only: asked per route by several rules). */
export function routePathParams(path: string): readonly string[] {
  let params = paramsByPath.get(path);
  if (!params) {
    // Bounded, so that a long language-server session does not grow it without end.
    if (paramsByPath.size >= 20_000) paramsByPath.clear();
    paramsByPath.set(path, (params = readPathParams(path)));
  }
  return params;
}

const paramsByPath = new Map<string, readonly string[]>();

/** `routePathParams` as a set (shared and read-only, like the list: one per path, not one per route). */
function routePathParamSet(path: string): ReadonlySet<string> {
  let params = paramSetsByPath.get(path);
  if (!params) {
    if (paramSetsByPath.size >= 20_000) paramSetsByPath.clear();
    paramSetsByPath.set(path, (params = new Set(routePathParams(path))));
  }
  return params;
}

const paramSetsByPath = new Map<string, ReadonlySet<string>>();

function readPathParams(path: string): string[] {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    const m = /^:(\w+)|^\[(?:\.\.\.)?(\w+)\]$|^\[\[\.\.\.(\w+)\]\]$|^\{(\w+)\}$/.exec(seg);
    const name = m?.[1] ?? m?.[2] ?? m?.[3] ?? m?.[4];
    if (name) out.push(name);
  }
  return out;
}

/**
 * A view of a file's facts without what lies inside `spans` (other methods' branches of a Pages API
 * handler), so that a GET route is not blamed for its PUT branch's write.
 */
function withoutSpans(facts: FileFacts, spans: readonly { start: number; end: number }[]): FileFacts {
  const keep = (s: { start: number; end: number }) => !spans.some((x) => x.start <= s.start && s.end <= x.end);
  return {
    ...facts,
    calls: facts.calls.filter((c) => keep(c.expr.span)),
    decls: facts.decls.filter((d) => keep(d.span)),
    assignments: facts.assignments.filter((a) => keep(a.span)),
    guards: facts.guards.filter((g) => keep(g.span)),
    returns: facts.returns.filter((r) => keep(r.span)),
    throws: facts.throws.filter((t) => keep(t.span)),
    switches: facts.switches.filter((w) => keep(w.span)),
    reads: facts.reads.filter((r) => keep(r.span)),
  };
}

/** Request members that name the current user, session or tenant (set by auth middleware). */
const USER_PARTS = /^(user|users|auth|session|currentUser|principal|claims|identity|account|tenant|tenantId|org|orgId|organization|organizationId|workspace|workspaceId|team|teamId|userId|uid|kauth|oidc|apiKey|member|actor|viewer)$/;
/** Calls that return the current user or session. */
const USER_CALLS = /^(jwtVerify|getServerSession|getSession|auth|currentUser|getCurrentUser|getAuth|getUser|getUserFromRequest|requireUser|requireSession|getToken|verifyIdToken|verifySessionCookie|validateRequest|getServerAuthSession|getKindeServerSession|getLoggedInUser|getAuthUser|getUserId|getSessionUser)$/;
/** Project helpers named for handing out the caller: `verifyUser`, `requireSession`, `getAuthedMember`. */
const PROJECT_USER_CALL = /^(verify|get|require|ensure|fetch|load|current|auth|authenticate|with|decode)(Current|Authed|Authenticated|LoggedIn|Signed[Ii]n|Session|Access|Id|Auth)?(User|Session|Auth|Account|Member|Principal|Identity|Viewer|Me|Caller|Actor|Token|Claims|Jwt|JWT)$/;
/** Calls that force a value into a scalar: the result can no longer carry unexpected keys or operators. */
const COERCIONS = /^(Number|String|parseInt|parseFloat|Boolean|BigInt|isValidObjectId)$/;
const COERCING_CTORS = /^(Date|ObjectId|ObjectID|Decimal|BigNumber)$/;
/** Calls whose result is a copy of their argument (a whole body stays whole). */
const CLONES = /^(structuredClone|cloneDeep|clone|deepClone|toObject|toJSON)$/;

const MAX_DEPTH = 12;

export interface Flow {
  scope: HandlerScope;
  /** The labels of every name declared in the handler scope. */
  readonly names: ReadonlyMap<string, ReadonlySet<Label>>;
  /** The labels an expression carries (shared sets: do not modify them). */
  labelsOf(expr: Expr | undefined): ReadonlySet<Label>;
  /** True when `expr` is the whole request body itself (`req.body`, `await req.json()`, or a name bound to exactly that). */
  isDirectBody(expr: Expr): boolean;
}

// Label sets are computed as bit masks (a flow reads every expression of a handler, and sets made
// the analysis allocation-bound); rules see them as read-only sets, one shared set per mask.
const LABELS: readonly Label[] = ['body', 'body-field', 'query', 'params', 'param', 'user', 'validated', 'coerced', 'scalar-input', 'record'];
const BODY = 1 << 0;
const BODY_FIELD = 1 << 1;
const QUERY = 1 << 2;
const PARAMS = 1 << 3;
const PARAM = 1 << 4;
const USER = 1 << 5;
const VALIDATED = 1 << 6;
const COERCED = 1 << 7;
const SCALAR_INPUT = 1 << 8;
const RECORD = 1 << 9;
const CLIENT_INPUT = BODY | BODY_FIELD | QUERY;

const setsByMask: (ReadonlySet<Label> | undefined)[] = [];

/** The shared read-only set of the labels in `mask`. */
function labelSet(mask: number): ReadonlySet<Label> {
  return (setsByMask[mask] ??= new Set(LABELS.filter((_, bit) => mask & (1 << bit))));
}

const flowCache = new WeakMap<Route, { files: RuleContext['files']; flow: Flow | undefined }>();

/** The data flow of a route's handler (cached per route object and facts map). */
export function handlerFlow(ctx: RuleContext, route: Route): Flow | undefined {
  const cached = flowCache.get(route);
  if (cached && cached.files === ctx.files) return cached.flow;
  const scope = handlerScope(ctx, route);
  const flow = scope ? buildFlow(scope) : undefined;
  flowCache.set(route, { files: ctx.files, flow });
  return flow;
}

export function buildFlow(scope: HandlerScope): Flow {
  const names = new Map<string, number>();
  const { facts, fns } = scope;
  const decls = itemsIn(facts, 'decls', fns)
    .filter((d) => d.kind !== 'param' && d.init)
    .sort((a, b) => a.span.start - b.span.start);
  const assignments = itemsIn(facts, 'assignments', fns).filter((a) => a.target.k === 'id');

  const checkedPaths = new Set<string>();
  // During the first pass over the declarations: the first value each name was read with (see below).
  let firstReads: Map<string, number | undefined> | undefined;
  const classifyChain = (chain: string[]): number => {
    if (firstReads && chain.length > 0 && !firstReads.has(chain[0]!)) firstReads.set(chain[0]!, names.get(chain[0]!));
    const labels = classifyPath(scope, names, chain);
    // Joined only when some path was type-checked (most handlers check none).
    return checkedPaths.size > 0 && checkedPaths.has(chain.join('.')) ? coerce(labels) : labels;
  };

  const labelsOf = (expr: Expr | undefined, depth = 0): number => {
    if (!expr || depth > MAX_DEPTH) return 0;
    const d = depth + 1;
    switch (expr.k) {
      case 'id':
      case 'member':
      case 'index': {
        const chain = chainOf(expr);
        if (chain) return classifyChain(chain);
        // `(await req.json()).title`, `arr[i].x`: a part of whatever the object is.
        return demote(expr.k === 'id' ? 0 : labelsOf(expr.object, d));
      }
      case 'await':
        return labelsOf(expr.expr, d);
      case 'call':
        return callLabels(expr, d);
      case 'obj': {
        let out = 0;
        for (const p of expr.props) {
          const inner = labelsOf(p.value, d);
          // `{ ...req.body }` is still the whole body; `{ data: req.body }` holds it one level down.
          out |= p.spread ? inner : demote(inner);
        }
        return out;
      }
      case 'cond': {
        const out = labelsOf(expr.then, d) | labelsOf(expr.else, d);
        // `typeof req.body.email === 'string' ? req.body.email.trim() : ''`: a type-checked value.
        return typeChecks(expr.test).length > 0 ? coerce(out) : out;
      }
      case 'bin': {
        // `req.body || {}` and `body ?? {}` keep the whole body.
        const keep = expr.op === '||' || expr.op === '??';
        const left = labelsOf(expr.left, d);
        const right = labelsOf(expr.right, d);
        return keep ? left | right : demote(left) | demote(right);
      }
      case 'unary': {
        const inner = labelsOf(expr.expr, d);
        // `+req.query.page` and `!!x` coerce.
        return expr.op === '+' || expr.op === '-' || expr.op === '!' || expr.op === 'typeof' ? coerce(inner) : demote(inner);
      }
      case 'tpl':
      case 'arr':
      case 'spread': {
        const parts = expr.k === 'tpl' ? expr.exprs : expr.k === 'arr' ? expr.items : [expr.expr];
        let out = 0;
        for (const p of parts) out |= demote(labelsOf(p, d));
        return out;
      }
      case 'assign':
        return labelsOf(expr.value, d);
      default:
        return 0;
    }
  };

  const callLabels = (call: Extract<Expr, { k: 'call' }>, d: number): number => {
    const callee = call.callee;
    const name = callee.k === 'id' ? callee.name : callee.k === 'member' ? callee.name : '';
    let args = 0;
    for (const a of call.args) args |= labelsOf(a, d);
    // The receiver's labels, read once: several branches ask, and asking again at each level of a
    // call chain (`a.b().c().d()`) made long chains cost exponential time.
    let receiverKnown: number | undefined;
    const receiverLabels = (object: Expr): number => (receiverKnown ??= labelsOf(object, d));
    // `await request.json()`, `await req.formData()`: the whole body.
    if (callee.k === 'member' && /^(json|formData|text)$/.test(name)) {
      const receiver = receiverLabels(callee.object);
      if (isRequestChain(scope, callee.object)) return BODY;
      if (receiver & BODY) return BODY;
    }
    // `formData.get('title')` on a body, `searchParams.get('q')` on a query string: strings (or
    // File), never objects; `getAll` gives arrays of them.
    if (callee.k === 'member' && /^(get|getAll)$/.test(name)) {
      const receiver = receiverLabels(callee.object);
      if (receiver & (BODY | QUERY) || /searchParams$/.test(memberName(callee.object))) return SCALAR_INPUT;
    }
    if (callee.k === 'member' && name === 'param' && isRequestChain(scope, callee.object)) return PARAM;
    // What counts as validation is decided with the in-handler facts (discovery/behaviour.ts).
    if (isSchemaValidation(call)) return VALIDATED;
    if ((callee.k === 'id' && COERCIONS.test(name)) || (callee.k === 'member' && memberName(callee.object) === 'Math') || (call.isNew && callee.k === 'id' && COERCING_CTORS.test(name)) || (callee.k === 'member' && /^(ObjectId|isValid)$/.test(name))) {
      return coerce(args);
    }
    // `req.body.ids.map(String)`: every element coerced.
    if (callee.k === 'member' && /^(map|flatMap)$/.test(name) && call.args[0]?.k === 'id' && COERCIONS.test(call.args[0].name)) return coerce(receiverLabels(callee.object));
    // `await getServerSession()`, `await verifyUser({ req, res })`, `getCurrentUser(request)`; not
    // `getUser(req.params.id)`, which loads someone by id.
    if (USER_CALLS.test(name) || (PROJECT_USER_CALL.test(name) && !(args & (PARAM | PARAMS)) && !(args & CLIENT_INPUT))) return USER;
    // `Object.fromEntries(await req.formData())`, `structuredClone(req.body)`, `Object.assign({}, req.body)`.
    if ((callee.k === 'member' && memberName(callee.object) === 'Object' && /^(fromEntries|assign)$/.test(name)) || CLONES.test(name)) {
      const receiver = callee.k === 'member' && memberName(callee.object) !== 'Object' ? receiverLabels(callee.object) : 0;
      return args | receiver;
    }
    // `verifyAppleIdentityToken(token)`, `verifySignature(body)`: what a verification returns is checked data.
    if (/^verify[A-Z]/.test(name)) return VALIDATED;
    // A query's result is stored data, not what the client sent: `findUnique({ where: { email } })`.
    if (looksLikeDataAccess(call)) {
      const receiverAndArgs = args | (callee.k === 'member' ? receiverLabels(callee.object) : 0);
      return receiverAndArgs & (PARAM | PARAMS) ? RECORD | PARAM : RECORD;
    }
    // Anything else: derived data. The receiver matters too (`req.body.title.trim()`).
    const receiver = callee.k === 'member' ? receiverLabels(callee.object) : 0;
    return demote(args | receiver);
  };

  // Two passes cover names used before a later declaration in a nested callback. When every name
  // the first pass read already had its final labels when first read (labels only grow), the second
  // pass would compute the same labels again: it is skipped.
  const reads = (firstReads = new Map());
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) {
      firstReads = undefined;
      let settled = true;
      for (const [name, labels] of reads) if (names.get(name) !== labels) settled = false;
      if (settled) break;
    }
    for (const decl of decls) {
      const init = decl.init!;
      for (const bound of decl.names) {
        let labels: number;
        if (bound.path.length === 0 && !bound.rest) labels = labelsOf(init);
        else {
          const chain = chainOf(stripAwait(init));
          if (chain) labels = classifyChain([...chain, ...bound.path]);
          else {
            const base = labelsOf(init);
            labels = bound.path.length > 0 ? pathInto(base) : base;
          }
          // `const { role, ...rest } = req.body`: the rest deliberately drops keys; treat it as fields.
          if (bound.rest && decl.names.some((n) => !n.rest)) labels = demote(labels);
        }
        names.set(bound.name, (names.get(bound.name) ?? 0) | labels);
      }
    }
    for (const a of assignments) {
      if (a.target.k !== 'id') continue;
      names.set(a.target.name, (names.get(a.target.name) ?? 0) | labelsOf(a.value));
    }
  }

  // `if (typeof title !== 'string' || title.length > 200) return res.status(400)…`: a manual type
  // check that rejects the request leaves a value of a known scalar type behind.
  for (const g of itemsIn(facts, 'guards', fns)) {
    if (!(g.then.exits || g.then.throws)) continue;
    for (const checked of typeChecks(g.test)) {
      const chain = chainOf(checked);
      if (chain?.length === 1 && names.has(chain[0]!)) names.set(chain[0]!, coerce(names.get(chain[0]!)!));
      else if (chain) checkedPaths.add(chain.join('.'));
    }
  }

  const isDirectBody = (expr: Expr, depth = 0): boolean => {
    if (depth > 4) return false;
    const e = stripAwait(expr);
    if (e.k === 'call' && e.callee.k === 'member' && /^(json|formData)$/.test(e.callee.name) && isRequestChain(scope, e.callee.object)) return true;
    const chain = chainOf(e);
    if (!chain) return false;
    if (chain.length === 1) {
      const binding = scope.paramBindings.get(chain[0]!);
      if (binding) return binding.param === 0 && binding.path.length === 1 && binding.path[0] === 'body';
      // A local name bound to exactly the body: `const body = await req.json()`, `const { body } = req`.
      const decl = itemsIn(facts, 'decls', fns).find((x) => x.init && x.names.some((n) => n.name === chain[0] && !n.rest));
      if (!decl?.init) return false;
      const bound = decl.names.find((n) => n.name === chain[0])!;
      if (bound.path.length === 0) return isDirectBody(decl.init, depth + 1);
      const initChain = chainOf(stripAwait(decl.init));
      return initChain !== undefined && isRequestPath(scope, [...initChain, ...bound.path], 'body');
    }
    return isRequestPath(scope, chain, 'body');
  };

  // Once the names are settled, rules ask about the same expressions again and again (every
  // sub-expression of a test, every argument of every call): each answer is computed once.
  const known = new Map<Expr, number>();
  const knownLabelsOf = (expr: Expr | undefined): ReadonlySet<Label> => {
    if (!expr) return labelSet(0);
    let labels = known.get(expr);
    if (labels === undefined) known.set(expr, (labels = labelsOf(expr)));
    return labelSet(labels);
  };
  let namesView: ReadonlyMap<string, ReadonlySet<Label>> | undefined;
  return {
    scope,
    get names() {
      return (namesView ??= new Map([...names].map(([name, labels]) => [name, labelSet(labels)])));
    },
    labelsOf: knownLabelsOf,
    isDirectBody: (expr) => isDirectBody(expr),
  };
}

/**
 * The expressions a test checks the type of: `typeof x === 'string'`, `Array.isArray(x)`,
 * `Number.isInteger(x)`, `validator.isEmail(x)`, `isUUID(x)`.
 */
function typeChecks(test: Expr): Expr[] {
  const out: Expr[] = [];
  walkExpr(test, (e) => {
    if (e.k === 'unary' && e.op === 'typeof') out.push(e.expr);
    if (e.k === 'call' && e.args[0]) {
      const c = e.callee;
      const name = c.k === 'id' ? c.name : c.k === 'member' ? c.name : '';
      if (/^(isArray|isInteger|isSafeInteger|isFinite)$/.test(name) || /^is(Email|UUID|Uuid|URL|Url|Int|Numeric|Alpha|Alphanumeric|MongoId|ObjectId|ISO8601|Date|Boolean|Length|In|Valid\w*)$/.test(name)) out.push(e.args[0]);
    }
  });
  return out;
}

/** Labels of a member chain rooted at a name: `req.body.email` → body-field. */
function classifyPath(scope: HandlerScope, names: ReadonlyMap<string, number>, chain: readonly string[]): number {
  // Asked for every name and member read of a handler: the parts after the root are read in place.
  const root = chain[0];
  if (root === undefined) return 0;
  if (root === scope.requestName) return requestPart(chain, 1, scope.pathParams);
  const binding = scope.paramBindings.get(root);
  if (binding) {
    const full = [...binding.path, ...chain.slice(1)];
    return binding.param === 0 ? requestPart(full, 0, scope.pathParams) : contextPart(full, 0);
  }
  if (root === scope.secondName) {
    // Express `res.locals.user` (set by auth middleware); Next's `context.params.id`.
    if (chain[1] === 'locals' && chain[2] !== undefined && USER_PARTS.test(chain[2])) return USER;
    return contextPart(chain, 1);
  }
  const own = names.get(root);
  if (own === undefined) {
    // Koa-style `ctx.state.user` and a bare `searchParams` from `new URL(req.url)`.
    if (root === 'searchParams') return QUERY;
    return 0;
  }
  if (chain.length === 1) return own;
  return pathInto(own);
}

/** The labels of the request part `path[from]`, with `path[from + 1…]` read from it. */
function requestPart(path: readonly string[], from: number, pathParams: ReadonlySet<string>): number {
  const part = path[from];
  if (part === undefined) return 0;
  const next = path[from + 1];
  if (part === 'body') return next === undefined ? BODY : BODY_FIELD;
  // Next.js Pages API routes receive their dynamic segments in `req.query` (`/api/users/[id]` → `req.query.id`).
  if (part === 'query' && next !== undefined && pathParams.has(next)) return PARAM;
  if (part === 'query' || part === 'searchParams') return QUERY;
  if (part === 'nextUrl' && next === 'searchParams') return QUERY;
  if (part === 'params') return next === undefined ? PARAMS : PARAM;
  if (USER_PARTS.test(part)) return USER;
  return 0;
}

function contextPart(path: readonly string[], from: number): number {
  if (path[from] === 'params') return path.length - from === 1 ? PARAMS : PARAM;
  return 0;
}

/** A field taken from a value: a whole body becomes one field of it, the params object one param. */
function pathInto(labels: number): number {
  let out = labels & ~(BODY | PARAMS);
  if (labels & BODY) out |= BODY_FIELD;
  if (labels & PARAMS) out |= PARAM;
  return out;
}

/** Derived data: no longer the whole body. */
function demote(labels: number): number {
  return labels & BODY ? (labels & ~BODY) | BODY_FIELD : labels;
}

/** A coerced value keeps who it is about (param, user) but is no longer raw client input. */
function coerce(labels: number): number {
  return COERCED | (labels & (PARAM | USER | VALIDATED));
}

function stripAwait(expr: Expr): Expr {
  return expr.k === 'await' ? expr.expr : expr;
}

/** `a.b['c']` → ['a', 'b', 'c']; undefined for anything not rooted at a name. */
export function chainOf(expr: Expr): string[] | undefined {
  // Walked down to the root, then reversed: one array per chain (asked for every read of a handler).
  const out: string[] = [];
  let cur = expr;
  for (let depth = 0; depth <= 16; depth++) {
    if (cur.k === 'id') {
      out.push(cur.name);
      return out.reverse();
    }
    if (cur.k === 'member') out.push(cur.name);
    else if (cur.k === 'index' && (cur.index.k === 'str' || cur.index.k === 'num')) out.push(String(cur.index.value));
    else return undefined;
    cur = cur.object;
  }
  return undefined;
}

function memberName(expr: Expr): string {
  const chain = chainOf(expr);
  return chain ? chain[chain.length - 1]! : '';
}

/** True when `expr` is the request itself (or a name the handler's first parameter binds). */
function isRequestChain(scope: HandlerScope, expr: Expr): boolean {
  const chain = chainOf(expr);
  return chain !== undefined && chain.length === 1 && chain[0] === scope.requestName;
}

/** True when `chain` denotes exactly `req.<part>` (through the request name or a parameter binding). */
function isRequestPath(scope: HandlerScope, chain: string[], part: string): boolean {
  const [root, ...rest] = chain;
  if (root === scope.requestName) return rest.length === 1 && rest[0] === part;
  const binding = root === undefined ? undefined : scope.paramBindings.get(root);
  if (binding && binding.param === 0) {
    const full = [...binding.path, ...rest];
    return full.length === 1 && full[0] === part;
  }
  return false;
}

/** Every label in `labels` that marks client input (body, fields, query). */
export function isClientInput(labels: ReadonlySet<Label>): boolean {
  return labels.has('body') || labels.has('body-field') || labels.has('query');
}
