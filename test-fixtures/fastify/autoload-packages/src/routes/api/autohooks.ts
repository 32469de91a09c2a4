import type { FastifyInstance } from 'fastify';

export default async function (fastify: FastifyInstance) {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/auth/')) return;
    if (!request.session.user) {
      return reply.unauthorized('sign in first');
    }
  });
}
