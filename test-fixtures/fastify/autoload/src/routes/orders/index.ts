import type { FastifyPluginAsync } from 'fastify';

const orders: FastifyPluginAsync = async (fastify) => {
  // expect-none: missing-auth
  fastify.post('/', { onRequest: [fastify.authenticate] }, async (request) => ({ order: request.body }));

  // expect: missing-auth
  fastify.delete('/:id', async (request) => ({ cancelled: request.params }));
};

export default orders;
