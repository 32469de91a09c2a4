import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUserSchema, listQuery } from './schemas/users.js';
import { db } from './db.js';
import { requireStaff } from './guards.js';

// expect: missing-security-headers
const app = Fastify();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
app.addHook('onRequest', requireStaff);

// JSON schema held in another module.
// expect-none: missing-auth
app.post('/users', { schema: { body: createUserSchema } }, async (request) => db.users.insert(request.body));

// The querystring is validated; the body is not.
// expect: unvalidated-input, mass-assignment -- only the querystring has a schema
app.put('/users/:id', { schema: { querystring: listQuery } }, async (request) => db.users.update(request.body));

// TypeBox, written inline.
// expect-none: missing-auth
app.route({
  method: 'PATCH',
  url: '/users/:id/email',
  schema: {
    params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
    body: Type.Object({ email: Type.String({ format: 'email' }) }),
  },
  handler: async (request) => db.users.update(request.body),
});

// zod through fastify-type-provider-zod.
app.withTypeProvider<ZodTypeProvider>().post(
  '/teams',
  { schema: { body: z.object({ name: z.string().min(2) }), querystring: z.object({ dryRun: z.boolean().optional() }) } },
  async (request) => db.teams.insert(request.body),
);

// A schema for the response only validates nothing that comes in.
const responseOnly = { response: { 200: Type.Object({ ok: Type.Boolean() }) } };
// expect: unvalidated-input, mass-assignment -- a response schema validates nothing that comes in
app.post('/teams/:id/archive', { schema: responseOnly }, async (request) => db.teams.update(request.body));

// Shared options spread into the route.
const withPaging = { schema: { querystring: listQuery } };
app.get('/teams', { ...withPaging }, async (request) => db.teams.list(request.query));

await app.listen({ port: 3000 });
