import { Router } from 'express';
import twilio from 'twilio';
import { Webhook } from 'svix';

export const integrationsRouter = Router();

// expect-none: missing-webhook-verification -- svix Webhook.verify
integrationsRouter.post('/clerk/events', (req, res) => {
  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(JSON.stringify(req.body), {
    'svix-id': String(req.headers['svix-id']),
    'svix-timestamp': String(req.headers['svix-timestamp']),
    'svix-signature': String(req.headers['svix-signature']),
  });
  res.json({ ok: Boolean(event) });
});

// expect-none: missing-webhook-verification -- twilio.webhook() validates X-Twilio-Signature before the handler
integrationsRouter.post('/twilio/sms', twilio.webhook(), (req, res) => {
  res.type('text/xml').send(`<Response><Message>Got ${String(req.body.Body).length} chars</Message></Response>`);
});

// expect: missing-webhook-verification -- a webhook path and nothing checks who sent it
integrationsRouter.post('/orders', (req, res) => {
  res.json({ received: req.body.id });
});
