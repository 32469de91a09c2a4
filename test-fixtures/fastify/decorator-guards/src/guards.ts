import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { db } from './db.js';

export default fp(async (fastify) => {
  await fastify.register(jwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '1h' } });

  fastify.decorate('authenticate', async function (request: FastifyRequest) {
    await request.jwtVerify();
  });

  fastify.decorate('verifyApiKey', async function (request: FastifyRequest, reply: FastifyReply) {
    const key = request.headers['x-api-key'];
    if (!key || !(await db.apiKeys.exists(String(key)))) {
      return reply.code(401).send({ error: 'bad api key' });
    }
  });

  fastify.decorate('requireRole', (role: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.user?.role !== role) {
      return reply.code(403).send({ error: 'forbidden' });
    }
  });

  fastify.decorate('loadProject', async function (request: FastifyRequest) {
    request.project = await db.projects.find(request.params);
  });
});
