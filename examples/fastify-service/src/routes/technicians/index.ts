import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

export default async function technicians(fastify: FastifyInstance) {
  fastify.get('/', { schema: { querystring: Type.Object({ team: Type.Optional(Type.String()) }) } }, async () => {
    return [...fastify.db.technicians.values()].map(({ id, name, role }) => ({ id, name, role }));
  });

  fastify.delete(
    '/:id',
    { schema: { params: Type.Object({ id: Type.String() }) }, preHandler: [fastify.requireRole('admin')] },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      fastify.db.technicians.delete(id);
      return reply.code(204).send();
    },
  );
}
