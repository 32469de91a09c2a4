import { Router } from 'express';
import { prisma } from '../lib/prisma.js';
import { requireAuth, requireRole } from '../middleware/auth.js';

const router = Router();

// RouteGuard missing-auth (critical): salaries and bank details of every employee, for anyone who asks
router.get('/export', async (_req, res) => {
  const rows = await prisma.user.findMany({ select: { name: true, email: true, salaryCents: true, iban: true } });
  const csv = ['name,email,salary_cents,iban', ...rows.map((r) => [r.name, r.email, r.salaryCents ?? '', r.iban ?? ''].join(','))].join('\n');
  res.type('text/csv').attachment('payroll.csv').send(csv);
});

router.get('/runs/:id', requireAuth, requireRole('FINANCE', 'ADMIN'), async (req, res) => {
  const run = await prisma.payrollRun.findUnique({ where: { id: req.params.id } });
  if (!run) {
    res.sendStatus(404);
    return;
  }
  res.json(run);
});

export default router;
