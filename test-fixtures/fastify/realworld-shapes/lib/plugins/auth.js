'use strict';

const fp = require('fastify-plugin');
const { Unauthorized } = require('http-errors');

module.exports = fp(async function (fastify) {
  fastify.register(require('@fastify/jwt'), { secret: process.env.JWT_SECRET, sign: { expiresIn: '2h' } });

  fastify.decorate('authenticate', async function (request) {
    try {
      await request.jwtVerify();
    } catch (err) {
      throw new Unauthorized();
    }
  });

  // Lets anonymous callers through: the error is swallowed on purpose.
  fastify.decorate('authenticateOptional', async function (request) {
    try {
      await request.jwtVerify();
    } catch (err) {
      // anonymous
    }
  });
});
