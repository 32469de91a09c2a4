import Stripe from 'stripe';
import { db } from '../../../../lib/db';
import { ratelimit } from '../../../../lib/ratelimit';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);

// expect-none: missing-webhook-verification, missing-rate-limit -- constructEvent checks the signature
export async function POST(request: Request) {
  const { success } = await ratelimit.limit('stripe-webhook');
  if (!success) return new Response('Too many requests', { status: 429 });
  const payload = await request.text();
  const signature = request.headers.get('stripe-signature') ?? '';
  const event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET as string);
  if (event.type === 'payment_intent.succeeded') await db.payment.create({ data: { id: event.data.object.id } });
  return new Response('ok');
}
