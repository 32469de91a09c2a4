import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router } from 'express';
import type Stripe from 'stripe';
import { config } from '../config.js';
import { logger } from '../lib/logger.js';
import { prisma } from '../lib/prisma.js';

/** Mounted before express.json() so that handlers see the raw bytes the sender signed. */
const router = Router();
router.use(express.raw({ type: 'application/json', limit: '1mb' }));

// RouteGuard missing-webhook-verification: the Stripe-Signature header is never checked — anyone can post "payment succeeded"
router.post('/stripe', async (req, res) => {
  const event = JSON.parse(req.body.toString('utf8')) as Stripe.Event;
  if (event.type === 'payment_intent.succeeded') {
    await prisma.payment.upsert({
      where: { stripeEventId: event.id },
      create: { stripeEventId: event.id, status: 'succeeded' },
      update: { status: 'succeeded' },
    });
  }
  res.json({ received: true });
});

/** GitHub signs the body with HMAC-SHA256; compare in constant time. */
router.post('/github', (req, res) => {
  const signature = req.get('x-hub-signature-256') ?? '';
  const expected = `sha256=${createHmac('sha256', config.githubWebhookSecret).update(req.body).digest('hex')}`;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    res.status(401).json({ error: 'bad signature' });
    return;
  }
  const payload = JSON.parse(req.body.toString('utf8')) as { action?: string; repository?: { full_name: string } };
  logger.info({ action: payload.action, repo: payload.repository?.full_name }, 'github webhook');
  res.sendStatus(204);
});

export default router;
