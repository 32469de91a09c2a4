import Fastify from 'fastify';
import fastifyJwt from '@fastify/jwt';
import { wallets } from './wallets.js';

// expect: missing-security-headers
const app = Fastify();
await app.register(fastifyJwt, { secret: process.env.JWT_SECRET!, sign: { expiresIn: '10m' } });

// jwtVerify() in a hook of an encapsulated plugin: its routes only.
app.register(
  async (secured) => {
    secured.addHook('onRequest', async (request) => {
      await request.jwtVerify();
    });

    // expect-none: missing-auth
    secured.post('/transfers', async (request) => wallets.transfer(request.user, request.body));
  },
  { prefix: '/wallet' },
);

// jwtVerify() in the handler itself: a failed verification throws a 401 reply.
// expect-none: missing-auth
app.delete('/wallet/cards/:id', async (request) => {
  const claims = await request.jwtVerify<{ sub: string }>();
  return wallets.removeCard(claims.sub, request.params);
});

// Decoding is not verifying: anyone can forge an unsigned token.
// expect: missing-auth
app.put('/wallet/limits', async (request) => {
  const claims = request.server.jwt.decode<{ sub: string }>(String(request.headers.authorization));
  return wallets.setLimits(claims?.sub, request.body);
});

// expect: missing-auth
app.post('/wallet/topup', async (request) => wallets.topUp(request.body));

await app.listen({ port: 3000 });
