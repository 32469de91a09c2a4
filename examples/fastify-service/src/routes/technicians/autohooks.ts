import type { FastifyInstance } from 'fastify';

// Every route in routes/technicians (and its subfolders) requires a valid token.
export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', fastify.authenticate);
}
