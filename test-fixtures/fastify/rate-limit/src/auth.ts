import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { accounts } from './accounts.js';

export default async function authRoutes(app: FastifyInstance) {
  // Awaited: the limiter's onRoute hook exists before the routes below are declared.
  await app.register(rateLimit, { max: 100, timeWindow: '1 minute' });

  // Limited by the global limiter.
  // expect-none: missing-auth, missing-rate-limit
  app.post('/login', async (request) => accounts.login(request.body));

  // The global limiter switched off for this route.
  // expect: missing-rate-limit
  // expect-none: missing-auth
  app.post('/reset-password', { config: { rateLimit: false } }, async (request) => accounts.reset(request.body));

  // A stricter per-route limit.
  // expect-none: missing-auth, missing-rate-limit
  app.post('/verify-otp', { config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } }, async (request) => accounts.verifyOtp(request.body));
}
