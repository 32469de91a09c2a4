import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import jwt from 'jsonwebtoken';
import { createAccount, sendResetEmail, verifyPassword } from '../accounts.js';

const router = Router();
const limiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10 });

// expect-none: missing-auth
router.post('/login', limiter, async (req, res) => {
  const account = await verifyPassword(String(req.body.email), String(req.body.password));
  if (!account) return res.status(401).json({ error: 'wrong email or password' });
  res.json({ token: jwt.sign({ sub: account.id }, process.env.JWT_SECRET!, { expiresIn: '1h' }) });
});

// expect-none: missing-auth
router.post('/register', limiter, async (req, res) => {
  const account = await createAccount(String(req.body.email), String(req.body.password));
  res.status(201).json({ id: account.id });
});

// expect-none: missing-auth
router.post('/signup', limiter, async (req, res) => {
  const account = await createAccount(String(req.body.email), String(req.body.password));
  res.status(201).json({ id: account.id });
});

// expect-none: missing-auth
router.post('/forgot-password', limiter, async (req, res) => {
  await sendResetEmail(String(req.body.email));
  res.sendStatus(202);
});

// expect-none: missing-auth
router.post('/password-reset', limiter, async (req, res) => {
  await sendResetEmail(String(req.body.email));
  res.sendStatus(202);
});

// expect-none: missing-auth
router.post('/logout', (_req, res) => {
  res.clearCookie('refresh').sendStatus(204);
});

// expect: missing-auth -- 'login-as' is impersonation, not a sign-in
router.post('/login-as/:userId', (req, res) => {
  // expect: jwt-misuse -- the impersonation token never expires
  res.json({ token: jwt.sign({ sub: req.params.userId, impersonated: true }, process.env.JWT_SECRET!) });
});

export default router;
