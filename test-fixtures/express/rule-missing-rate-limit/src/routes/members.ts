import { Router } from 'express';
import { z } from 'zod';
import { requireAuth } from '../guards';
import { changePassword, createMember, createStaff } from '../services/members';

const NewMember = z.object({ email: z.string().email(), secret: z.string().min(12) });
const NewPassword = z.object({ next: z.string().min(12) });

export const membersRouter = Router();

// expect-none: missing-auth -- a sign-up by behaviour is public by design
// expect: missing-rate-limit -- behaviour: the service hashes a new password and signs the member in (a sign-up under a neutral path)
membersRouter.post('/', async (req, res) => {
  const { email, secret } = NewMember.parse(req.body);
  const member = await createMember(email, secret);
  res.status(201).json(member);
});

// expect: missing-auth -- creating staff accounts signs nobody in: it needs a guard, not a limiter
// expect-none: missing-rate-limit -- hashing a password without signing anyone in is not a sign-up
membersRouter.post('/staff', async (req, res) => {
  const { email, secret } = NewMember.parse(req.body);
  res.status(201).json(await createStaff(email, secret));
});

// expect-none: missing-rate-limit -- hashing a new password behind a session is a password change, not a sign-up
membersRouter.put('/me/password', requireAuth, async (req, res) => {
  const { next } = NewPassword.parse(req.body);
  await changePassword(String(res.locals.user.sub), next);
  res.sendStatus(204);
});
