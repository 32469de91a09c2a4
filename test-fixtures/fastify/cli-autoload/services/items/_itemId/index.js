'use strict';

module.exports = async function (fastify) {
  // expect: missing-auth
  fastify.delete('/', async (request) => ({ removed: request.params.itemId }));
};
