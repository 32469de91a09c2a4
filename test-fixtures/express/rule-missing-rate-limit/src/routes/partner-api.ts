import { Router } from 'express';
import bcrypt from 'bcrypt';
import { users } from '../db';
import { requireAuth } from '../guards';

export const partnerApi = Router();

// expect-none: missing-rate-limit -- the global limiter in app.ts is registered before this router
partnerApi.post('/login', async (req, res) => {
  const user = await users.findByEmail(String(req.body.email));
  const ok = Boolean(user) && (await bcrypt.compare(String(req.body.password), user!.passwordHash));
  res.status(ok ? 200 : 401).json({ ok });
});

// expect-none: missing-rate-limit -- also behind the global limiter
// expect: missing-authz -- an export behind authentication only
partnerApi.get('/reports/export', requireAuth, (_req, res) => {
  res.json([]);
});
