import { Router } from 'express';
import { docs } from './docs.js';

export const comments = Router({ mergeParams: true });

// expect: missing-auth
comments.post('/', (req, res) => {
  res.status(201).json({ doc: req.params.id, text: req.body.text });
});

// And a cycle across files: comments mounts docs, which mounts comments.
comments.use('/:commentId/docs', docs);
