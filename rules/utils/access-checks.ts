/**
 * Access-control evidence inside a route, shared by missing-authz and missing-ownership-check so
 * they agree on what "scoped to the current user" and "an elevated role check" mean:
 *
 * - a data access whose filter (or receiver) involves the current user or tenant
 *   (`where: { id, ownerId: req.user.id }`, `req.user.tasks.find(…)`);
 * - a comparison between the current user and something else (`if (doc.ownerId !== req.user.id)`,
 *   `doc.owner.equals(user._id)`), or a call to an access helper (`assertCanEdit(user, doc)`);
 * - a role or permission check for an elevated role on the chain or in the handler.
 */
import type { BlockEffect, Expr, Span } from '../../analyzer/model/ir';
import type { Location, Middleware, Route } from '../../analyzer/model/route-model';
import { descendantsOf, itemsIn, walkExpr } from './calls';
import { functionWithSpan } from './code-scope';
import { buildFlow, chainOf, routePathParams, type Flow, type HandlerScope, type Label } from './data-flow';
import type { RuleContext } from './define-rule';
import type { DbCall } from './persistence';
import { oncePerRun } from './per-run';

/** Calls whose name says they decide access to a record. */
const ACCESS_HELPER = /owner|ownership|authori[sz]e|^can([A-Z]\w*)?$|HasAccess|CanAccess|AccessTo|^(check|assert|ensure|verify|require|has|enforce)\w*(Access|Permission|Permissions|Membership|Member|Can|Policy|Ability)|^isMember|^belongsTo|^throwUnlessCan$|^enforce$|^permit$/;
/** Names of project operations that change or load data (`bulkTagDelete`, `archiveProject`, `getOrdersFor`). */
const DATA_OPERATION = /(delete|remove|destroy|archive|purge|clear|update|edit|create|save|upsert|move|transfer|bulk|get|find|list|load|fetch)/i;
/** Calls that take the user and an id without deciding anything: logging, auditing, events, responses. */
const NOT_ACCESS_AWARE = /^(log|info|warn|error|debug|trace|audit|auditLog|track|emit|publish|notify|send|json|render|redirect|set|cookie|push|add)$/;
/** Chain middleware whose name says it checks access to the record (not only the user's identity). */
const ACCESS_MIDDLEWARE = /owner|ownership|access|membership|member|authori[sz]|permission|policy|ability|permit|^can[A-Z]|scope(d)?To|tenant/i;
/** Role names that every ordinary signed-in user has: a check for them grants nothing beyond one's own records. */
const ORDINARY_ROLE = /^(user|users|member|members|customer|customers|client|clients|guest|guests|viewer|reader|employee|employees|basic|free|authenticated|logged-?in|signed-?in|verified|active)$/i;

export interface ScopeEvidence {
  what: 'scoped-query' | 'comparison' | 'helper' | 'middleware' | 'role';
  at: Location;
}

/** True when an expression carries the current user or tenant. */
export function mentionsUser(flow: Flow, expr: Expr | undefined): boolean {
  return flow.labelsOf(expr).has('user');
}

/** A data access whose filter or receiver involves the current user or tenant. */
export function isUserScoped(flow: Flow, call: DbCall): boolean {
  if (flow.labelsOf(call.root).has('user')) return true;
  return call.args.some((a) => mentionsUser(flow, a));
}

/**
 * Evidence that the handler restricts the records it touches to the current user: a comparison
 * with the user, an access-helper call, or an access middleware on the chain. Data accesses scoped
 * by the user are checked per call with `isUserScoped`. missing-authz and missing-ownership-check
 * ask about the same handler flows in one run: answered once.
 */
export const ownershipEvidence: (ctx: RuleContext, flow: Flow) => ScopeEvidence | undefined = oncePerRun((ctx: RuleContext, flow: Flow) => readOwnershipEvidence(ctx, flow));

function readOwnershipEvidence(ctx: RuleContext, flow: Flow): ScopeEvidence | undefined {
  const { scope } = flow;
  const { facts, fns, route } = scope;
  const at = (span: Span): Location => ({ file: scope.file, span });
  for (const mw of route.chain) {
    if (mw.scope === 'global') continue;
    if (ACCESS_MIDDLEWARE.test(mw.name) && !/^(requireAuth|authenticate|auth)\b/.test(mw.name)) return { what: 'middleware', at: mw.at };
    if (middlewareComparesUser(ctx, route, mw)) return { what: 'middleware', at: mw.at };
  }
  const candidates: Expr[] = [];
  for (const g of itemsIn(facts, 'guards', fns)) candidates.push(g.test);
  for (const c of itemsIn(facts, 'calls', fns)) candidates.push(c.expr);
  for (const d of itemsIn(facts, 'decls', fns)) if (d.init) candidates.push(d.init);
  for (const r of itemsIn(facts, 'returns', fns)) if (r.expr) candidates.push(r.expr);
  for (const id of [...fns].sort((a, b) => a - b)) {
    const body = facts.functions[id]?.exprBody;
    if (body) candidates.push(body);
  }
  for (const expr of candidates) {
    const found = findComparison(flow, expr);
    if (found) return { what: found.kind, at: at(found.span) };
  }
  return undefined;
}

/**
 * A project middleware on the chain that compares the current user with something and denies:
 * `if (req.article.user.id != req.user.id) return res.redirect(…)` (an ownership guard by behaviour).
 */
