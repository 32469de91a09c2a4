import { Router } from 'express';
import { prisma } from '../db.js';
import { z } from 'zod';

const router = Router();

const PostTasksBody = z.object({
  priority: z.number(),
  title: z.string(),
});

router.post('/tasks', async (req, res) => {
  const parsed = PostTasksBody.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'Invalid request body', issues: parsed.error.issues });
  const { title, priority } = parsed.data;
  if (priority > 5) return res.status(422).json({ error: 'priority is 1 to 5' });
  // expect: unvalidated-input -- fields from the body straight into a Prisma create
  const task = await prisma.task.create({ data: { title, priority, ownerId: req.user!.id } });
  res.status(201).json(task);
});

const PatchTasksBody = z.object({
  notes: z.string().optional(),
  title: z.string().optional(),
});

router.patch('/tasks/:id', async (req, res) => {
  const parsed = PatchTasksBody.safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ error: 'Invalid request body', issues: parsed.error.issues });
  // expect: unvalidated-input -- PATCH: the fix makes every field optional
  const task = await prisma.task.update({
    where: { id: req.params.id, ownerId: req.user!.id },
    data: { title: parsed.data.title, notes: parsed.data.notes },
  });
  res.json(task);
});

export default router;
