import type { FastifyInstance } from 'fastify';

export default async function adminRoutes(app: FastifyInstance) {
  // No limiter anywhere on this path.
  // expect: missing-auth, missing-rate-limit
  app.post('/bulk-import', async (request) => ({ rows: request.body }));
}
