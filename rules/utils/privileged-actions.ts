/**
 * Which routes perform privileged actions — admin endpoints, role and permission changes, bulk
 * operations, exports, payroll and billing writes, deletes — and so need a role or permission check
 * beyond authentication. Shared by missing-authz (which reports them) and missing-ownership-check
 * (which leaves those routes to it, so one route gets one access-control finding).
 */
import type { Expr } from '../../analyzer/model/ir';
import type { Location, Route } from '../../analyzer/model/route-model';
import { WRITE_METHODS } from '../../analyzer/model/route-model';
import type { RuleContext } from './define-rule';
import { handlerFlow, isClientInput, type Flow } from './data-flow';
import { isUserScoped, ownershipEvidence } from './access-checks';
import { persistenceCalls, type DbCall } from './persistence';
import { hasRoleCheck, pathSegments } from './route-predicates';
import { oncePerRun } from './per-run';

/** Why a route is privileged, in words for the message, and where that shows. */
export interface Privilege {
  kind: 'admin-path' | 'role-change' | 'bulk' | 'export' | 'billing' | 'destructive';
  words: string;
  at: Location | undefined;
}

const ADMIN_SEGMENT = /^(admin|admins|administrator|administration|superadmin|super-admin|sudo|backoffice|back-office|impersonate|impersonation|impersonations)$/i;
const EXPORT_SEGMENT = /^(export|exports|dump|backup|backups|download-all|export-all)$|\.(csv|xlsx)$/i;
const ROLE_SEGMENT = /^(roles?|permissions?|grants?|privileges?|promote|demote|ban|unban|suspend|unsuspend|deactivate|reactivate|make-admin|access-level|scopes?|role-assignments?)$/i;
const BULK_SEGMENT = /^(bulk|batch|bulk-delete|bulk-update|bulk-import|purge|wipe|truncate|reset-all|delete-all|mass-delete|mass-update|import)$/i;
// Not 'billing' or 'payments' alone: buying, subscribing and verifying one's own purchase are self-service.
const BILLING_SEGMENT = /^(payroll|payrolls|payrun|payruns|pay-runs|salary|salaries|compensation|bonus|bonuses|payouts?|refunds?|credits?|ledger|adjustments?|invoices?-adjustments?)$/i;
/** Self-service: the caller acts on their own account, session or checkout. */
const SELF_SEGMENT = /^(me|my|self|mine|profile|account|session|sessions|logout|log-out|signout|sign-out|checkout|checkout-session|portal|customer-portal|subscribe|subscription|setup-intent|payment-intent)$/i;
/** Fields that grant privileges when written. */
const ROLE_FIELD = /^(role|roles|isAdmin|is_admin|admin|permissions|scopes|isStaff|is_staff|isSuperuser|is_superuser|superuser|accessLevel|access_level|userRole|user_role|privileges|groups|isOwner|plan|tier)$/;
/** Whole-table operations. */
const BULK_METHOD = /^(deleteMany|updateMany|bulkWrite|truncate|destroyAll|deleteAll|updateAll|bulkCreate|insertMany|createMany)$/;

/** Authenticated by a chain guard or an in-handler check (a role check alone is not counted here). */
export function isAuthenticated(route: Route): boolean {
  return route.chain.some((m) => m.roles.includes('auth')) || route.handlerFacts.authCheck !== undefined;
}

