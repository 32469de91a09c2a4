import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import auth from './auth.js';
import accountRoutes from './routes/accounts.js';
import invoiceRoutes from './routes/invoices.js';
import webhookRoutes from './routes/webhooks.js';
import { partner } from './partner.js';

// expect-none: missing-security-headers
const app = Fastify({ logger: true });

await app.register(helmet);
await app.register(cookie);
await app.register(auth);

app.register(accountRoutes, { prefix: '/accounts' });
app.register(invoiceRoutes, { prefix: '/invoices' });
app.register(webhookRoutes, { prefix: '/webhooks' });

app.setErrorHandler((err, request, reply) => {
  request.log.error({ err }, 'request failed');
  // expect-none: stack-trace-exposure -- only client errors (< 500) get their message back
  if ((err.statusCode ?? 500) < 500) return reply.code(err.statusCode!).send({ message: err.message });
  // expect-none: stack-trace-exposure
  return reply.code(500).send({ message: 'Internal error' });
});

// expect-none: missing-auth
app.get('/partner/status', async () => partner.status());

// A reviewed exception: the suppression silences the finding on the next line.
// expect-none: missing-auth
// routeguard-ignore-next-line missing-auth -- kiosks check in anonymously; the badge id is verified downstream
app.post('/kiosk/check-in', async (request) => ({ queued: Boolean(request.body) }));

// A suppression without a reason suppresses nothing and is reported itself.
// expect: invalid-suppression, missing-auth
/* routeguard-ignore-next-line missing-auth */ app.post('/kiosk/check-out', async (request) => ({ queued: Boolean(request.body) }));

await app.listen({ port: 3000 });
