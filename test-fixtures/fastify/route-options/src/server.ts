import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { checkToken, requireAdmin, audit } from './guards.js';
import { inventory } from './inventory.js';
import { itemRoutes } from './routes/items.js';

// expect: missing-security-headers
const app = Fastify();

// The full form: several methods, hooks in every phase, a schema and a config.
// expect-none: missing-auth
app.route({
  method: ['GET', 'POST'],
  url: '/inventory',
  onRequest: checkToken,
  preValidation: [audit],
  preHandler: [requireAdmin],
  schema: { body: { type: 'object' } },
  config: { owner: 'ops' },
  handler: async (request: FastifyRequest) => inventory.upsert(request.body),
});

// A lower-case method and `path` instead of `url`; only an audit hook, which guards nothing.
// expect: missing-auth
app.route({ method: 'delete', path: '/inventory/:sku', preHandler: audit, handler: async (request: FastifyRequest) => inventory.remove(request.params) });

// Shorthand with the handler inside the options.
// expect-none: missing-auth
// expect: unvalidated-input, mass-assignment
app.put('/inventory/:sku', { onRequest: [checkToken], handler: async (request: FastifyRequest) => inventory.upsert(request.body) });

// Route definitions kept in an array and registered in a loop.
itemRoutes.forEach((route) => app.route(route));

// A handler declared elsewhere, passed by name.
async function resetCounters(_request: FastifyRequest, reply: FastifyReply) {
  await inventory.reset();
  return reply.code(204).send();
}
// expect: missing-auth
// expect-none: missing-rate-limit -- 'reset' here resets stock counters, not a password
app.post('/inventory/reset', resetCounters);

await app.listen({ port: 3000 });
