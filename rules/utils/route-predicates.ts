/**
 * Shared predicates over routes, so that every rule agrees on what "guarded", "sensitive" and
 * "public by design" mean.
 */
import type { Middleware, Route } from '../../analyzer/model/route-model';
import type { ResolvedConfig } from '../../analyzer/config/types';

const SENSITIVE_SEGMENT = /^(admin|admins|administrator|users?|accounts?|export|exports|billing|payroll|payments?|invoices?|settings|config|secrets?|keys|tokens|roles|permissions|employees?|salary|salaries|customers?|orders?|reports?|audit|internal|impersonate|backup|dump|members?|staff|tenants?|orgs?|organizations?|private|me|profile)$/i;
const CRITICAL_SEGMENT = /^(admin|admins|administrator|export|exports|payroll|salary|salaries|impersonate|backup|dump|secrets?|keys)$/i;

/**
 * Actions meant for anonymous clients: signing in, health checks, password-reset requests. Matched
 * against a path segment folded to lower case without `-`/`_` and a plural `s`.
 */
const PUBLIC_ACTIONS = new Set([
  'login', 'logout', 'signin', 'signout', 'register', 'signup', 'health', 'healthz', 'healthcheck', 'ping', 'status', 'ready', 'readyz', 'live', 'livez', 'liveness', 'readiness',
  'forgot', 'forgotpassword', 'resetpassword', 'passwordreset', 'verifyemail', 'confirmemail', 'csrf', 'csrftoken', 'callback', 'oauth', 'metric', 'version',
  'favicon.ico', 'robots.txt', 'refresh', 'refreshtoken', 'token', 'authenticate', 'session', 'magiclink', 'otp', 'verifyotp',
]);

function foldSegment(segment: string): string {
  return segment.toLowerCase().replace(/[-_]/g, '').replace(/s$/, '');
}

/** The static segments of a path (shared and read-only: most rules ask for every route's). */
export function pathSegments(path: string): readonly string[] {
  let segments = segmentsByPath.get(path);
  if (!segments) {
    // Bounded, so that a long language-server session does not grow it without end.
    if (segmentsByPath.size >= 20_000) segmentsByPath.clear();
    segmentsByPath.set(path, (segments = path.split('/').filter((s) => s !== '' && !s.startsWith(':') && !s.startsWith('['))));
  }
  return segments;
}

const segmentsByPath = new Map<string, readonly string[]>();

export function hasAuth(route: Route): boolean {
  return route.chain.some((m) => m.roles.includes('auth') || m.roles.includes('role-check')) || route.handlerFacts.authCheck !== undefined || route.handlerFacts.roleCheck !== undefined;
}

export function authMiddleware(route: Route): Middleware[] {
  return route.chain.filter((m) => m.roles.includes('auth') || m.roles.includes('role-check'));
}

export function hasRoleCheck(route: Route): boolean {
  return route.chain.some((m) => m.roles.includes('role-check')) || route.handlerFacts.roleCheck !== undefined;
}

export function isSensitivePath(path: string, config: ResolvedConfig): boolean {
  if (pathSegments(path).some((s) => SENSITIVE_SEGMENT.test(s))) return true;
  return config.sensitivePaths.some((pattern) => matchPathPattern(pattern, path));
}

export function isCriticalPath(path: string): boolean {
  return pathSegments(path).some((s) => CRITICAL_SEGMENT.test(s));
}

/**
 * Public by design: the last static segment names a sign-in/health/reset action (`/auth/login`,
 * `/healthz`), or the route sits under a webhooks folder (`/webhooks/stripe`) — signatures, not
 * sessions, protect those, and `missing-webhook-verification` checks them.
 */
export function isPublicByDesign(route: Route, config: ResolvedConfig): boolean {
  if (config.publicRoutes.some((p) => (p.method === '*' || p.method === route.method) && matchPathPattern(p.path, route.path))) return true;
  const segments = pathSegments(route.path);
  if (segments.length === 0) return route.method === 'GET';
  if (PUBLIC_ACTIONS.has(foldSegment(segments[segments.length - 1]!))) return true;
  if (isSignInByBehaviour(route)) return true;
  return segments.some((s) => /^(webhooks?|hooks)$/i.test(s)) && !segments.some((s) => /^(admin|admins)$/i.test(s));
}

/**
 * A login or sign-up, told by what the handler does rather than its path: it compares a password
 * or starts a passport session (login), or it hashes a password and issues a token in one go
 * (sign-up that signs the user in). Creating a user without issuing a token is not enough: that is
 * what an unguarded admin "create user" endpoint looks like.
 */
export function isSignInByBehaviour(route: Route): boolean {
  const ops = route.handlerFacts.credentialOps;
  if (ops.includes('password-compare') || ops.includes('session-login')) return true;
  return ops.includes('password-hash') && ops.includes('token-sign');
}

/** `*` matches one segment, `**` any number; `:param` in the pattern matches one segment. */
export function matchPathPattern(pattern: string, path: string): boolean {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === s.length;
    const seg = p[i]!;
    if (seg === '**') {
      for (let k = j; k <= s.length; k++) if (match(i + 1, k)) return true;
      return false;
    }
    if (j === s.length) return false;
    if (seg === '*' || seg.startsWith(':') || seg === s[j]) return match(i + 1, j + 1);
    return false;
  };
  return match(0, 0);
}
