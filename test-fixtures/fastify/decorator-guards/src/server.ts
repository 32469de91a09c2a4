import Fastify from 'fastify';
import fastifyAuth from '@fastify/auth';
import bearerAuth from '@fastify/bearer-auth';
import guards from './guards.js';
import { db } from './db.js';

// expect: missing-security-headers
const app = Fastify();

await app.register(guards);
await app.register(fastifyAuth);

// expect-none: missing-auth
// expect: unvalidated-input, mass-assignment
app.post('/projects', { onRequest: [app.authenticate] }, async (request) => db.projects.create(request.body));

// A decorator that only loads data is not a guard.
// expect: missing-auth
// expect: unvalidated-input, mass-assignment
app.put('/projects/:id', { onRequest: [app.loadProject] }, async (request) => db.projects.update(request.body));

// @fastify/auth: any one strategy passes.
// expect-none: missing-auth
// expect: missing-authz -- a delete behind authentication only
app.route({
  method: 'DELETE',
  url: '/projects/:id',
  preHandler: app.auth([app.authenticate, app.verifyApiKey]),
  handler: async (request) => db.projects.remove(request.params),
});

// A guard factory given to decorate: `requireRole('admin')` checks the user's role.
// expect-none: missing-auth
app.post('/admin/audit/purge', { preHandler: [app.authenticate, app.requireRole('admin')] }, async () => db.audit.purge());

// Bearer tokens for machine clients, in their own context: the hook stays inside it.
app.register(
  async (machine) => {
    await machine.register(bearerAuth, { keys: new Set([process.env.INGEST_TOKEN!]) });
    // expect-none: missing-auth
    // expect: unvalidated-input, mass-assignment
    machine.post('/ingest', async (request) => db.events.insert(request.body));
  },
  { prefix: '/machine' },
);

// expect: missing-auth
// expect: unvalidated-input, mass-assignment
app.post('/events', async (request) => db.events.insert(request.body));

await app.listen({ port: 3000 });
