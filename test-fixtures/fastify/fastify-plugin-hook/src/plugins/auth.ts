import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';

const authPlugin: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('preHandler', async (request, reply) => {
    const apiKey = request.headers['x-api-key'];
    if (apiKey !== process.env.API_KEY) {
      return reply.code(401).send({ error: 'invalid api key' });
    }
  });
};

export default fp(authPlugin, { name: 'auth' });
