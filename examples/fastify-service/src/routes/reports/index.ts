import type { FastifyInstance } from 'fastify';

export default async function reports(fastify: FastifyInstance) {
  // RouteGuard missing-auth (critical): the admin guard lives in its own plugin context (see
  // src/plugins/admin-guard.ts) and never runs here.
  fastify.get('/payroll/export', async (_request, reply) => {
    const rows = [...fastify.db.technicians.values()].map((t) => `${t.id},${t.name},${t.role}`);
    return reply.type('text/csv').send(rows.join('\n'));
  });
}
