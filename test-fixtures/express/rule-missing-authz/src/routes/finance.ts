import { Router } from 'express';
import { db } from '../db.js';

const router = Router();

// expect: missing-authz -- payroll write, any signed-in employee can run it
router.post('/payroll/runs', async (_req, res) => {
  const run = await db.payrollRun.create({ data: { status: 'pending' } });
  res.status(201).json(run);
});

// expect: missing-authz -- refunds are a billing write
router.post('/refunds/:paymentId', async (req, res) => {
  res.status(202).json({ refund: req.params.paymentId });
});

// expect-none: missing-authz -- reading one's own payslips
router.get('/payroll/payslips', async (req, res) => {
  res.json(await db.payslip.findMany({ where: { employeeId: req.user!.id } }));
});

// expect-none: missing-authz -- starting one's own checkout is self-service
router.post('/billing/checkout', async (req, res) => {
  res.json({ url: `https://pay.example.com/c/${encodeURIComponent(req.user!.id)}` });
});

export default router;
