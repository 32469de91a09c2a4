import Fastify from 'fastify';
import fp from 'fastify-plugin';
import app from './app.js';

// expect: missing-security-headers
const server = Fastify();
// fastify-plugin around the whole app: its plugins and hooks share the root context.
server.register(fp(app));
await server.listen({ port: 8080 });
