import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import { issueToken } from '../tokens';

export async function buildServer() {
  const server = Fastify();
  await server.register(fastifyHelmet);
  await server.register(fastifyRateLimit, { max: 100, timeWindow: '1 minute' });
  await server.register(fastifyCookie, { parseOptions: { httpOnly: true, sameSite: 'lax' } });

  server.post('/session', async (request, reply) => {
    const token = issueToken('someone');
    // expect: insecure-cookie
    reply.setCookie('auth', token, { path: '/', secure: true });
    return { ok: true };
  });

  server.post('/login', async (request, reply) => {
    const token = issueToken('someone');
    // expect-none: insecure-cookie
    reply.setCookie('auth', token, { path: '/', secure: true });
    return { ok: true };
  });

  return server;
}
