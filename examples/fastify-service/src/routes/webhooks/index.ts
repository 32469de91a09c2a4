import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export default async function webhooks(fastify: FastifyInstance) {
  // Vehicle telematics pings, signed by the provider with an HMAC of the raw body.
  fastify.post('/telematics', { config: { rawBody: true } }, async (request, reply) => {
    const signature = String(request.headers['x-signature'] ?? '');
    const expected = crypto.createHmac('sha256', process.env.TELEMATICS_WEBHOOK_SECRET!).update(JSON.stringify(request.body)).digest('hex');
    if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      return reply.code(401).send({ message: 'bad signature' });
    }
    return { received: true };
  });
}
