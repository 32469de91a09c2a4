import express, { Router } from 'express';
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const router = Router();

// expect-none: missing-auth -- callers prove themselves with a signature, not a session
// expect: missing-rate-limit -- webhook intake with no limiter (verified, so medium)
router.post('/stripe', express.raw({ type: 'application/json' }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  res.json({ received: event.id });
});

export default router;
