import { Router } from 'express';

export const router = Router();

// expect: missing-auth -- sensitive through the /api/billing prefix of a namespace import
router.get('/', (_req, res) => {
  res.json({ plan: 'team', seats: 25, card: { brand: 'visa', last4: '4242' } });
});
