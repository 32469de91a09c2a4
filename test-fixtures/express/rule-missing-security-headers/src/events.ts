import Fastify from 'fastify';

// expect: missing-security-headers
const events = Fastify({ logger: true });

events.get('/events', async () => []);

export default events;
