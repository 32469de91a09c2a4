import { Router } from 'express';
import { requireToken } from './guard.js';
import { comments } from './comments.js';

export const docs = Router();

// expect: missing-auth
docs.post('/', (req, res) => {
  res.status(201).json({ title: req.body.title });
});

// expect-none: missing-auth
// expect: missing-authz -- a delete behind authentication only
docs.delete('/:id', requireToken, (req, res) => {
  res.status(204).json({ deleted: req.params.id });
});

// A copy-paste slip: the router is mounted into itself.
docs.use('/:id/versions', docs);
docs.use('/:id/comments', comments);
