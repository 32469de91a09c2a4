import { Router } from 'express';
import { z } from 'zod';
import { requireAuth } from '../guards';
import { changePassword, createMember } from '../services/members';

const NewMember = z.object({ email: z.string().email(), secret: z.string().min(12) });
const NewPassword = z.object({ next: z.string().min(12) });

export const membersRouter = Router();

// expect: missing-auth, missing-rate-limit -- behaviour: the service it calls hashes a new password (a sign-up under a neutral path)
membersRouter.post('/', async (req, res) => {
  const { email, secret } = NewMember.parse(req.body);
  const member = await createMember(email, secret);
  res.status(201).json({ id: member.id });
});

// expect-none: missing-rate-limit -- hashing a new password behind a session is a password change, not a sign-up
membersRouter.put('/me/password', requireAuth, async (req, res) => {
  const { next } = NewPassword.parse(req.body);
  await changePassword(String(res.locals.user.sub), next);
  res.sendStatus(204);
});
