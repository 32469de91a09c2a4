import bcrypt from 'bcrypt';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

const Credentials = Type.Object({ email: Type.String({ format: 'email' }), password: Type.String({ minLength: 8 }) });

export default async function auth(fastify: FastifyInstance) {
  fastify.post(
    '/login',
    { schema: { body: Credentials }, config: { rateLimit: { max: 5, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const { email, password } = request.body as { email: string; password: string };
      const technician = [...fastify.db.technicians.values()].find((t) => t.email === email);
      if (!technician || !(await bcrypt.compare(password, technician.passwordHash))) {
        return reply.code(401).send({ message: 'Wrong email or password' });
      }
      return { token: await reply.jwtSign({ sub: technician.id, role: technician.role }) };
    },
  );

  // RouteGuard missing-rate-limit: sends reset codes to any address, as fast as a client can ask.
  fastify.post('/password-reset', { schema: { body: Type.Object({ email: Type.String({ format: 'email' }) }) } }, async () => {
    return { sent: true };
  });
}
