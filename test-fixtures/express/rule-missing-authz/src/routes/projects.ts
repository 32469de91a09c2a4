import { Router } from 'express';
import { subject } from '@casl/ability';
import { db } from '../db.js';
import { authorize, requireRole } from '../middleware/auth.js';
import { canDeleteTeams, loadProject, ownsProject, permit } from '../middleware/permissions.js';
import { archiveProject } from '../services/projects.js';
import { ForbiddenError } from '../errors.js';
import { abilityFor } from '../ability.js';

const router = Router();

// expect: missing-authz -- a delete with neither a role check nor an owner in the query
router.delete('/projects/:id', async (req, res) => {
  await db.project.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- the delete is scoped to the caller's own records
router.delete('/tasks/:id', async (req, res) => {
  const { count } = await db.task.deleteMany({ where: { id: req.params.id, ownerId: req.user!.id } });
  res.sendStatus(count === 1 ? 204 : 404);
});

// expect-none: missing-authz -- loads, then compares the owner with the caller
router.delete('/comments/:id', async (req, res) => {
  const comment = await db.comment.findUnique({ where: { id: req.params.id } });
  if (!comment || comment.authorId !== req.user!.id) return res.sendStatus(404);
  await db.comment.delete({ where: { id: comment.id } });
  res.sendStatus(204);
});

// expect: missing-authz -- deleteMany over ids from the body: any user can wipe anyone's tasks
router.post('/tasks/cleanup', async (req, res) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids.map(String) : [];
  const { count } = await db.task.deleteMany({ where: { id: { in: ids } } });
  res.json({ deleted: count });
});

// expect: missing-authz -- a bulk import by path
router.post('/projects/:id/import', async (req, res) => {
  res.status(202).json({ project: req.params.id, queued: true });
});

// expect: missing-authz -- a CSV export of every project
router.get('/projects/export.csv', async (_req, res) => {
  const projects = await db.project.findMany();
  res.type('text/csv').send(projects.map((p) => `${p.id},${p.name}`).join('\n'));
});

// expect-none: missing-authz -- an export of the caller's own projects only
router.get('/projects/mine/export', async (req, res) => {
  res.json(await db.project.findMany({ where: { ownerId: req.user!.id } }));
});

// expect-none: missing-authz -- a permission check on the chain
router.get('/reports/export', authorize('reports:export'), async (_req, res) => {
  res.json(await db.report.findMany());
});

// expect-none: missing-authz -- `if (!user.isAdmin) throw new ForbiddenError()` is a role check
router.delete('/labels/:id', async (req, res) => {
  if (!req.user!.isAdmin) throw new ForbiddenError('admins only');
  await db.label.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- a CASL ability answers 403
router.delete('/boards/:id', async (req, res) => {
  const board = await db.board.findUnique({ where: { id: req.params.id } });
  if (!board) return res.sendStatus(404);
  if (abilityFor(req.user!).cannot('delete', subject('Board', board))) return res.sendStatus(403);
  await db.board.delete({ where: { id: board.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- managers and admins only
router.patch('/members/:id/role', requireRole('manager', 'admin'), async (req, res) => {
  const role = req.body.role === 'manager' ? 'manager' : 'member';
  res.json(await db.user.update({ where: { id: req.params.id, orgId: req.user!.orgId }, data: { role } }));
});

// expect-none: missing-authz -- permit() hands the rights check to a helper in the same file, which answers 403
router.delete('/projects/:id/hard', permit('manageProjects'), async (req, res) => {
  await db.project.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- a chain guard compares the loaded project's owner with the caller
router.delete('/projects/:id/logo', loadProject, ownsProject, async (req, res) => {
  await db.logo.deleteMany({ where: { projectId: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- a permission predicate, even if it answers 401
router.delete('/teams/:id', async (req, res) => {
  if (!(await canDeleteTeams(req.user))) return res.status(401).json({ error: 'not allowed' });
  await db.team.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-authz -- the service is told who asks and which record (it checks ownership)
router.delete('/projects/:id/archive', async (req, res) => {
  await archiveProject(req.params.id, req.user!.id);
  res.sendStatus(204);
});

export default router;
