import type { FastifyInstance } from 'fastify';
import { prisma } from '../db.js';

// expect: hardcoded-secret
const SUPPORT_API_KEY = 'sk_live_51HkQp2CjR8sT0uVwXyZa1bC3dE5fG7hJ9kL';
// expect-none: hardcoded-secret
const SUPPORT_API_URL = process.env.SUPPORT_API_URL ?? 'https://support.example.com';

export default async function accountRoutes(app: FastifyInstance) {
  // expect: missing-rate-limit
  app.post('/login', async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    // expect: sensitive-logging
    request.log.info({ email, password }, 'login attempt');
    // expect: unvalidated-input
    const user = await prisma.user.findFirst({ where: { email } });
    // expect-none: sensitive-logging
    request.log.info({ userId: user?.id }, 'login checked');
    if (!user || user.password !== password) return reply.code(401).send({ message: 'Wrong credentials' });
    // expect: jwt-misuse
    const token = await reply.jwtSign({ sub: user.id });
    // expect: insecure-cookie
    reply.setCookie('session', token, { path: '/' });
    return { ok: true };
  });

  app.post('/refresh', { onRequest: [app.authenticate] }, async (request, reply) => {
    // expect-none: jwt-misuse
    const token = await reply.jwtSign({ sub: (request.user as { sub: string }).sub }, { expiresIn: '15m' });
    // expect-none: insecure-cookie
    reply.setCookie('session', token, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
    return { ok: true };
  });

  // expect: missing-authz
  app.delete('/:id', { onRequest: [app.authenticate] }, async (request) => prisma.user.delete({ where: { id: (request.params as { id: string }).id } }));

  // expect-none: missing-authz
  app.delete('/:id/sessions', { onRequest: [app.authenticate, app.requireAdmin] }, async (request) => prisma.session.deleteMany({ where: { userId: (request.params as { id: string }).id } }));

  app.patch('/me', { onRequest: [app.authenticate] }, async (request) => {
    // expect: mass-assignment, unvalidated-input
    return prisma.user.update({ where: { id: (request.user as { sub: string }).sub }, data: request.body as object });
  });

  app.patch('/me/name', { onRequest: [app.authenticate], schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 80 } } } } }, async (request) => {
    const { name } = request.body as { name: string };
    // expect-none: mass-assignment, unvalidated-input
    return prisma.user.update({ where: { id: (request.user as { sub: string }).sub }, data: { name } });
  });

  void SUPPORT_API_KEY;
  void SUPPORT_API_URL;
}
