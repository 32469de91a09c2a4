import Fastify from 'fastify';
import adminRoutes from './admin/routes.js';
import reportRoutes from './reports.js';

// expect: missing-security-headers
const app = Fastify({ logger: true });

// The admin plugin adds its auth hook inside its own (encapsulated) context...
app.register(adminRoutes, { prefix: '/admin' });
// ...so it does not reach the routes of this sibling plugin.
app.register(reportRoutes, { prefix: '/reports' });

// expect-none: missing-auth
app.get('/health', async () => ({ ok: true }));

app.listen({ port: 3000 });
