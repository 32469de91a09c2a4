import type { FastifyReply, FastifyRequest } from 'fastify';

export async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
  if (!request.headers.authorization) return reply.code(401).send({ error: 'unauthorized' });
}
