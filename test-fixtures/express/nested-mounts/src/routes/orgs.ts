import { Router } from 'express';
import { requireAuth } from '../auth.js';
import members from './members.js';
import projects from './projects.js';

const orgs = Router();

// expect: missing-auth
orgs.post('/', (req, res) => {
  res.status(201).json({ name: req.body.name });
});

orgs.use('/:orgId/projects', projects);
orgs.use('/:orgId/members', requireAuth, members);

export default orgs;
