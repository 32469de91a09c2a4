import type { FastifyInstance } from 'fastify';
import { reports } from './db.js';

export default async function reportRoutes(app: FastifyInstance) {
  // expect: missing-auth
  // expect: unvalidated-input, mass-assignment
  app.post('/', async (request) => reports.create(request.body));

  // expect: missing-auth
  // expect: missing-rate-limit -- an export with no limiter
  app.get('/export', async () => reports.exportAll());
}
