import path from 'node:path';
import autoload from '@fastify/autoload';
import type { FastifyInstance } from 'fastify';

export default async function app(fastify: FastifyInstance) {
  // Packages exported as they are, with their options in `autoConfig`.
  await fastify.register(autoload, { dir: path.join(import.meta.dirname, 'plugins/external') });
  fastify.register(autoload, { dir: path.join(import.meta.dirname, 'plugins/app') });
  // Only `index` files are route plugins; helpers beside them are filtered out.
  fastify.register(autoload, {
    dir: path.join(import.meta.dirname, 'routes'),
    autoHooks: true,
    cascadeHooks: true,
    matchFilter: (file: string) => /index\.ts$/.test(file),
  });
}
