import type { FastifyRequest, RouteOptions } from 'fastify';
import { checkToken } from '../guards.js';
import { inventory } from '../inventory.js';

export const itemRoutes: RouteOptions[] = [
  {
    method: 'GET',
    url: '/items',
    handler: async () => inventory.list(),
  },
  // expect-none: missing-auth
  {
    method: 'POST',
    url: '/items',
    onRequest: [checkToken],
    // expect: unvalidated-input, mass-assignment
    handler: async (request: FastifyRequest) => inventory.upsert(request.body),
  },
  // expect: missing-auth
  {
    method: 'PATCH',
    url: '/items/:id',
    // expect: unvalidated-input, mass-assignment
    handler: async (request: FastifyRequest) => inventory.upsert(request.body),
  },
];
