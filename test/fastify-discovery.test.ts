/**
 * Fastify discovery, checked on the route model itself (what rules and `routeguard routes` read):
 * full prefixed paths, the order and roles of each chain, schema parts, rate-limit timing, body
 * limits and app facts. The fixture apps' rule expectations live in their own annotations
 * (test/fixtures.test.ts); this file pins the model facts no rule looks at yet.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../analyzer/analyze';
import type { Route } from '../analyzer/model/route-model';

const FIXTURES = path.resolve(__dirname, '../test-fixtures/fastify');

async function model(app: string) {
  const result = await analyzeProject({ root: path.join(FIXTURES, app) });
  const routes = result.model.routes.filter((r) => r.framework === 'fastify');
  return { result, routes, apps: result.model.apps.filter((a) => a.framework === 'fastify') };
}

/** `METHOD path: name[roles]@hook …`, one line per route, sorted. */
function table(routes: readonly Route[]): string[] {
  return routes.map((r) => `${r.method} ${r.path}: ${r.chain.map((m) => `${m.name}[${m.roles.join('+')}]@${m.hook}`).join(' ')}`.trim()).sort();
}

function route(routes: readonly Route[], key: string): Route {
  const found = routes.find((r) => r.key === key);
  if (!found) throw new Error(`no route ${key}; have ${routes.map((r) => r.key).join(', ')}`);
  return found;
}

