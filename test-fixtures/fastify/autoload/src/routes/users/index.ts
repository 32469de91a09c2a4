import type { FastifyPluginAsync } from 'fastify';

const users: FastifyPluginAsync = async (fastify) => {
  // expect-none: missing-auth
  fastify.get('/', async () => []);

  // expect-none: missing-auth
  // expect: missing-authz -- a delete behind authentication only
  fastify.delete('/:id', async (request) => ({ removed: request.params }));
};

export default users;
