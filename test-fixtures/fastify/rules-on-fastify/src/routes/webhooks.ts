import Stripe from 'stripe';
import type { FastifyInstance } from 'fastify';
import { prisma } from '../db.js';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export default async function webhookRoutes(app: FastifyInstance) {
  // expect: missing-webhook-verification, missing-rate-limit
  app.post('/billing', async (request) => {
    const event = request.body as { type: string; data: { object: { id: string } } };
    if (event.type === 'invoice.paid') await prisma.invoice.update({ where: { id: event.data.object.id }, data: { paid: true } });
    return { received: true };
  });

  // expect: missing-rate-limit
  // expect-none: missing-webhook-verification
  app.post('/stripe', { config: { rawBody: true } }, async (request, reply) => {
    const signature = String(request.headers['stripe-signature']);
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent((request as unknown as { rawBody: string }).rawBody, signature, process.env.STRIPE_WEBHOOK_SECRET!);
    } catch {
      return reply.code(400).send({ message: 'bad signature' });
    }
    if (event.type === 'invoice.paid') await prisma.invoice.update({ where: { id: event.data.object.id as string }, data: { paid: true } });
    return { received: true };
  });
}
