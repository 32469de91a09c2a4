import type { FastifyPluginAsync } from 'fastify';

const settings: FastifyPluginAsync = async (fastify) => {
  // expect-none: missing-auth -- the users autohooks cascade into this subfolder
  fastify.put('/', async (request) => ({ saved: request.body }));
};

export default settings;
