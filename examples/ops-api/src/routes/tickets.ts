/**
 * What good looks like: every route requires a signed-in caller, bodies are validated with zod,
 * and every query is scoped to the caller (`ownerId: req.user.id`), so one user can never read
 * or change another's tickets.
 */
import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../lib/prisma.js';
import { requireAuth } from '../middleware/auth.js';
import { validateBody } from '../middleware/validate.js';

const router = Router();
router.use(requireAuth);

const createTicket = z.object({
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(10_000),
});

const updateTicket = z
  .object({
    title: z.string().trim().min(3).max(200).optional(),
    body: z.string().trim().min(1).max(10_000).optional(),
    status: z.enum(['open', 'waiting', 'closed']).optional(),
  })
  .strict();

router.get('/', async (req, res) => {
  res.json(await prisma.ticket.findMany({ where: { ownerId: req.user!.id }, orderBy: { createdAt: 'desc' }, take: 100 }));
});

router.post('/', validateBody(createTicket), async (req, res) => {
  const { title, body } = req.body as z.infer<typeof createTicket>;
  const ticket = await prisma.ticket.create({ data: { title, body, ownerId: req.user!.id } });
  res.status(201).json(ticket);
});

router.get('/:id', async (req, res) => {
  const ticket = await prisma.ticket.findFirst({ where: { id: req.params.id, ownerId: req.user!.id } });
  if (!ticket) {
    res.sendStatus(404);
    return;
  }
  res.json(ticket);
});

router.patch('/:id', validateBody(updateTicket), async (req, res) => {
  const { title, body, status } = req.body as z.infer<typeof updateTicket>;
  const { count } = await prisma.ticket.updateMany({ where: { id: req.params.id, ownerId: req.user!.id }, data: { title, body, status } });
  if (count === 0) {
    res.sendStatus(404);
    return;
  }
  res.sendStatus(204);
});

router.delete('/:id', async (req, res) => {
  const { count } = await prisma.ticket.deleteMany({ where: { id: req.params.id, ownerId: req.user!.id } });
  res.sendStatus(count === 0 ? 404 : 204);
});

export default router;
