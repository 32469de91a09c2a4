import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';

export async function buildServer() {
  const server = Fastify({ logger: true });
  await server.register(fastifyHelmet);

  server.setErrorHandler((error, request, reply) => {
    // expect: stack-trace-exposure
    reply.send(error);
  });

  server.get('/ping', async (request, reply) => {
    try {
      return { pong: true };
    } catch (err) {
      request.log.error(err);
      // expect-none: stack-trace-exposure
      return reply.code(500).send({ error: 'Internal Server Error' });
    }
  });

  return server;
}
