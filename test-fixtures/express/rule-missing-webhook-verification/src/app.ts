import crypto from 'node:crypto';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { billingRouter } from './routes/billing';
import { githubRouter } from './routes/github';
import { integrationsRouter } from './routes/integrations';
import { managementRouter } from './routes/management';
import { paymentsRouter } from './routes/payments';
import legacyHooks from './legacy-hooks.cjs';

// expect: missing-security-headers
const app = express();
app.use(rateLimit({ windowMs: 60 * 1000, limit: 300 }));

// Stripe and GitHub need the raw body: they are mounted before any JSON parser.
app.use('/webhooks/stripe', billingRouter);
app.use('/webhooks/github', githubRouter);

app.use('/webhooks', express.json(), integrationsRouter);
app.use('/hooks/ci', express.json(), legacyHooks);
app.use('/payments', express.json(), paymentsRouter);
app.use('/api', express.json(), managementRouter);

// Shopify's HMAC is checked while the JSON body is read, for every route registered after this.
app.use(
  express.json({
    verify(req, _res, buf) {
      const header = String(req.headers['x-shopify-hmac-sha256'] ?? '');
      const digest = crypto.createHmac('sha256', process.env.SHOPIFY_SECRET!).update(buf).digest('base64');
      if (!crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header))) throw new Error('bad signature');
    },
  }),
);

// expect-none: missing-webhook-verification -- verified in the express.json verify callback above
app.post('/webhooks/shopify', (req, res) => {
  res.json({ topic: req.get('x-shopify-topic'), id: req.body.id });
});

app.listen(3000);
