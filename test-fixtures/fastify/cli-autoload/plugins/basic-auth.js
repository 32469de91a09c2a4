'use strict';

const fp = require('fastify-plugin');

module.exports = fp(async function (fastify) {
  fastify.register(require('@fastify/basic-auth'), {
    validate: async (username, password) => {
      if (username !== process.env.OPS_USER || password !== process.env.OPS_PASSWORD) throw new Error('denied');
    },
    authenticate: { realm: 'ops' },
  });
});
