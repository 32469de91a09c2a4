import Fastify from 'fastify';
import app from './app.js';

// expect: missing-security-headers
const server = Fastify({ logger: true });
server.register(app);
await server.listen({ port: 3000 });
