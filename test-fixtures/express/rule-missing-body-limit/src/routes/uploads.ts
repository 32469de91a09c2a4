import { Router } from 'express';
import multer from 'multer';
import { requireAuth } from '../guards';

const scanOptions = { dest: 'scans/', limits: { fileSize: 10 * 1024 * 1024 } };

// expect: missing-body-limit -- disk storage with no limits at all
const documents = multer({ dest: 'uploads/' });
// expect-none: missing-body-limit -- memory storage, but capped at 2 MB
const avatars = multer({ storage: multer.memoryStorage(), limits: { fileSize: 2 * 1024 * 1024 } });
// expect: missing-body-limit -- limits without fileSize still allow any file size
const attachments = multer({ dest: 'attachments/', limits: { files: 3 } });
// expect-none: missing-body-limit -- options from a constant that sets fileSize
const scans = multer(scanOptions);
// expect-none: missing-body-limit -- options built at run time are not guessed at
const receipts = multer(receiptOptions());

// expect: missing-body-limit -- no limits, and used from inside a handler rather than on the chain
const logos = multer({ dest: 'logos/' }).single('logo');

const photos = multer({
  dest: 'photos/',
  // expect: missing-body-limit -- Infinity is no limit
  limits: { fileSize: Infinity },
});

function receiptOptions() {
  return { dest: 'receipts/', limits: { fileSize: Number(process.env.RECEIPT_MAX) } };
}

export const uploadsRouter = Router();

uploadsRouter.post('/documents', requireAuth, documents.single('file'), (req, res) => {
  res.status(201).json({ name: req.file?.filename });
});

uploadsRouter.post('/avatar', requireAuth, avatars.single('avatar'), (req, res) => {
  res.status(201).json({ size: req.file?.size });
});

uploadsRouter.post('/attachments', requireAuth, attachments.array('files', 3), (req, res) => {
  res.status(201).json({ count: Array.isArray(req.files) ? req.files.length : 0 });
});

uploadsRouter.post('/scans', requireAuth, scans.single('scan'), (req, res) => {
  res.status(201).json({ name: req.file?.filename });
});

uploadsRouter.post('/receipts', requireAuth, receipts.single('receipt'), (req, res) => {
  res.status(201).json({ name: req.file?.filename });
});

uploadsRouter.post('/photos', requireAuth, photos.single('photo'), (req, res) => {
  res.status(201).json({ name: req.file?.filename });
});

uploadsRouter.post('/logo', requireAuth, (req, res) => {
  logos(req, res, (err) => {
    if (err) return res.status(400).json({ error: 'upload failed' });
    res.status(201).json({ name: req.file?.filename });
  });
});
