import { Router } from 'express';
import bcrypt from 'bcrypt';
import { users } from '../db';
import { requireAdmin, requireAuth } from '../guards';

export const accountRouter = Router();

// expect: missing-rate-limit -- behaviour: the path says nothing, but the handler compares a password hash
accountRouter.post('/unlock', requireAuth, async (req, res) => {
  const user = await users.findById(String(res.locals.user.sub));
  if (!user || !(await bcrypt.compare(String(req.body.pin), user.passwordHash))) return res.status(403).json({ error: 'wrong PIN' });
  res.json({ unlocked: true });
});

// expect: missing-rate-limit -- a 6-digit code behind a half-signed-in session is still guessable
accountRouter.post('/2fa/verify', requireAuth, async (req, res) => {
  res.json({ ok: String(req.body.code).length === 6 });
});

// expect-none: missing-rate-limit -- an admin verifying a user record is not a sign-in
accountRouter.post('/users/:id/verify', requireAuth, requireAdmin, async (req, res) => {
  res.json({ id: req.params.id, verified: true });
});

// expect-none: missing-rate-limit -- an admin setting a password on a record proves nothing
accountRouter.put('/users/:id/password', requireAuth, requireAdmin, async (req, res) => {
  res.json({ id: req.params.id, changed: Boolean(req.body.password) });
});

// expect-none: missing-rate-limit -- reading your own profile is neither a credential nor costly
accountRouter.get('/me', requireAuth, (_req, res) => {
  res.json(res.locals.user);
});
