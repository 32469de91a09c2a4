import type { FastifyReply, FastifyRequest } from 'fastify';

export async function checkToken(request: FastifyRequest, reply: FastifyReply) {
  const token = request.headers.authorization;
  if (!token || token !== `Bearer ${process.env.OPS_TOKEN}`) return reply.code(401).send({ error: 'unauthorized' });
}

export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (request.user?.role !== 'admin') return reply.code(403).send({ error: 'forbidden' });
}

export async function audit(request: FastifyRequest) {
  request.log.info({ url: request.url }, 'inventory access');
}
