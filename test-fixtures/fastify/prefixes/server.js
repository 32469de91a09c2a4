'use strict';

// expect: missing-security-headers
const fastify = require('fastify')({ logger: true });
const { API_PREFIX } = require('./config');

fastify.register(require('./routes/v1'), { prefix: `${API_PREFIX}/v1` });
fastify.register(require('./routes/legacy'), { prefix: '/legacy' });

fastify.listen({ port: 3000 });
