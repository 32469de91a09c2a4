import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import secureSession from '@fastify/secure-session';
import { accounts } from './accounts.js';

const app = Fastify();
await app.register(helmet);
await app.register(secureSession, {
  key: Buffer.from(process.env.SESSION_KEY!, 'hex'),
  cookie: { path: '/', httpOnly: true, secure: true, sameSite: 'lax' },
});

// A session check in a hook that refuses anonymous requests.
app.register(
  async (account) => {
    account.addHook('preHandler', async (request, reply) => {
      const userId = request.session.get('userId');
      if (!userId) return reply.code(401).send({ message: 'sign in first' });
    });

    // expect-none: missing-auth
    account.post('/password', async (request) => accounts.changePassword(request.session.get('userId'), request.body));
  },
  { prefix: '/account' },
);

// Reads the session but never refuses anyone: not a guard.
app.register(
  async (prefs) => {
    prefs.addHook('preHandler', async (request) => {
      request.log.info({ user: request.session.get('userId') ?? 'anonymous' }, 'preferences');
    });

    // expect: missing-auth
    prefs.put('/', async (request) => accounts.savePreferences(request.body));
  },
  { prefix: '/preferences' },
);

// The check in the handler itself.
// expect-none: missing-auth
app.delete('/account/sessions', async (request, reply) => {
  if (!request.session.get('userId')) return reply.code(401).send({ message: 'sign in first' });
  request.session.delete();
  return { signedOut: true };
});

await app.listen({ port: 3000 });
