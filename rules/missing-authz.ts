import type { Route } from '../analyzer/model/route-model';
import { defineRule } from './utils/define-rule';
import { lacksAuthorization, type Privilege } from './utils/privileged-actions';
import { authMiddleware } from './utils/route-predicates';
import { routesToCheck } from './utils/scope';

interface State {
  route: Route;
  privilege: Privilege;
}

export default defineRule<State>({
  id: 'missing-authz',
  incremental: true,
  meta: {
    summary: 'An authenticated route performs an admin, destructive, bulk, export, role-changing or payroll/billing action without any role or permission check.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-285', 'CWE-862'],
    owaspApi: ['API5:2023'],
    fix: 'none',
  },

  *detect(ctx) {
    for (const route of routesToCheck(ctx)) {
      const privilege = lacksAuthorization(ctx, route);
      if (privilege) yield { route, privilege };
    }
  },

  report({ route, privilege }) {
    const guard = authMiddleware(route)[0];
    const related = [
      ...(privilege.at ? [{ message: 'the privileged operation', location: privilege.at }] : []),
      ...(guard ? [{ message: `authentication only (${guard.name})`, location: guard.at }] : []),
    ];
    const remedy =
      privilege.kind === 'destructive'
        ? "Check the caller's role or permission before the handler (e.g. requireRole('admin'), authorize(…)), or that the record belongs to the caller (delete where: { id, ownerId: req.user.id })."
        : "Add a role or permission check before the handler (e.g. requireRole('admin'), authorize(…), a CASL ability), or check the role in the handler and answer 403.";
    return {
      message: `${route.method} ${route.path} ${privilege.words}, but nothing checks the caller's role or permissions: any signed-in user can call it. ${remedy}`,
      location: route.registration,
      routeKey: route.key,
      related,
    };
  },
});

