import type { FastifyInstance } from 'fastify';
import { reports } from './db.js';

export default async function reportRoutes(app: FastifyInstance) {
  // expect: missing-auth
  app.post('/', async (request) => reports.create(request.body));

  // expect: missing-auth
  app.get('/export', async () => reports.exportAll());
}
