import { Router } from 'express';

export const tasksRouter = Router({ mergeParams: true });

// expect: missing-auth -- POST /orgs/:orgId/projects/:projectId/tasks, three routers deep, no guard on the way
tasksRouter.post('/', (req, res) => {
  res.status(201).json({ org: req.params.orgId, project: req.params.projectId, title: req.body.title });
});
