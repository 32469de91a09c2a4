import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';

function requireRole(this: FastifyRequest, reply: FastifyReply, role: string) {
  if (!this.session.user?.roles.includes(role)) {
    reply.code(403).send({ message: 'forbidden' });
  }
}

async function isOwnerOrAdmin(this: FastifyRequest, reply: FastifyReply) {
  this.requireRole(reply, 'admin');
}

export default fp(async (fastify) => {
  fastify.decorateRequest('requireRole', requireRole);
  fastify.decorateRequest('isOwnerOrAdmin', isOwnerOrAdmin);
});
