'use strict';

const fp = require('fastify-plugin');

// fastify-plugin: no new context, so the `prefix` option is ignored and the hook applies to the
// v1 context that registered it.
module.exports = fp(async function sessionGuard(fastify) {
  fastify.addHook('preHandler', async (request, reply) => {
    if (!request.session || !request.session.userId) {
      reply.code(401);
      throw new Error('not signed in');
    }
  });
});
