import { Router } from 'express';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { sendMail, users } from '../db';
import { magicLinkLimit, otpLimiter } from '../limiters';
import { rateLimit } from 'express-rate-limit';

const Credentials = z.object({ email: z.string().email(), password: z.string().min(1) });
const EmailOnly = z.object({ email: z.string().email() });

export const authRouter = Router();

const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false });

// expect: missing-rate-limit -- a password sign-in with no limiter anywhere
authRouter.post('/login', authLimiter, async (req, res) => {
  const { email, password } = Credentials.parse(req.body);
  const user = await users.findByEmail(email);
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: 'wrong email or password' });
  }
  res.json({ token: jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: '1h' }) });
});

// expect: missing-rate-limit -- reset requests can be sprayed at every address
authRouter.post('/forgot-password', authLimiter, async (req, res) => {
  const { email } = EmailOnly.parse(req.body);
  await sendMail(email, 'Reset your password');
  res.sendStatus(202);
});

// expect-none: missing-rate-limit -- signing out guesses nothing
authRouter.post('/logout', (_req, res) => {
  res.clearCookie('session').sendStatus(204);
});

// expect-none: missing-rate-limit -- a limiter imported from another module is on the route
authRouter.post('/verify-otp', otpLimiter, async (req, res) => {
  const ok = String(req.body.code) === '000000';
  res.status(ok ? 200 : 401).json({ ok });
});

// expect-none: missing-rate-limit -- the handler limits itself and answers 429
authRouter.post('/magic-link', async (req, res) => {
  const { success } = await magicLinkLimit.limit(String(req.ip));
  if (!success) return res.status(429).json({ error: 'slow down' });
  await sendMail(String(req.body.email), 'Your sign-in link');
  res.sendStatus(202);
});
