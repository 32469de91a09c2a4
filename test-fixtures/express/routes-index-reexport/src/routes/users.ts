import { Router } from 'express';

const users = Router();

// expect-none: missing-auth -- guarded at the mount in app.ts, reached through index.ts
users.delete('/:id', (req, res) => {
  res.status(204).json({ deleted: req.params.id });
});

export default users;
