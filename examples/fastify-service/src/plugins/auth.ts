import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireRole: (role: 'dispatcher' | 'admin') => (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export default fp(
  async (fastify) => {
    await fastify.register(jwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '30m' } });

    fastify.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        await request.jwtVerify();
      } catch {
        return reply.code(401).send({ message: 'Authentication required' });
      }
    });

    fastify.decorate('requireRole', (role: 'dispatcher' | 'admin') => async (request: FastifyRequest, reply: FastifyReply) => {
      const user = request.user as { role?: string } | undefined;
      if (user?.role !== role && user?.role !== 'admin') {
        return reply.code(403).send({ message: 'Forbidden' });
      }
    });
  },
  { name: 'auth' },
);
