import type { FastifyInstance } from 'fastify';
import { reports } from './db.js';

export default async function reportRoutes(app: FastifyInstance) {
  // expect: missing-auth
  app.post('/', async (request) => reports.create(request.body));

  // expect: missing-auth
  // expect: missing-rate-limit -- an export with no limiter
  app.get('/export', async () => reports.exportAll());
}
