import { Router } from 'express';
import { db } from '../db.js';
import { requireRole } from '../middleware/auth.js';

const router = Router();

// expect: missing-authz -- an admin path behind authentication only
router.get('/users', async (_req, res) => {
  res.json(await db.user.findMany({ select: { id: true, email: true, role: true } }));
});

// expect: missing-authz
router.delete('/users/:id', async (req, res) => {
  await db.user.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- the same admin path with a role check on the route
router.post('/users/:id/lock', requireRole('admin'), async (req, res) => {
  await db.user.update({ where: { id: req.params.id }, data: { lockedAt: new Date() } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- the role is checked in the handler and answers 403
router.post('/impersonate/:id', async (req, res) => {
  if (req.user?.role !== 'admin') return res.sendStatus(403);
  res.json({ impersonating: req.params.id });
});

export default router;
