import { Router } from 'express';
import { authenticate } from '../auth.js';

const team = Router();

// expect: missing-auth -- registered before team.use(authenticate)
team.post('/invitations/accept', (req, res) => {
  res.json({ accepted: req.body.code });
});

team.use(authenticate);

// expect-none: missing-auth -- router-level guard
team.post('/members', (req, res) => {
  res.status(201).json({ email: req.body.email });
});

// expect-none: missing-auth -- router-level guard
// expect: missing-authz -- removing team members needs a role
team.delete('/members/:id', (req, res) => {
  res.status(204).json({ removed: req.params.id });
});

export default team;
