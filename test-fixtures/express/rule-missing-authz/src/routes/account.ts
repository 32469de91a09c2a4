import { Router } from 'express';
import { db } from '../db.js';
import { bulkDeleteTags } from '../services/tags.js';

const router = Router();

// expect: missing-authz -- the handler writes the role the client sent
router.patch('/users/:id', async (req, res) => {
  const { name, role } = req.body;
  // expect: unvalidated-input
  const user = await db.user.update({ where: { id: req.params.id }, data: { name: String(name), role } });
  res.json({ id: user.id, name: user.name });
});

// expect: missing-authz -- a role change by path
router.post('/users/:id/promote', async (req, res) => {
  res.json({ promoted: req.params.id });
});

// expect-none: missing-authz -- self-service: the caller closes their own account
router.delete('/me', async (req, res) => {
  await db.user.delete({ where: { id: req.user!.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- signing out of one's own session
router.delete('/sessions/:id', async (req, res) => {
  await db.session.deleteMany({ where: { id: req.params.id, userId: req.user!.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- a fixed role on invitation is not a role change by the caller
router.post('/invitations/:code/accept', async (req, res) => {
  const user = await db.user.update({ where: { id: req.user!.id }, data: { role: 'member', invitedBy: req.params.code } });
  res.json({ id: user.id });
});

// expect-none: missing-authz -- the delete is handed the caller: it works on the caller's own tags
router.delete('/tags', async (req, res) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids.map(String) : [];
  res.json(await bulkDeleteTags(req.user!.id, ids));
});

export default router;
