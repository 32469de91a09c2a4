import { Router } from 'express';
import { db } from '../db.js';

const router = Router();

// expect-none: missing-authz -- requireRole('admin') at the mount in app.ts
router.delete('/users/:id', async (req, res) => {
  await db.user.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- requireRole('admin') at the mount in app.ts
router.post('/tasks/purge', async (_req, res) => {
  const { count } = await db.task.deleteMany({ where: { archived: true } });
  res.json({ purged: count });
});

export default router;
