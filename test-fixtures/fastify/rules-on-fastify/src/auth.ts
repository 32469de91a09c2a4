import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

export default fp(async (fastify) => {
  await fastify.register(jwt, { secret: process.env.JWT_SECRET! });

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    await request.jwtVerify();
  });

  fastify.decorate('requireAdmin', async (request: FastifyRequest, reply: FastifyReply) => {
    if ((request.user as { role?: string }).role !== 'admin') return reply.code(403).send({ message: 'Forbidden' });
  });
});
