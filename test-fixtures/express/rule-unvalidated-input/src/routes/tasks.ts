import { Router } from 'express';
import { prisma } from '../db.js';

const router = Router();

router.post('/tasks', async (req, res) => {
  const { title, priority } = req.body;
  if (priority > 5) return res.status(422).json({ error: 'priority is 1 to 5' });
  // expect: unvalidated-input -- fields from the body straight into a Prisma create
  const task = await prisma.task.create({ data: { title, priority, ownerId: req.user!.id } });
  res.status(201).json(task);
});

router.patch('/tasks/:id', async (req, res) => {
  // expect: unvalidated-input -- PATCH: the fix makes every field optional
  const task = await prisma.task.update({
    where: { id: req.params.id, ownerId: req.user!.id },
    data: { title: req.body.title, notes: req.body.notes },
  });
  res.json(task);
});

export default router;
