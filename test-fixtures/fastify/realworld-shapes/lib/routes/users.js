'use strict';

const users = new Map();

module.exports = async function (server, options) {
  // Sign-up by behaviour, through decorators: the password is hashed and a token issued.
  // expect-none: missing-auth
  // expect: missing-rate-limit -- a sign-up with no limiter: accounts can be created in bulk
  server.route({
    method: 'POST',
    url: options.apiPrefix + 'users',
    handler: async (request, reply) => {
      const password = await server.hashPassword(request.body.password);
      users.set(request.body.email, password);
      return { token: await reply.jwtSign({ email: request.body.email }) };
    },
  });

  // expect-none: missing-auth
  // expect: missing-rate-limit
  server.route({
    method: 'POST',
    url: options.apiPrefix + 'users/login',
    handler: async (request, reply) => {
      const ok = await server.checkPassword(request.body.password, users.get(request.body.email) || '');
      if (!ok) return reply.code(401).send({ error: 'wrong credentials' });
      return { token: await reply.jwtSign({ email: request.body.email }) };
    },
  });

  // expect-none: missing-auth
  server.put(`${options.apiPrefix}user`, { onRequest: [server.authenticate] }, async (request) => ({ updated: request.body }));
};
