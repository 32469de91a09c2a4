import { Router } from 'express';
import { db, pool, prisma } from '../db.js';
import { getOrderById, getOrderForCustomer, loadShipment } from '../services/orders.js';
import { verifyUser } from '../session.js';

const router = Router();

type User = { id: string; tenantId: string };

router.get('/documents/:id', async (req, res) => {
  // expect: missing-ownership-check -- raw SQL by id only
  const { rows } = await pool.query('SELECT id, title, body FROM documents WHERE id = $1', [req.params.id]);
  res.json(rows[0] ?? null);
});

router.get('/documents/:id/history', async (req, res) => {
  const user = req.user as User;
  // expect-none: missing-ownership-check -- the owner is a query parameter
  const { rows } = await pool.query('SELECT * FROM document_versions WHERE document_id = $1 AND owner_id = $2', [req.params.id, user.id]);
  res.json(rows);
});

router.get('/orders/:orderId', async (req, res) => {
  // expect: missing-ownership-check -- a by-id helper with nothing about the caller
  const order = await getOrderById(req.params.orderId);
  res.json(order ?? null);
});

router.get('/orders/:orderId/receipt', async (req, res) => {
  // expect-none: missing-ownership-check -- the helper takes the caller
  const order = await getOrderForCustomer(req.params.orderId, (req.user as User).id);
  res.json(order ?? null);
});

router.get('/workspaces/:workspaceId/files/:fileId', async (req, res) => {
  const { workspaceId, fileId } = req.params;
  // expect: missing-ownership-check -- Knex chain: both ids come from the path
  const file = await db('files').where({ id: fileId, workspace_id: workspaceId }).first();
  res.json(file ?? null);
});

router.patch('/projects/:id/archive', async (req, res) => {
  const tenantId = (req.user as User).tenantId;
  // expect-none: missing-ownership-check -- tenant-scoped update
  const project = await prisma.project.update({ where: { id: req.params.id, tenantId }, data: { archivedAt: new Date() } });
  res.json(project);
});

router.get('/users/:userId/settings', async (req, res) => {
  // expect-none: missing-ownership-check -- the path id is compared with the caller first
  if (req.params.userId !== (req.user as User).id) return res.sendStatus(403);
  res.json(await prisma.settings.findUnique({ where: { userId: req.params.userId } }));
});

router.get('/shipments/:id', async (req, res) => {
  // todo-expect: missing-ownership-check -- the record is loaded in a helper whose name does not say "by id", and helpers are not followed
  const shipment = await loadShipment(req.params.id);
  res.json(shipment ?? null);
});

router.get('/reports/:id', async (req, res) => {
  const me = await verifyUser(req);
  // expect-none: missing-ownership-check -- verifyUser() hands out the caller; the owner is compared below
  const report = await prisma.report.findUnique({ where: { id: req.params.id } });
  if (!report || report.authorId !== me.id) return res.sendStatus(404);
  res.json(report);
});

export default router;
