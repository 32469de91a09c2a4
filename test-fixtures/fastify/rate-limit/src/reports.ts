import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';

export default async function reportRoutes(app: FastifyInstance) {
  // Not awaited: the plugin loads after this body, so the route below is declared before its
  // onRoute hook exists and gets no limiter, although its options ask for one.
  app.register(rateLimit, { global: false });

  // expect: missing-auth, missing-rate-limit
  app.post('/exports', { config: { rateLimit: { max: 2, timeWindow: '1 hour' } } }, async () => ({ queued: true }));
}
