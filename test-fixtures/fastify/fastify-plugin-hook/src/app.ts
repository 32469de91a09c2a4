import Fastify from 'fastify';
import authPlugin from './plugins/auth.js';
import statusRoutes from './routes/status.js';
import accountRoutes from './routes/accounts.js';

export function buildApp() {
  // expect: missing-security-headers
  const app = Fastify({ logger: true });

  // Loads first: its context is created (copying the root's hooks) before the auth hook exists.
  app.register(statusRoutes, { prefix: '/status' });
  // Wrapped in fastify-plugin: its hook is added to the root context itself...
  app.register(authPlugin);
  // ...so every plugin that loads after it inherits the hook.
  app.register(accountRoutes, { prefix: '/accounts' });

  // A root route reads the root's hooks when the app is ready: the auth hook counts here too.
  // expect-none: missing-auth
  app.delete('/sessions/:id', async () => ({ revoked: true }));

  return app;
}
