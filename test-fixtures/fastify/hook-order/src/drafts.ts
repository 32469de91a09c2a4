import type { FastifyInstance } from 'fastify';
import { notes } from './store.js';

export default async function draftRoutes(app: FastifyInstance) {
  // expect-none: missing-auth
  // expect: unvalidated-input, mass-assignment
  app.post('/', async (request) => notes.create(request.body));
}
