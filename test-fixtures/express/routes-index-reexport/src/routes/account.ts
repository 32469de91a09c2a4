import { Router } from 'express';

export const accountRouter = Router();

// expect: missing-auth -- sensitive with the /api/account prefix, reached through a renamed export
accountRouter.get('/', (_req, res) => {
  res.json({ plan: 'pro', renewsAt: '2027-01-01' });
});
