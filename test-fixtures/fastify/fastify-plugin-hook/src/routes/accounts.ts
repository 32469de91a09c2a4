import type { FastifyInstance } from 'fastify';

export default async function accountRoutes(app: FastifyInstance) {
  // expect-none: missing-auth
  app.get('/', async () => []);

  // expect-none: missing-auth
  app.post('/', async (request) => ({ created: request.body }));
}
