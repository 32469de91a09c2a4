import { Router } from 'express';
import { sendMail } from '../db';

export const recoveryRouter = Router();

// expect-none: missing-rate-limit -- app.use('/recovery', limiter) in app.ts runs before this router
recoveryRouter.post('/forgot-password', async (req, res) => {
  await sendMail(String(req.body.email), 'Reset your password');
  res.sendStatus(202);
});

// expect-none: missing-rate-limit -- the same path-scoped limiter
recoveryRouter.post('/reset-password', async (req, res) => {
  res.json({ ok: String(req.body.token).length > 20 });
});