describe('Fastify discovery', () => {
  it('keeps an encapsulated hook inside its plugin and its children, not its siblings', async () => {
    const { routes } = await model('encapsulation');
    expect(table(routes)).toEqual([
      'DELETE /admin/users/:id: verifySession[auth]@onRequest',
      'GET /admin/users: verifySession[auth]@onRequest',
      'GET /health:',
      'GET /reports/export:',
      'POST /admin/billing/invoices/export: verifySession[auth]@onRequest',
      'POST /reports:',
    ]);
    const guarded = route(routes, 'DELETE /admin/users/:id');
    expect(guarded.chain[0]).toMatchObject({ scope: 'mount', roleSource: 'behaviour' });
    expect(guarded.mounts).toHaveLength(1);
    expect(guarded.certainty).toBe('resolved');
  });

  it('shares a fastify-plugin hook with the plugins that load after it, and with root routes', async () => {
    const { routes, apps } = await model('fastify-plugin-hook');
    expect(table(routes)).toEqual([
      'DELETE /sessions/:id: preHandler hook[auth]@preHandler',
      'GET /accounts: preHandler hook[auth]@preHandler',
      'GET /status:',
      'POST /accounts: preHandler hook[auth]@preHandler',
      'POST /status/maintenance:',
    ]);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.globalMiddleware.map((m) => m.name)).toEqual(['preHandler hook']);
  });

  it('reads hooks the way avvio loads plugins: same-context hooks count, awaited children copy hooks early', async () => {
    const { routes } = await model('hook-order');
    expect(table(routes)).toEqual([
      'DELETE /notes/:id:',
      'POST /v1/drafts: requireUser[auth]@onRequest',
      'POST /v1/notes: requireUser[auth]@onRequest',
      'POST /v2/legacy:',
      'PUT /v2/notes/:id: requireUser[auth]@onRequest',
    ]);
  });

  it('follows @fastify/autoload: folder prefixes, options.prefix, cascading autohooks, fastify-plugin decorators', async () => {
    const { routes, result } = await model('autoload');
    expect(table(routes)).toEqual([
      'DELETE /api/orders/:id:',
      'DELETE /api/users/:id: fastify.authenticate[auth]@onRequest',
      'GET /api/users: fastify.authenticate[auth]@onRequest',
      'GET /api:',
      'POST /api/orders: fastify.authenticate[auth]@onRequest',
      'POST /api/public/feedback:',
      'PUT /api/users/settings: fastify.authenticate[auth]@onRequest',
    ]);
    // The decorator is resolved to the function given to `decorate` (it calls request.jwtVerify()).
    const users = route(routes, 'GET /api/users');
    expect(users.chain[0]!.roleSource).toBe('behaviour');
    expect(users.chain[0]!.definition?.file).toBe('src/plugins/auth.ts');
    // The test file's own Fastify() is a harness, not an app.
    expect(result.model.apps.map((a) => a.at.file)).toEqual(['src/server.ts']);
  });

  it('handles a fastify-cli entry plugin, dirNameRoutePrefix: false, autoPrefix, routeParams and ignorePattern', async () => {
    const { routes, apps } = await model('cli-autoload');
    expect(table(routes)).toEqual([
      'DELETE /items/:itemId:',
      'GET /v1/billing/invoices: fastify.basicAuth[auth]@onRequest',
      'GET /v1/users: fastify.basicAuth[auth]@onRequest',
      'POST /v1/users:',
    ]);
    expect(route(routes, 'GET /v1/users').chain[0]!.roleSource).toBe('library');
    expect(apps.map((a) => a.at.file)).toEqual(['app.js']);
    expect(routes.every((r) => r.certainty === 'resolved')).toBe(true);
  });

  it('resolves decorators, @fastify/auth compositions, guard factories and @fastify/bearer-auth', async () => {
    const { routes } = await model('decorator-guards');
    expect(table(routes)).toEqual([
      "DELETE /projects/:id: app.auth()[auth]@preHandler",
      'POST /admin/audit/purge: app.authenticate[auth]@preHandler app.requireRole(\'admin\')[auth+role-check]@preHandler',
      'POST /events:',
      'POST /machine/ingest: @fastify/bearer-auth[auth]@onRequest',
      'POST /projects: app.authenticate[auth]@onRequest',
      'PUT /projects/:id: app.loadProject[unknown]@onRequest',
    ]);
    expect(route(routes, 'DELETE /projects/:id').chain[0]!.roleSource).toBe('library');
  });

  it('counts request.jwtVerify() in a hook and in the handler, not a decode', async () => {
    const { routes } = await model('jwt-verify');
    expect(route(routes, 'POST /wallet/transfers').chain.map((m) => m.roles)).toEqual([['auth']]);
    expect(route(routes, 'DELETE /wallet/cards/:id').handlerFacts.authCheck).toBeDefined();
    expect(route(routes, 'PUT /wallet/limits').handlerFacts.authCheck).toBeUndefined();
  });

  it('turns route schemas into one validation entry per request part, between preValidation and preHandler', async () => {
    const { routes } = await model('schema-validation');
    expect(table(routes)).toEqual([
      'GET /teams: requireStaff[auth]@onRequest schema.querystring[validation]@schema',
      'PATCH /users/:id/email: requireStaff[auth]@onRequest schema.body[validation]@schema schema.params[validation]@schema',
      'POST /teams/:id/archive: requireStaff[auth]@onRequest',
      'POST /teams: requireStaff[auth]@onRequest schema.body[validation]@schema schema.querystring[validation]@schema',
      'POST /users: requireStaff[auth]@onRequest schema.body[validation]@schema',
      'PUT /users/:id: requireStaff[auth]@onRequest schema.querystring[validation]@schema',
    ]);
    const full = await model('route-options');
    expect(route(full.routes, 'GET /inventory').chain.map((m) => m.hook)).toEqual(['onRequest', 'preValidation', 'schema', 'preHandler']);
  });

  it('applies @fastify/rate-limit only to routes declared after it loaded, honouring config.rateLimit', async () => {
    const { routes } = await model('rate-limit');
    expect(table(routes)).toEqual([
      'POST /admin/bulk-import:',
      'POST /auth/login: @fastify/rate-limit[rate-limit]@onRequest',
      'POST /auth/reset-password:',
      'POST /auth/verify-otp: config.rateLimit[rate-limit]@onRequest',
      'POST /reports/exports:',
    ]);
  });

  it('records CORS, helmet, multipart and body limits (server and per route)', async () => {
    const { routes, apps } = await model('server-options');
    const app = apps[0]!;
    expect(app.helmet).toBeDefined();
    expect(app.cors).toHaveLength(2);
    expect(app.bodyParsers).toHaveLength(2);
    expect(app.bodyLimit?.bytes).toBe(5 * 1024 * 1024);
    expect(route(routes, 'POST /imports').bodyLimit).toMatchObject({ bytes: 50 * 1024 * 1024, source: 'route' });
    expect(route(routes, 'POST /notes').bodyLimit).toMatchObject({ bytes: 5 * 1024 * 1024, source: 'server' });
    expect(route(routes, 'POST /uploads').chain.map((m) => m.name)).toContain('@fastify/multipart');
    expect(route(routes, 'GET /uploads/:id').chain.map((m) => m.name)).not.toContain('@fastify/multipart');
    // A CORS plugin registered inside a plugin stays there.
    expect(route(routes, 'POST /notes').chain.filter((m) => m.roles.includes('cors'))).toHaveLength(1);
    expect(route(routes, 'GET /widget/embed').chain.filter((m) => m.roles.includes('cors'))).toHaveLength(2);
  });

  it('reads route(), methods arrays, shorthand options and route arrays registered in a loop', async () => {
    const { routes } = await model('route-options');
    expect(routes.map((r) => r.key).sort()).toEqual(['DELETE /inventory/:sku', 'GET /inventory', 'GET /items', 'PATCH /items/:id', 'POST /inventory', 'POST /inventory/reset', 'POST /items', 'PUT /inventory/:sku']);
    // Route objects from the array are located where they are written.
    expect(route(routes, 'PATCH /items/:id').registration.file).toBe('src/routes/items.ts');
    const shorthand = route(routes, 'POST /inventory/reset');
    expect(shorthand.chainInsertion).toBeUndefined();
    expect(shorthand.routeOptions?.insertAt).toBeDefined();
    expect(route(routes, 'GET /inventory').routeOptions?.object).toBeDefined();
  });

  it('joins nested prefixes across files, CommonJS constants and helpers; fastify-plugin ignores its prefix', async () => {
    const { routes } = await model('prefixes');
    expect(table(routes)).toEqual([
      'GET /api/v1/admin/reports/salaries: preHandler hook[auth]@preHandler',
      'GET /api/v1/healthz: preHandler hook[auth]@preHandler',
      'GET /legacy/users/export:',
      'POST /api/v1/admin/users/:id/roles: preHandler hook[auth]@preHandler',
    ]);
  });

  it('follows autoloaded packages with autoConfig, request decorators and hook exemptions', async () => {
    const { routes, result } = await model('autoload-packages');
    expect(table(routes)).toEqual([
      'DELETE /api/projects/:id: @fastify/cors[cors]@onRequest onRequest hook[auth]@onRequest preHandler[auth+role-check]@preHandler',
      'GET /api/projects: @fastify/cors[cors]@onRequest onRequest hook[auth]@onRequest',
      // The auth hook returns early for /api/auth/*.
      'POST /api/auth/forgot-password: @fastify/cors[cors]@onRequest onRequest hook[unknown]@onRequest',
      // `autoConfig: () => ({ global: false })`: only the route asking for a limit gets one.
      'POST /api/auth/login: @fastify/cors[cors]@onRequest onRequest hook[unknown]@onRequest config.rateLimit[rate-limit]@onRequest',
    ]);
    // The autoloaded @fastify/cors is located at the plugin file's export.
    expect(result.model.apps.find((a) => a.framework === 'fastify')!.cors[0]!.file).toBe('src/plugins/external/cors.ts');
    expect(result.model.problems.filter((p) => p.kind === 'unresolved-plugin')).toEqual([]);
  });

  it('recognizes sign-up and login through decorators and keeps paths built from plugin options', async () => {
    const { routes } = await model('realworld-shapes');
    const signUp = route(routes, 'POST /:apiPrefix/users');
    expect(signUp.handlerFacts.credentialOps).toEqual(['password-hash', 'token-sign']);
    expect(signUp.certainty).toBe('partial');
    expect(route(routes, 'POST /:apiPrefix/users/login').handlerFacts.credentialOps).toContain('password-compare');
    expect(route(routes, 'POST /:apiPrefix/articles/:slug/favorite').chain.map((m) => m.roles)).toEqual([['unknown']]);
  });
});
