import type { FastifyReply, FastifyRequest } from 'fastify';

/** Answers 401 unless the request carries a bearer token. */
export async function verifySession(request: FastifyRequest, reply: FastifyReply) {
  const token = request.headers.authorization?.replace(/^Bearer /, '');
  if (!token) {
    return reply.code(401).send({ error: 'unauthorized' });
  }
}
