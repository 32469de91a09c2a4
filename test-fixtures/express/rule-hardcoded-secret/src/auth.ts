import { Router } from 'express';
import jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { JWT_SECRET, REFRESH_SECRET } from './keys';

export const authRouter = Router();

authRouter.post('/login', (req, res) => {
  const token = jwt.sign({ sub: req.body.userId }, JWT_SECRET, { expiresIn: '15m' });
  // expect-none: hardcoded-secret -- read from the environment
  const refresh = jwt.sign({ sub: req.body.userId }, process.env.REFRESH_TOKEN_SECRET!, { expiresIn: '7d' });
  res.json({ token, refresh });
});

authRouter.post('/refresh', (req, res) => {
  const claims = jwt.verify(String(req.body.refresh), REFRESH_SECRET);
  res.json({ claims });
});

export function signWebhook(body: string): string {
  // expect: hardcoded-secret
  return createHmac('sha256', 'whsec_7Hq2LmN9pXv4').update(body).digest('hex');
}
