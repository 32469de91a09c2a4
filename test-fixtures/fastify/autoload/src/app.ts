import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AutoLoad from '@fastify/autoload';
import type { FastifyPluginAsync } from 'fastify';

const __dirname = dirname(fileURLToPath(import.meta.url));

const app: FastifyPluginAsync = async (fastify, opts) => {
  // Shared plugins (fastify-plugin wrapped): their decorators land in this context.
  await fastify.register(AutoLoad, { dir: join(__dirname, 'plugins'), options: opts });

  // Routes: folder names become prefixes under /api; each folder's autohooks file guards that
  // folder, and with cascadeHooks its subfolders too.
  await fastify.register(AutoLoad, {
    dir: join(__dirname, 'routes'),
    options: { prefix: '/api' },
    autoHooks: true,
    cascadeHooks: true,
  });
};

export default app;
