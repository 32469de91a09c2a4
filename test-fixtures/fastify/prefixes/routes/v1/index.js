'use strict';

const adminRoutes = require('./admin');
const { registerHealth } = require('./health');
const sessionGuard = require('./session-guard');

module.exports = async function v1(fastify) {
  registerHealth(fastify);
  fastify.register(sessionGuard, { prefix: '/ignored' });
  fastify.register(adminRoutes, { prefix: '/admin' });
};
