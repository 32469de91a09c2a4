import type { FastifyPluginAsync } from 'fastify';

const feedback: FastifyPluginAsync = async (fastify) => {
  // expect: missing-auth
  fastify.post('/feedback', async (request) => ({ received: request.body }));
};

export default feedback;
