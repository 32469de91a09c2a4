import type { FastifyInstance } from 'fastify';
import { notes } from './store.js';

export default async function legacyRoutes(app: FastifyInstance) {
  // expect: missing-auth
  // expect: unvalidated-input, mass-assignment
  app.post('/', async (request) => notes.create(request.body));
}
