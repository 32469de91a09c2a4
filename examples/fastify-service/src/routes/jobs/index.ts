import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Job } from '../../plugins/db.js';

const JobInput = Type.Object({ title: Type.String({ minLength: 3, maxLength: 200 }) });
const JobParams = Type.Object({ id: Type.String() });

export default async function jobs(fastify: FastifyInstance) {
  fastify.get('/', { onRequest: [fastify.authenticate] }, async () => [...fastify.db.jobs.values()]);

  fastify.post('/', { onRequest: [fastify.authenticate], schema: { body: JobInput } }, async (request, reply) => {
    const { title } = request.body as { title: string };
    const job: Job = { id: crypto.randomUUID(), title, technicianId: null, status: 'open' };
    fastify.db.jobs.set(job.id, job);
    return reply.code(201).send(job);
  });

  // RouteGuard mass-assignment: the whole body goes straight into the stored job.
  fastify.patch('/:id', { onRequest: [fastify.authenticate] }, async (request) => {
    const job = fastify.db.jobs.get((request.params as { id: string }).id);
    if (job) Object.assign(job, request.body);
    return job ?? {};
  });

  // RouteGuard missing-auth: the dispatcher console calls this, but nothing checks who is calling.
  fastify.route({
    method: ['PUT', 'PATCH'],
    url: '/:id/assignee',
    schema: { params: JobParams, body: Type.Object({ technicianId: Type.String() }) },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const { technicianId } = request.body as { technicianId: string };
      const job = fastify.db.jobs.get(id);
      if (job) Object.assign(job, { technicianId, status: 'assigned' });
      return job ?? {};
    },
  });
}
