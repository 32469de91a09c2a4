'use strict';

const fp = require('fastify-plugin');
const bcrypt = require('bcryptjs');

module.exports = fp(function passwords(fastify, options, done) {
  fastify.decorate('hashPassword', async function (plain) {
    return bcrypt.hash(plain, 12);
  });
  fastify.decorate('checkPassword', async function (plain, hash) {
    return bcrypt.compare(plain, hash);
  });
  done();
});
