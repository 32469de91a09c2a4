import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyCors from '@fastify/cors';

export async function buildServer() {
  const server = Fastify();
  await server.register(fastifyHelmet);

  // expect: permissive-cors
  await server.register(fastifyCors, { origin: true, credentials: true });

  // expect: permissive-cors
  await server.register(fastifyCors);

  // expect-none: permissive-cors
  await server.register(fastifyCors, { origin: ['https://app.example.com'], credentials: true });

  server.get('/status', async (request, reply) => {
    // expect: permissive-cors
    reply.header('Access-Control-Allow-Origin', request.headers.origin);
    return { ok: true };
  });

  return server;
}