/** What makes the route privileged, checked from the strongest signal down; undefined if nothing does. */
export function privilegeOf(ctx: RuleContext, route: Route): Privilege | undefined {
  const segments = pathSegments(route.path);
  const write = WRITE_METHODS.includes(route.method);
  const adminSeg = segments.find((s) => ADMIN_SEGMENT.test(s));
  if (adminSeg) return { kind: 'admin-path', words: `is an admin endpoint (its path has '${adminSeg}')`, at: undefined };

  const flow = handlerFlow(ctx, route);
  const calls = flow ? persistenceCalls(flow.scope.facts, flow.scope.fns) : [];
  const at = (expr: Expr): Location | undefined => (flow ? { file: flow.scope.file, span: expr.span } : undefined);

  const roleWrite = flow ? roleFieldWrite(flow, calls) : undefined;
  if (roleWrite) return { kind: 'role-change', words: `changes a user's '${roleWrite.field}' from the request`, at: at(roleWrite.expr) };
  const roleSeg = segments.find((s) => ROLE_SEGMENT.test(s));
  if (roleSeg && write) return { kind: 'role-change', words: `changes roles or permissions (its path has '${roleSeg}')`, at: undefined };

  const self = segments.some((s) => SELF_SEGMENT.test(s));
  // Any data access filtered by the caller counts: loading "my records among these ids" before acting on them.
  // Asked only where a signal below needs it (most routes have none, and reading the handler for
  // ownership evidence is the costly part).
  let scopedKnown: boolean | undefined;
  const scoped = (): boolean => (scopedKnown ??= flow !== undefined && (ownershipEvidence(ctx, flow) !== undefined || calls.some((c) => isUserScoped(flow, c))));

  const bulkCall = calls.find((c) => c.write && (BULK_METHOD.test(c.method) || (c.sql !== undefined && /^\s*(delete|update)\b(?![\s\S]*\bwhere\b)/i.test(c.sql))));
  if (bulkCall && flow && !isUserScoped(flow, bulkCall) && !self && !scoped()) return { kind: 'bulk', words: `runs a bulk operation (${bulkCall.method})`, at: at(bulkCall.site.expr) };
  const bulkSeg = segments.find((s) => BULK_SEGMENT.test(s));
  if (bulkSeg && write && !self && !scoped()) return { kind: 'bulk', words: `runs a bulk operation (its path has '${bulkSeg}')`, at: undefined };

  const exportSeg = segments.find((s) => EXPORT_SEGMENT.test(s));
  if (exportSeg && !self && !(flow && calls.length > 0 && calls.every((c) => isUserScoped(flow, c)))) return { kind: 'export', words: `exports data in bulk (its path has '${exportSeg}')`, at: undefined };

  const billingSeg = segments.find((s) => BILLING_SEGMENT.test(s));
  if (billingSeg && write && !self && !scoped()) return { kind: 'billing', words: `writes ${/payroll|payrun|pay-run|salar|compens|bonus/i.test(billingSeg) ? 'payroll' : 'billing'} data (its path has '${billingSeg}')`, at: undefined };

  // A DELETE is the weakest signal: only when its handler is read (an unresolved handler, or a
  // registration holding middleware only, may well scope the delete to the caller).
  if (route.method === 'DELETE' && !self && flow !== undefined && !scoped()) {
    const del = calls.find((c) => c.op === 'delete');
    return { kind: 'destructive', words: 'deletes data', at: del ? at(del.site.expr) : undefined };
  }
  return undefined;
}

/** A write that sets a privilege field (`role`, `isAdmin`, `permissions`) to a value from the request. */
function roleFieldWrite(flow: Flow, calls: readonly DbCall[]): { field: string; expr: Expr } | undefined {
  for (const call of calls) {
    if (!call.write) continue;
    for (const arg of call.args) {
      const hit = findRoleProp(flow, arg, 0);
      if (hit) return hit;
    }
  }
  // `user.role = req.body.role` before a save.
  const { facts, fns } = flow.scope;
  for (const a of facts.assignments) {
    if (!fns.has(a.fn) || a.target.k !== 'member' || !ROLE_FIELD.test(a.target.name)) continue;
    if (isClientInput(flow.labelsOf(a.value))) return { field: a.target.name, expr: a.target };
  }
  return undefined;
}

function findRoleProp(flow: Flow, expr: Expr, depth: number): { field: string; expr: Expr } | undefined {
  if (depth > 4 || expr.k !== 'obj') return undefined;
  for (const p of expr.props) {
    if (p.spread) continue;
    if (p.key && ROLE_FIELD.test(p.key) && isClientInput(flow.labelsOf(p.value))) return { field: p.key, expr: p.value };
    const inner = findRoleProp(flow, p.value, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/** The route is authenticated, privileged and has no role check: what missing-authz reports. */
export function lacksAuthorization(ctx: RuleContext, route: Route): Privilege | undefined {
  if (!isAuthenticated(route) || hasRoleCheck(route)) return undefined;
  return privilegeOnce(ctx, route);
}

// missing-authz and missing-ownership-check both ask, in the same run: answered once.
const privilegeOnce = oncePerRun((ctx: RuleContext, route: Route) => privilegeOf(ctx, route));
