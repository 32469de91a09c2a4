'use strict';

module.exports = async function (fastify) {
  // expect-none: missing-auth
  fastify.get('/users', { onRequest: fastify.basicAuth }, async () => []);

  // expect: missing-auth
  fastify.post('/users', async (request) => ({ created: request.body }));
};
