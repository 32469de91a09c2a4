import Fastify from 'fastify';
import authRoutes from './auth.js';
import reportRoutes from './reports.js';
import adminRoutes from './admin.js';

// expect: missing-security-headers
const app = Fastify();

app.register(authRoutes, { prefix: '/auth' });
app.register(reportRoutes, { prefix: '/reports' });
app.register(adminRoutes, { prefix: '/admin' });

await app.listen({ port: 3000 });
