import type { FastifyPluginAsync } from 'fastify';

const projects: FastifyPluginAsync = async (fastify) => {
  // expect-none: missing-auth
  fastify.get('/', async () => []);

  // A role check made by a request decorator (`decorateRequest`), called from the hook.
  // expect-none: missing-auth
  fastify.delete('/:id', { preHandler: (request, reply) => request.isOwnerOrAdmin(reply) }, async (request) => ({ removed: request.params }));
};

export default projects;
