import type { FastifyPluginAsync } from 'fastify';

const root: FastifyPluginAsync = async (fastify) => {
  // expect-none: missing-auth
  fastify.get('/', async () => ({ name: 'shop api' }));
};

export default root;
