import { Router } from 'express';
import multer from 'multer';
import { config } from '../config.js';
import { fetchShipmentStatus } from '../lib/partner-client.js';
import { prisma } from '../lib/prisma.js';
import { requireAuth, requireRole } from '../middleware/auth.js';
import { heavyLimiter } from '../middleware/rate-limit.js';

const router = Router();

// RouteGuard missing-body-limit: multer without limits accepts files of any size and any number of fields
const upload = multer({ dest: config.uploadDir });

router.post('/upload', requireAuth, heavyLimiter, upload.single('file'), async (req, res) => {
  if (!req.file) {
    res.status(400).json({ error: 'attach a CSV file as "file"' });
    return;
  }
  res.status(202).json({ id: req.file.filename, size: req.file.size });
});

router.get('/daily', requireAuth, requireRole('DISPATCHER', 'ADMIN'), async (_req, res) => {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const [opened, closed] = await Promise.all([
    prisma.ticket.count({ where: { createdAt: { gte: since } } }),
    prisma.ticket.count({ where: { createdAt: { gte: since }, status: 'closed' } }),
  ]);
  res.json({ since, opened, closed });
});

router.get('/shipments/:reference', requireAuth, async (req, res) => {
  res.json(await fetchShipmentStatus(req.params.reference));
});

export default router;
