import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessions } from './db.js';

/** Answers 401 unless the request carries a known session token. */
export async function verifySession(request: FastifyRequest, reply: FastifyReply) {
  const token = request.headers.authorization?.replace(/^Bearer /, '');
  const session = token ? await sessions.find(token) : undefined;
  if (!session) {
    return reply.code(401).send({ error: 'unauthorized' });
  }
}
