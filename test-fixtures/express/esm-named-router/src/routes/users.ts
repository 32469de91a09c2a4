import { Router } from 'express';
import { requireUser } from '../middleware/require-user.js';
import { store } from '../store.js';

const router = Router();

// expect: missing-auth -- GET / is sensitive only with the /api/users mount prefix
router.get('/', (_req, res) => {
  res.json([...store.users.values()]);
});

// expect-none: missing-auth
router.get('/:id', requireUser, (req, res) => {
  const user = store.users.get(req.params.id);
  if (!user) return res.sendStatus(404);
  res.json(user);
});

// expect: missing-auth
router.post('/', (req, res) => {
  const user = { id: store.newId(), email: String(req.body.email), name: String(req.body.name) };
  store.users.set(user.id, user);
  res.status(201).json(user);
});

export default router;
