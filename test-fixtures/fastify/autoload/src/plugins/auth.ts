import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

export default fp(async (fastify) => {
  await fastify.register(jwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '15m' } });

  fastify.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await request.jwtVerify();
    } catch (err) {
      // todo-expect-none: stack-trace-exposure -- Fastify sends an Error through its error serializer (statusCode, code, error, message): no stack, no other fields
      reply.send(err);
    }
  });
});
