import { Router } from 'express';
import { requireOrgRole } from '../auth.js';
import { tasksRouter } from './tasks.js';

const projects = Router({ mergeParams: true });

// expect: missing-auth -- sensitive because of the /orgs prefix two mounts up
projects.get('/:id', (req, res) => {
  res.json({ org: req.params.orgId, id: req.params.id });
});

// expect-none: missing-auth -- a role check implies authentication
projects.delete('/:id', requireOrgRole('owner'), (req, res) => {
  res.status(204).json({ deleted: req.params.id });
});

projects.use('/:projectId/tasks', tasksRouter);

export default projects;
