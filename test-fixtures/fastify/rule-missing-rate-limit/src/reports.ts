import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { verifySession } from './auth.js';

export default async function reportRoutes(reports: FastifyInstance) {
  // This context limits every route of its own, although the parent registered the plugin with global: false.
  await reports.register(rateLimit, { max: 30, timeWindow: '1 minute' });
  reports.addHook('onRequest', verifySession);

  // todo-expect-none: missing-rate-limit -- Fastify discovery keeps the parent's @fastify/rate-limit (global: false) and misses this context's own global one
  // expect: missing-authz -- an export behind authentication only
  reports.get('/export', async () => ({ rows: [] }));
}
