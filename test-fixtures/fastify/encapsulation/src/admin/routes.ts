import type { FastifyInstance } from 'fastify';
import { verifySession } from '../auth.js';
import { users } from '../db.js';

export default async function adminRoutes(fastify: FastifyInstance) {
  fastify.addHook('onRequest', verifySession);

  // expect-none: missing-auth
  // expect: missing-authz -- an admin path behind a session check only
  fastify.delete('/users/:id', async (request: { params: { id: string } }) => users.remove(request.params.id));

  // expect-none: missing-auth
  // expect: missing-authz -- an admin path behind a session check only
  fastify.get('/users', async () => users.list());

  // A child plugin inherits the hooks of its parent context.
  fastify.register(
    async (billing) => {
      // expect-none: missing-auth
      // expect: missing-rate-limit -- an export with no limiter (medium: behind the admin session)
      // expect: missing-authz -- an admin path behind a session check only
      billing.post('/invoices/export', async () => ({ queued: true }));
    },
    { prefix: '/billing' },
  );
}
