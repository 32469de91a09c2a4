import type { Route } from '../analyzer/model/route-model';
import { defineRule } from './utils/define-rule';
import { handlerFlow } from './utils/data-flow';
import { elevatedRoleCheck, isUserScoped, ownershipEvidence, pathParams } from './utils/access-checks';
import { describeDbCall, persistenceCalls, type DbCall } from './utils/persistence';
import { lacksAuthorization } from './utils/privileged-actions';
import { hasAuth } from './utils/route-predicates';
import { routesToCheck } from './utils/scope';

interface State {
  route: Route;
  call: DbCall;
  file: string;
  params: readonly string[];
}

/** Shared reference data that every signed-in user may read (`GET /products/:id`). */
// Not posts, articles or documents: when reading one needs a login, they are usually someone's.
const SHARED_CATALOG = /^(products?|categories|category|tags?|countries|currencies|languages|locales|timezones|plans|pricing|catalog|public|static|assets|faqs?|help|templates|features|releases|changelog|status|avatars?|images|thumbnails?|icons|logos|media)$/i;

/**
 * Reading shared catalog data (`GET /products/:id`), or adding one's own child record to it
 * (`POST /products/:id/reviews`): the parent is not the caller's, and need not be.
 */
function onSharedRecord(route: Route): boolean {
  const parts = route.path.split('/').filter(Boolean);
  const catalogAt = parts.findIndex((s) => SHARED_CATALOG.test(s));
  if (catalogAt < 0) return false;
  if (route.method === 'GET') return true;
  const last = parts[parts.length - 1]!;
  return route.method === 'POST' && parts.length > catalogAt + 2 && !/^[:[{]/.test(last);
}

export default defineRule<State>({
  id: 'missing-ownership-check',
  incremental: true,
  meta: {
    summary: 'A route loads or changes a record by an id from the path without checking that the record belongs to the current user or tenant (BOLA).',
    severity: 'medium',
    // A heuristic: ownership can be enforced in places static analysis does not see (a service
    // layer, row-level security, a scoped database client).
    confidence: 'low',
    cwe: ['CWE-639', 'CWE-284'],
    owaspApi: ['API1:2023'],
    fix: 'none',
  },

  *detect(ctx) {
    for (const route of routesToCheck(ctx)) {
      const params = pathParams(route.path);
      if (params.length === 0 || !hasAuth(route) || elevatedRoleCheck(route)) continue;
      if (onSharedRecord(route)) continue;
      // missing-authz already reports this route (e.g. a DELETE with neither role nor ownership check).
      if (lacksAuthorization(ctx, route)) continue;
      const flow = handlerFlow(ctx, route);
      if (!flow) continue;
      const calls = persistenceCalls(flow.scope.facts, flow.scope.fns);
      const byId = calls.find((c) => c.args.some((a) => flow.labelsOf(a).has('param')));
      if (!byId) continue;
      if (calls.some((c) => isUserScoped(flow, c)) || ownershipEvidence(ctx, flow)) continue;
      yield { route, call: byId, file: flow.scope.file, params };
    }
  },

  report({ route, call, file, params }) {
    const verb = call.op === 'read' ? 'loads' : call.op === 'delete' ? 'deletes' : 'changes';
    const param = params.length === 1 ? `:${params[0]}` : `the path parameters (${params.map((p) => `:${p}`).join(', ')})`;
    return {
      message: `${route.method} ${route.path} ${verb} a record by ${param} (${describeDbCall(call)}) but neither the query nor a later check involves the current user or tenant: any signed-in user can ${call.op === 'read' ? 'read' : 'change'} anyone's record by trying ids (broken object-level authorization). Scope the query by owner (e.g. where: { id, ownerId: req.user.id }) or compare the record's owner with the current user and answer 404/403.`,
      location: { file, span: call.site.expr.span },
      routeKey: route.key,
      related: [{ message: 'route registered here', location: route.registration }],
    };
  },
});
