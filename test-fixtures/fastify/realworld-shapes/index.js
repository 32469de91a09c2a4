'use strict';

const app = require('./lib/app');

async function main() {
  const server = require('fastify')({ logger: true });
  await server.register(require('@fastify/helmet'));
  server.register(app, { apiPrefix: process.env.API_PREFIX || '/api/' });
  await server.listen({ port: 3000 });
}

main();
