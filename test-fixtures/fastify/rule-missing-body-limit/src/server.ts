import Fastify from 'fastify';
import { verifySession } from './auth.js';

// expect-none: missing-body-limit -- the default 1 MB body limit
// expect: missing-security-headers
const app = Fastify({ logger: true });

app.post(
  '/feedback',
  {
    preHandler: verifySession,
    // expect: missing-body-limit -- preHandler runs after the body is parsed, so anyone can send 5 MB
    bodyLimit: 5 * 1024 * 1024,
  },
  async () => ({ received: true }),
);

app.post(
  '/catalog',
  {
    onRequest: [verifySession],
    // expect-none: missing-body-limit -- onRequest authenticates before the body is read
    bodyLimit: 25 * 1024 * 1024,
  },
  async () => ({ queued: true }),
);

app.post(
  '/notes',
  {
    preHandler: verifySession,
    // expect-none: missing-body-limit -- 64 KB is below the default
    bodyLimit: 64 * 1024,
  },
  async () => ({ saved: true }),
);

await app.listen({ port: 3000 });
