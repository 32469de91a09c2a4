import { Router } from 'express';

const health = Router();

// expect-none: missing-auth
health.get('/', (_req, res) => {
  res.json({ ok: true });
});

export default health;
