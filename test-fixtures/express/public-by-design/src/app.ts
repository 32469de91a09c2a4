import express from 'express';
import authRouter from './routes/auth.js';
import webhooksRouter from './routes/webhooks.js';

// expect: missing-security-headers
const app = express();

// Webhooks need the raw body, so they are mounted before the JSON parser.
app.use('/webhooks', webhooksRouter);
app.use(express.json());

// expect-none: missing-auth
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

// expect-none: missing-auth
app.get('/readyz', (_req, res) => {
  res.json({ ready: true });
});

app.use('/auth', authRouter);

// expect: missing-auth -- changing a password is not a reset request
app.post('/api/users/:id/password', (req, res) => {
  res.json({ id: req.params.id, changed: Boolean(req.body.password) });
});

// expect: missing-auth -- managing webhooks is an admin action
app.post('/api/admin/webhooks', (req, res) => {
  res.status(201).json({ url: req.body.url });
});

// expect: missing-auth -- a health-sounding prefix does not make a write public
app.post('/health/reset-cache', (_req, res) => {
  res.sendStatus(202);
});

app.listen(3000);
