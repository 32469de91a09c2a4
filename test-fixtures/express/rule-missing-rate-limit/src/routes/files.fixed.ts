import { Router } from 'express';
import multer from 'multer';
import { requireAuth } from '../guards';
import { rateLimit } from 'express-rate-limit';

const upload = multer({ dest: 'uploads/', limits: { fileSize: 5 * 1024 * 1024 } });

export const filesRouter = Router();

const expensiveLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 30, standardHeaders: 'draft-7', legacyHeaders: false });

// expect: missing-rate-limit -- uploads fill the disk one request at a time
filesRouter.post('/', expensiveLimiter, requireAuth, upload.single('file'), (req, res) => {
  res.status(201).json({ name: req.file?.filename });
});

// expect: missing-rate-limit -- a CSV export of everything, on demand
// expect: missing-authz -- an export behind authentication only
filesRouter.get('/export.csv', expensiveLimiter, requireAuth, (_req, res) => {
  res.type('text/csv').send('id\n');
});

// expect-none: missing-rate-limit -- serving one stored file is an ordinary read
filesRouter.get('/uploads/:name', requireAuth, (req, res) => {
  res.sendFile(String(req.params.name), { root: 'uploads' });
});