function middlewareComparesUser(ctx: RuleContext, route: Route, mw: Middleware): boolean {
  const def = mw.definition;
  const facts = def ? ctx.files.get(def.file) : undefined;
  const id = facts && def ? functionWithSpan(facts, def.span) : undefined;
  const fn = id === undefined ? undefined : facts!.functions[id];
  if (!facts || !fn) return false;
  const fns = descendantsOf(facts, fn.id);
  const denies = (e: BlockEffect | undefined) => e !== undefined && (e.exits || e.throws || e.redirects || e.statuses.some((s) => s >= 400));
  const denying = itemsIn(facts, 'guards', fns).filter((g) => denies(g.then) || denies(g.else));
  // Most middleware deny without comparing anything with a record; the flow is read only when a test could.
  if (denying.length === 0) return false;
  // The answer depends on the middleware and on the route's path parameters only: asked once per run.
  const pathParams = routePathParams(route.path);
  let perRun = comparesUserCache.get(ctx.model);
  if (!perRun) comparesUserCache.set(ctx.model, (perRun = new Map()));
  const key = `${facts.path}\0${fn.id}\0${pathParams.join('/')}`;
  const known = perRun.get(key);
  if (known !== undefined) return known;
  const scope: HandlerScope = { route, file: facts.path, facts, fn: fn.id, fnFacts: fn, fns, requestName: fn.params[0]?.name, secondName: fn.params[1]?.name, paramBindings: new Map(), pathParams: new Set(pathParams) };
  const flow = buildFlow(scope);
  const answer = denying.some((g) => findComparison(flow, g.test) !== undefined);
  perRun.set(key, answer);
  return answer;
}

const comparesUserCache = new WeakMap<RuleContext['model'], Map<string, boolean>>();

function findComparison(flow: Flow, root: Expr): { kind: 'comparison' | 'helper'; span: Span } | undefined {
  let found: { kind: 'comparison' | 'helper'; span: Span } | undefined;
  walkExpr(root, (e) => {
    if (found) return false;
    if (e.k === 'bin' && /^(===|!==|==|!=)$/.test(e.op)) {
      const left = flow.labelsOf(e.left);
      const right = flow.labelsOf(e.right);
      // `doc.ownerId !== req.user.id`, `req.params.userId === user.id`; not `user.role === 'admin'`.
      if ((left.has('user') && !right.has('user') && isRecordish(flow, e.right, right)) || (right.has('user') && !left.has('user') && isRecordish(flow, e.left, left))) {
        found = { kind: 'comparison', span: e.span };
        return false;
      }
    }
    if (e.k === 'call') {
      const callee = e.callee;
      const name = callee.k === 'id' ? callee.name : callee.k === 'member' ? callee.name : '';
      if (ACCESS_HELPER.test(name)) {
        found = { kind: 'helper', span: e.span };
        return false;
      }
      // `wallets.removeCard(claims.sub, request.params)`, `docs.archive(req.params.id, req.user)`: the
      // operation is told who is asking, together with which record.
      // `bulkTagDelete(user.id, req.body)`: a data operation handed the caller.
      const userArg = e.args.some((a) => flow.labelsOf(a).has('user'));
      const paramArg = e.args.some((a) => flow.labelsOf(a).has('param') || flow.labelsOf(a).has('params'));
      if (!NOT_ACCESS_AWARE.test(name) && userArg && (paramArg || DATA_OPERATION.test(name))) {
        found = { kind: 'helper', span: e.span };
        return false;
      }
      // `doc.owner.equals(req.user._id)`, `project.members.includes(user.id)`, `ids.some(id => id === user.id)`.
      if (callee.k === 'member' && /^(equals|includes|some|has|isSameAs|eq)$/.test(name)) {
        const receiver = flow.labelsOf(callee.object);
        const args = new Set<Label>();
        for (const a of e.args) for (const l of flow.labelsOf(a)) args.add(l);
        if (receiver.has('user') !== args.has('user') && e.args.length > 0) {
          found = { kind: 'comparison', span: e.span };
          return false;
        }
      }
    }
    return true;
  });
  return found;
}

/**
 * The other side of a comparison with the user is about a record or a request value (`doc.ownerId`,
 * `req.params.userId`), not a constant (`'admin'`, `Roles.ADMIN`).
 */
function isRecordish(flow: Flow, expr: Expr, labels: ReadonlySet<Label>): boolean {
  if (labels.size > 0) return true;
  const chain = chainOf(expr);
  if (!chain) return false;
  // A record a loader attached to the request (`req.article.user.id` after `app.param('id', load)`,
  // `res.locals.project.ownerId`).
  if ((chain[0] === flow.scope.requestName || chain[0] === flow.scope.secondName) && chain.length > 2) return true;
  return flow.names.has(chain[0]!);
}

/**
 * A role check that lets the caller act on other people's records: a chain role check for an
 * elevated role (`requireRole('admin')`, `isAdmin`), a library access-control middleware (CASL,
 * accesscontrol), or a role check inside the handler. `requireRole('user')` is not one.
 */
export function elevatedRoleCheck(route: Route): Location | undefined {
  for (const mw of route.chain) {
    if (!mw.roles.includes('role-check')) continue;
    if (isElevated(mw)) return mw.at;
  }
  return route.handlerFacts.roleCheck;
}

/**
 * Library and configured checks, checks without arguments (`isAdmin`, `adminOnly`) and checks for a
 * named role or permission (`requireRole('admin')`, `auth('getUsers')`) count; a check that only
 * requires an ordinary role (`requireRole('user')`) does not.
 */
function isElevated(mw: Middleware): boolean {
  if (mw.roleSource === 'library' || mw.roleSource === 'config') return true;
  if (mw.args.length === 0) return true;
  return !mw.args.every((a) => ORDINARY_ROLE.test(a));
}

/** Path parameter names: `:id`, `[id]`, `[...slug]`, `{id}`. */
export const pathParams = routePathParams;
