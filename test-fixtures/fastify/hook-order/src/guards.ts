import type { FastifyReply, FastifyRequest } from 'fastify';

export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!request.session?.userId) {
    return reply.code(401).send({ error: 'sign in first' });
  }
}
