import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

export default fp(async (fastify) => {
  await fastify.register(jwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '15m' } });

  fastify.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await request.jwtVerify();
    } catch (err) {
      // expect-none: stack-trace-exposure -- only jwtVerify() can have thrown: a 401 whose message is meant for the client
      reply.send(err);
    }
  });
});
