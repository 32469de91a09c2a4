import { Router } from 'express';

const api = Router();

// expect-none: missing-auth -- guarded at the /api mount
api.post('/projects', (req, res) => {
  res.status(201).json({ name: req.body.name, owner: res.locals.user.sub });
});

// expect-none: missing-auth -- guarded at the /api mount
api.get('/users', (_req, res) => {
  res.json([]);
});

export default api;
