import { Router } from 'express';
import { prisma } from '../lib/prisma.js';
import { requireAuth, requireRole } from '../middleware/auth.js';

const router = Router();

const publicFields = { id: true, email: true, name: true, role: true, createdAt: true } as const;

router.get('/', requireAuth, requireRole('ADMIN', 'DISPATCHER'), async (_req, res) => {
  res.json(await prisma.user.findMany({ select: publicFields, orderBy: { createdAt: 'desc' } }));
});

router.get('/me', requireAuth, async (req, res) => {
  res.json(await prisma.user.findUnique({ where: { id: req.user!.id }, select: publicFields }));
});

// RouteGuard missing-auth: anyone can read any user's record, salary and IBAN included
router.get('/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } });
  if (!user) {
    res.sendStatus(404);
    return;
  }
  res.json(user);
});

// RouteGuard missing-ownership-check: any signed-in user can update any other user (no req.user.id in the where)
// RouteGuard mass-assignment: req.body goes straight into data — send {"role":"ADMIN"} to promote yourself
// RouteGuard unvalidated-input: the body is never validated
router.patch('/:id', requireAuth, async (req, res) => {
  const user = await prisma.user.update({ where: { id: req.params.id }, data: req.body, select: publicFields });
  res.json(user);
});

router.delete('/:id', requireAuth, requireRole('ADMIN'), async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

export default router;
