/**
 * The route model: every endpoint the project exposes, with the ordered chain of what runs before
 * its handler and the facts found inside the handler. Plain data only (strings, numbers, spans):
 * it is serialized to JSON by `routeguard routes`, cached by the language server and read by rules.
 */
import type { FnId, Span } from './ir';

export type Framework = 'express' | 'fastify' | 'next';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'ALL';

export const WRITE_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE', 'ALL'];

/** A place in the project: file plus offsets. Lines and columns are computed at the edges. */
export interface Location {
  file: string;
  span: Span;
}

export type MiddlewareRole = 'auth' | 'role-check' | 'validation' | 'rate-limit' | 'cors' | 'body-limit' | 'unknown';

/** Why a role was given: the order here is also the order of trust. */
export type RoleSource = 'config' | 'library' | 'behaviour' | 'name';

export interface Middleware {
  /** How the middleware reads in code: `requireAuth`, `requireRole('admin')`, `passport.authenticate('jwt')`. */
  name: string;
  roles: MiddlewareRole[];
  roleSource: RoleSource | undefined;
  /** Literal arguments of a factory call, e.g. ['admin'] for `requireRole('admin')`. */
  args: string[];
  /** Where it is attached to this route (the `use` call or the argument in the registration). */
  at: Location;
  /** Where the middleware function is defined, when it could be resolved. */
  definition: Location | undefined;
  /** 'global' for app-level `use`, 'mount' for a router-level or path-prefixed `use`, 'route' for inline. */
  scope: 'global' | 'mount' | 'route';
  /** Framework-specific detail, e.g. the Fastify hook name. */
  hook?: string;
}

/** Facts found in the handler (and in the functions it calls in the same file). */
export interface HandlerFacts {
  /** Request parts read: 'body', 'query', 'params', 'headers', 'cookies', 'json()', 'formData()', 'searchParams'. */
  inputs: string[];
  /** Body fields read, e.g. ['email', 'password']. */
  bodyFields: string[];
  /** An authentication check inside the handler that ends the request on failure. */
  authCheck: Location | undefined;
  /** A role/permission/ownership-of-role check that answers 403 (or ends the request). */
  roleCheck: Location | undefined;
  /** Schema validation inside the handler (zod parse, joi validate, …). */
  validation: Location | undefined;
  /** A rate-limit check inside the handler (e.g. `ratelimit.limit()` in Next.js). */
  rateLimit: Location | undefined;
  /**
   * Credential work done by the handler or the project functions it calls (two levels deep):
   * what tells a sign-up or login route by behaviour rather than by path.
   */
  credentialOps: CredentialOp[];
}

export type CredentialOp = 'password-hash' | 'password-compare' | 'token-sign' | 'session-login';

export type Certainty = 'resolved' | 'partial';

export interface Route {
  /** Stable key: `METHOD fullPath`, plus `#n` when the same key repeats. */
  key: string;
  framework: Framework;
  method: HttpMethod;
  /** The full path with every mount prefix resolved, e.g. `/api/users/:id`. */
  path: string;
  /** The registration (`router.get(...)`, the route file's export). */
  registration: Location;
  /** The handler function, when it could be resolved. */
  handler: Location | undefined;
  /** The handler's function in its file (index into `FileFacts.functions`). */
  handlerFn: { file: string; fn: FnId; /** Parts of the function that serve other routes (other methods' branches of a Next.js Pages API handler): code there does not run for this route. */ exclude?: Span[] } | undefined;
  /** Everything that runs before the handler, in order: global, then mounts, then inline. */
  chain: Middleware[];
  handlerFacts: HandlerFacts;
  /**
   * Where one more middleware can be inserted in source so that it runs before the handler (for
   * Express: before the first middleware/handler argument). Used by quick-fixes.
   */
  chainInsertion: Location | undefined;
  /** Mount sites from the outermost app down to this route's router (for "router mounted here"). */
  mounts: Location[];
  certainty: Certainty;
  /** Why the route is `partial` (an unresolved router, a dynamic path…). */
  notes: string[];
  /**
   * Fastify: the request-body size limit that applies to this route — the route's `bodyLimit`,
   * else the server's `Fastify({ bodyLimit })`, else Fastify's 1 MiB default — and where it is
   * set (undefined for the default). `bytes` is undefined when the value is not a constant.
   */
  bodyLimit?: { bytes: number | undefined; at: Location | undefined; source: 'route' | 'server' | 'default' };
  /**
   * Fastify: the route's options object when it is written inline (`{ schema, config, handler }`),
   * and where an options argument can be inserted when there is none (before the handler of a
   * shorthand such as `app.post('/x', handler)`). Quick-fixes add `onRequest` or
   * `config.rateLimit` here; `chainInsertion` is undefined for Fastify routes.
   */
  routeOptions?: { object: Location | undefined; insertAt: Location | undefined };
  /**
   * Next.js: what `middleware.ts`/`proxy.ts` does for this route. `auth`: it runs here and denies
   * anonymous requests (a chain entry with `hook: 'next-middleware'` carries the role); `partial`:
   * it may, but only under conditions the analyzer could not decide or the client controls (a
   * `has`/`missing` matcher, a path test it could not evaluate); `runs`: it runs but enforces no
   * auth here; `skipped`: its matcher leaves the route out. Undefined when there is no middleware
   * file, for server actions, and for other frameworks.
   */
  middlewareCoverage?: 'auth' | 'partial' | 'runs' | 'skipped';
  /**
   * Next.js server actions (`'use server'`): the action's name, and whether it writes anything (a
   * database write, a `fetch` with a write method, `revalidatePath`). Every action is callable by
   * POST, so its method is POST either way.
   */
  serverAction?: { name: string; mutates: boolean };
}

export interface AppFacts {
  framework: Framework;
  /** Where the app is created (`express()`, `Fastify()`), or the Next config file. */
  at: Location;
  globalMiddleware: Middleware[];
  helmet: Location | undefined;
  cors: Location[];
  bodyParsers: Location[];
  /** Fastify: the server-wide `bodyLimit` of `Fastify({ bodyLimit })`, when set (else the 1 MiB default applies). */
  bodyLimit?: { bytes: number | undefined; at: Location };
}

export interface Problem {
  file: string | undefined;
  span: Span | undefined;
  /** e.g. 'parse-error', 'file-too-large', 'unresolved-import', 'limit'. */
  kind: string;
  message: string;
}

export interface RouteModel {
  routes: Route[];
  apps: AppFacts[];
  problems: Problem[];
}
