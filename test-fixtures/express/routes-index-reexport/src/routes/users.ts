import { Router } from 'express';

const users = Router();

// expect-none: missing-auth -- guarded at the mount in app.ts, reached through index.ts
// expect: missing-authz -- a delete behind authentication only
users.delete('/:id', (req, res) => {
  res.status(204).json({ deleted: req.params.id });
});

export default users;
