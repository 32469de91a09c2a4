import type { FastifyInstance } from 'fastify';
import { prisma } from '../db.js';

export default async function invoiceRoutes(app: FastifyInstance) {
  app.addHook('onRequest', app.authenticate);

  app.get('/:id', async (request) => {
    const { id } = request.params as { id: string };
    // expect: missing-ownership-check
    return prisma.invoice.findUnique({ where: { id } });
  });

  app.get('/:id/pdf', async (request) => {
    const { id } = request.params as { id: string };
    const userId = (request.user as { sub: string }).sub;
    // expect-none: missing-ownership-check
    return prisma.invoice.findFirst({ where: { id, ownerId: userId } });
  });

  app.post('/', async (request) => {
    const note = (request.body as { note: string }).note;
    // expect: unvalidated-input
    return prisma.invoice.create({ data: { note, ownerId: (request.user as { sub: string }).sub } });
  });

  app.post('/:id/fail', async () => {
    try {
      return await prisma.invoice.count();
    } catch (err) {
      // expect: stack-trace-exposure -- what a Fastify async handler returns is the response body
      return { error: (err as Error).stack };
    }
  });

  app.post('/:id/retry', async (_request, reply) => {
    try {
      return await prisma.invoice.count();
    } catch (err) {
      // expect: stack-trace-exposure
      return reply.code(500).send({ error: (err as Error).stack });
    }
  });
}
