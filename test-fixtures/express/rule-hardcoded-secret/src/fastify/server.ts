import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
import helmet from '@fastify/helmet';

const server = Fastify();
server.register(helmet);
// expect: hardcoded-secret
server.register(fastifyJwt, { secret: 'f4st1fy-jwt-s3cret' });

server.get('/health', async () => ({ ok: true }));

export default server;
