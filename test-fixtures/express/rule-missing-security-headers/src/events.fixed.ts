import Fastify from 'fastify';
import helmet from '@fastify/helmet';

// expect: missing-security-headers
const events = Fastify({ logger: true });
events.register(helmet);

events.get('/events', async () => []);

export default events;
