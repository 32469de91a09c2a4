'use strict';

module.exports = async function (fastify) {
  // expect-none: missing-auth
  fastify.post('/users/:id/roles', async (request) => ({ granted: request.body }));

  fastify.register(
    async function (reports) {
      // expect-none: missing-auth
      reports.get('/salaries', async () => []);
    },
    { prefix: '/reports' },
  );
};
