import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';

export async function buildServer() {
  const server = Fastify();
  await server.register(fastifyHelmet);
  await server.register(fastifyRateLimit, { max: 100, timeWindow: '1 minute' });
  await server.register(fastifyJwt, {
    secret: process.env.JWT_SECRET!,
    // expect: jwt-misuse
    verify: { algorithms: ['HS256', 'none'] },
  });

  server.post('/token', async (request, reply) => {
    // expect: jwt-misuse
    const token = server.jwt.sign({ sub: 'someone' }, { expiresIn: '1h' });
    // expect-none: jwt-misuse
    const short = server.jwt.sign({ sub: 'someone' }, { expiresIn: '10m' });
    return { token, short };
  });

  return server;
}
