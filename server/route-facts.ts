/**
 * A route's access facts in editor words: the CodeLens line, the hover and the route map entry.
 * Built from the route model only, with the same predicates the rules use (rules/utils/
 * route-predicates.ts), so that the editor never disagrees with a finding about "has auth".
 *
 * No secret ever reaches these strings: middleware are shown by name, and literal arguments only
 * for role checks (`requireRole('admin')` → `admin`), never for other factories (`basicAuth('u',
 * 'p')` shows as `basicAuth`).
 */
import type { ResolvedConfig } from '../analyzer/config/types';
import type { Middleware, Route } from '../analyzer/model/route-model';
import { WRITE_METHODS } from '../analyzer/model/route-model';
import { hasAuth, hasRoleCheck, isPublicByDesign } from '../rules/utils/route-predicates';
import type { AuthState } from './protocol';

export interface RouteFacts {
  authState: AuthState;
  guards: string[];
  roles: string[];
  validators: string[];
  validated: boolean;
  /** The route reads a body or is a write: validation is expected. */
  takesInput: boolean;
  rateLimiters: string[];
  rateLimited: boolean;
  publicByDesign: boolean;
}

/** `requireAuth`, `passport.authenticate('jwt')` → `passport.authenticate`: names, never arguments. */
export function baseName(m: Middleware): string {
  const paren = m.name.indexOf('(');
  return (paren >= 0 ? m.name.slice(0, paren) : m.name).trim() || 'middleware';
}

/** Role names are short identifiers (`admin`, `billing:write`); anything else is not shown. */
function roleArgs(m: Middleware): string[] {
  return m.args.filter((a) => /^[\w:.*-]{1,40}$/.test(a));
}

const unique = (xs: string[]) => [...new Set(xs)];

export function routeFacts(route: Route, config: ResolvedConfig): RouteFacts {
  const withRole = (role: Middleware['roles'][number]) => route.chain.filter((m) => m.roles.includes(role));
  const facts = route.handlerFacts;
  const roleMiddleware = withRole('role-check');
  // `requireAuth, requireRole('admin')` → guard requireAuth, role admin; a role check that is the only
  // guard (`requireRole('admin')`) is the guard as well: guard requireRole, role admin.
  const authOnly = withRole('auth').filter((m) => !m.roles.includes('role-check'));
  const guards = unique((authOnly.length > 0 ? authOnly : roleMiddleware).map(baseName));
  if (facts.authCheck) guards.push('in handler');
  const roles = unique(roleMiddleware.flatMap((m) => (roleArgs(m).length > 0 ? roleArgs(m) : guards.includes(baseName(m)) ? [] : [baseName(m)])));
  if (facts.roleCheck) roles.push('in handler');
  const validators = unique(withRole('validation').map(baseName));
  if (facts.validation) validators.push('in handler');
  const rateLimiters = unique(withRole('rate-limit').map(baseName));
  if (facts.rateLimit) rateLimiters.push('in handler');
  const takesInput = (WRITE_METHODS.includes(route.method) && route.method !== 'DELETE') || facts.inputs.some((i) => i === 'body' || i === 'json()' || i === 'formData()');
  return {
    authState: hasRoleCheck(route) ? 'role-checked' : hasAuth(route) ? 'authenticated' : 'public',
    guards,
    roles,
    validators,
    validated: validators.length > 0,
    takesInput,
    rateLimiters,
    rateLimited: rateLimiters.length > 0,
    publicByDesign: !hasAuth(route) && isPublicByDesign(route, config),
  };
}

/** The CodeLens line: `🔒 requireAuth · admin · validated · rate-limited` or `⚠ public · unvalidated`. */
export function routeSummary(route: Route, facts: RouteFacts): string {
  const parts: string[] = [];
  if (facts.authState === 'public') parts.push(facts.publicByDesign ? '🔓 public by design' : '⚠ public');
  else parts.push(`🔒 ${facts.guards.length > 0 ? facts.guards.join(', ') : 'guarded'}`);
  if (facts.roles.length > 0) parts.push(facts.roles.join(', '));
  if (facts.validated) parts.push('validated');
  else if (facts.takesInput) parts.push('unvalidated');
  if (facts.rateLimited) parts.push('rate-limited');
  if (route.certainty === 'partial') parts.push('partly resolved');
  return parts.join(' · ');
}

const FRAMEWORK_NAMES: Record<string, string> = { express: 'Express', fastify: 'Fastify', next: 'Next.js' };

/**
 * The hover: method and full path, then guard, roles, validation and rate limit. `where(loc)`
 * renders a location as `file:line`; `findings` are the rule ids reported on this route.
 */
export function routeHover(route: Route, facts: RouteFacts, where: (m: Route['mounts'][number]) => string, findings: string[]): string {
  const code = (s: string) => (s === 'in handler' ? 'in the handler' : `\`${s.replace(/`/g, "'")}\``);
  const list = (xs: string[], none: string) => (xs.length > 0 ? xs.map(code).join(', ') : none);
  const lines = [
    `**${route.method} ${route.path.replace(/([*_[\]\\`])/g, '\\$1')}** — ${FRAMEWORK_NAMES[route.framework] ?? route.framework} route`,
    '',
    `- **Guard:** ${facts.authState === 'public' ? (facts.publicByDesign ? '🔓 none — public by design' : '⚠ none — anyone can call it') : `🔒 ${list(facts.guards, 'guarded')}`}`,
    `- **Roles:** ${list(facts.roles, 'no role check')}`,
    `- **Validation:** ${facts.validated ? `✓ ${list(facts.validators, '')}` : facts.takesInput ? '✗ input is not validated' : 'no request body'}`,
    `- **Rate limit:** ${facts.rateLimited ? `✓ ${list(facts.rateLimiters, '')}` : 'none'}`,
  ];
  if (route.mounts.length > 0) lines.push(`- **Mounted at:** ${route.mounts.map(where).join(' → ')}`);
  if (route.certainty === 'partial') lines.push(`- **Partly resolved:** ${route.notes.join('; ') || 'some of the chain could not be followed'}`);
  if (findings.length > 0) lines.push('', `RouteGuard findings on this route: ${unique(findings).map(code).join(', ')}`);
  return lines.join('\n');
}
