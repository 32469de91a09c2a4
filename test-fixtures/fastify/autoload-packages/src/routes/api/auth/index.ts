import type { FastifyPluginAsync } from 'fastify';
import { accounts } from '../../../accounts.js';

const auth: FastifyPluginAsync = async (fastify) => {
  // expect-none: missing-auth, missing-rate-limit
  fastify.post('/login', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (request) => accounts.login(request.body));

  // The limiter is not global here and this route asks for none.
  // expect: missing-rate-limit
  // expect-none: missing-auth
  fastify.post('/forgot-password', async (request) => accounts.sendReset(request.body));
};

export default auth;
