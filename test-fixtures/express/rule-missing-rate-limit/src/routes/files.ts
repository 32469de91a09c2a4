import { Router } from 'express';
import multer from 'multer';
import { requireAuth } from '../guards';

const upload = multer({ dest: 'uploads/', limits: { fileSize: 5 * 1024 * 1024 } });

export const filesRouter = Router();

// expect: missing-rate-limit -- uploads fill the disk one request at a time
filesRouter.post('/', requireAuth, upload.single('file'), (req, res) => {
  res.status(201).json({ name: req.file?.filename });
});

// expect: missing-rate-limit -- a CSV export of everything, on demand
// expect: missing-authz -- an export behind authentication only
filesRouter.get('/export.csv', requireAuth, (_req, res) => {
  res.type('text/csv').send('id\n');
});

// expect-none: missing-rate-limit -- serving one stored file is an ordinary read
filesRouter.get('/uploads/:name', requireAuth, (req, res) => {
  res.sendFile(String(req.params.name), { root: 'uploads' });
});
