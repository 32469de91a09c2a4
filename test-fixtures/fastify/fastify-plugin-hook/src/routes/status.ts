import type { FastifyInstance } from 'fastify';

export default async function statusRoutes(app: FastifyInstance) {
  // expect-none: missing-auth
  app.get('/', async () => ({ up: true }));

  // expect: missing-auth
  app.post('/maintenance', async (request) => ({ scheduled: request.body }));
}
