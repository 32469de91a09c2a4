import type { FastifyInstance } from 'fastify';

// expect-none: missing-security-headers -- a plugin, not an app: whoever registers it sets the headers
export default async function reports(app: FastifyInstance) {
  app.get('/reports', async () => []);
}
