import Fastify from 'fastify';

const MB = 1024 * 1024;

// expect: missing-body-limit -- 50 times Fastify's 1 MB default, for every route of this server
// expect: missing-security-headers
const bulk = Fastify({ logger: true, bodyLimit: 50 * MB });

// expect-none: missing-body-limit -- GET routes are not the problem; the finding is on the server option
bulk.get('/health', async () => ({ ok: true }));

await bulk.listen({ port: 3001 });
