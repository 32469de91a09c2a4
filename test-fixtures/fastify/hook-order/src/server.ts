import Fastify from 'fastify';
import { requireUser } from './guards.js';
import { notes } from './store.js';
import draftRoutes from './drafts.js';
import legacyRoutes from './legacy.js';

// expect: missing-security-headers
const app = Fastify();

app.register(
  async function v1(api) {
    // Not awaited: the child loads after this body has run, so it copies the hook added below.
    api.register(draftRoutes, { prefix: '/drafts' });

    // A route reads its own context's hooks when the app is ready: the hook declared after it counts.
    // expect-none: missing-auth
    // expect: unvalidated-input, mass-assignment
    api.post('/notes', async (request) => notes.create(request.body));

    api.addHook('onRequest', requireUser);
  },
  { prefix: '/v1' },
);

app.register(
  async function v2(api) {
    // Awaited: the child loads here and copies the hooks as they are now, without the one below.
    await api.register(legacyRoutes, { prefix: '/legacy' });

    api.addHook('onRequest', requireUser);

    // expect-none: missing-auth
    // expect: unvalidated-input, mass-assignment
    api.put('/notes/:id', async (request) => notes.update(request.params, request.body));
  },
  { prefix: '/v2' },
);

// A hook added to a sibling context never reaches the root's own routes.
// expect: missing-auth
app.delete('/notes/:id', async (request) => notes.remove(request.params));

await app.listen({ port: 3000 });
