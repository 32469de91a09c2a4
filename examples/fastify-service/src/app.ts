import path from 'node:path';
import autoload from '@fastify/autoload';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

export default async function app(fastify: FastifyInstance) {
  // RouteGuard permissive-cors: reflects any origin, with cookies.
  await fastify.register(cors, { origin: true, credentials: true });

  // Shared plugins (auth decorators, rate limiter, database).
  await fastify.register(autoload, { dir: path.join(import.meta.dirname, 'plugins') });

  // Routes: one folder per area, folder names are the prefixes; `autohooks` files guard a folder.
  fastify.register(autoload, { dir: path.join(import.meta.dirname, 'routes'), autoHooks: true, cascadeHooks: true });
}
