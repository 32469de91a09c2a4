'use strict';

module.exports = async function (fastify) {
  fastify.addHook('onRequest', fastify.basicAuth);

  // expect-none: missing-auth
  fastify.get('/invoices', async () => []);
};

module.exports.autoPrefix = '/billing';
