import Fastify from 'fastify';
import rateLimit from '@fastify/rate-limit';
import bcrypt from 'bcrypt';
import { users } from './db.js';
import reportRoutes from './reports.js';
import helmet from '@fastify/helmet';

// expect: missing-security-headers
const app = Fastify({ logger: true });
app.register(helmet);

// Opt-in limiting: only routes with config.rateLimit are limited.
await app.register(rateLimit, { global: false });

// expect: missing-rate-limit -- shorthand without options: the fix adds an options argument
app.post('/login', { config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (request: { body: { email: string; password: string } }, reply) => {
  const user = await users.findByEmail(request.body.email);
  if (!user || !(await bcrypt.compare(request.body.password, user.passwordHash))) return reply.code(401).send({ error: 'wrong email or password' });
  return { id: user.id };
});

// expect: missing-rate-limit -- options without config: the fix adds config.rateLimit
app.post('/signup', { schema: { body: { type: 'object', required: ['email', 'password'] } }, config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async () => ({ created: true }));

// expect: missing-rate-limit -- options with a config object: the fix adds rateLimit inside it
app.post(
  '/forgot-password',
  {
    config: { audit: true, rateLimit: { max: 10, timeWindow: '15 minutes' } },
  },
  async () => ({ sent: true }),
);

// expect-none: missing-rate-limit -- config.rateLimit is set and the plugin is registered before
app.post('/reset-password', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async () => ({ reset: true }));

// expect-none: missing-rate-limit -- a health check is neither a credential nor costly
app.get('/health', async () => ({ ok: true }));

app.register(reportRoutes, { prefix: '/reports' });

await app.listen({ port: 3000 });
