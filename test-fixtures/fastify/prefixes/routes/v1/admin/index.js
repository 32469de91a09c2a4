'use strict';

module.exports = async function (fastify) {
  // expect-none: missing-auth
  // expect: missing-authz -- an admin path behind authentication only
  fastify.post('/users/:id/roles', async (request) => ({ granted: request.body }));

  fastify.register(
    async function (reports) {
      // expect-none: missing-auth
      // expect: missing-authz -- an admin path behind authentication only
      reports.get('/salaries', async () => []);
    },
    { prefix: '/reports' },
  );
};
