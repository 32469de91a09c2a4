import express, { Router } from 'express';
import Stripe from 'stripe';
import { prisma } from '../db.js';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const router = Router();

router.post('/stripe', express.raw({ type: 'application/json', limit: '512kb' }), async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!);
  // expect-none: unvalidated-input -- a signed webhook payload; its authenticity is missing-webhook-verification's business
  await prisma.payment.upsert({ where: { eventId: event.id }, create: { eventId: event.id, type: event.type }, update: {} });
  res.json({ received: true });
});

export default router;
