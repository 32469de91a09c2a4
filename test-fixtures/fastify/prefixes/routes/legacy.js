'use strict';

module.exports = async function (fastify) {
  // expect: missing-auth, missing-rate-limit
  fastify.get('/users/export', async () => []);
};
