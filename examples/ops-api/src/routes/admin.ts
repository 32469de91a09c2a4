import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../lib/prisma.js';
import { requireRole } from '../middleware/auth.js';
import { validateBody } from '../middleware/validate.js';

/** Mounted behind requireAuth in app.ts: every route here has a signed-in caller, not necessarily an admin. */
const router = Router();

// RouteGuard missing-authz: any signed-in member can delete any account — authenticated, but no role check
router.delete('/users/:id', async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// RouteGuard missing-authz: any signed-in member can grant roles, including ADMIN to themselves
// RouteGuard unvalidated-input: userId and role are taken from the body unchecked
router.post('/roles', async (req, res) => {
  const user = await prisma.user.update({ where: { id: req.body.userId }, data: { role: req.body.role } });
  res.json({ id: user.id, role: user.role });
});

router.post(
  '/users/:id/suspend',
  requireRole('ADMIN'),
  validateBody(z.object({ reason: z.string().min(3).max(500) })),
  async (req, res) => {
    await prisma.user.update({ where: { id: req.params.id }, data: { role: 'MEMBER' } });
    res.status(202).json({ suspended: req.params.id, reason: req.body.reason });
  },
);

export default router;
