import { Router } from 'express';
import busboy from 'busboy';
import formidable from 'formidable';
import { requireAuth } from '../guards';

export const streamsRouter = Router();

streamsRouter.post('/raw', requireAuth, (req, res) => {
  // expect: missing-body-limit -- busboy without limits.fileSize streams any size
  const bb = busboy({ headers: req.headers });
  bb.on('close', () => res.sendStatus(201));
  req.pipe(bb);
});

streamsRouter.post('/capped', requireAuth, (req, res) => {
  // expect-none: missing-body-limit -- busboy with a file size limit
  const bb = busboy({ headers: req.headers, limits: { fileSize: 8 * 1024 * 1024, files: 1 } });
  bb.on('close', () => res.sendStatus(201));
  req.pipe(bb);
});

streamsRouter.post('/form', requireAuth, async (req, res) => {
  // expect-none: missing-body-limit -- formidable with maxFileSize
  const form = formidable({ maxFileSize: 5 * 1024 * 1024 });
  const [fields] = await form.parse(req);
  res.json({ fields: Object.keys(fields) });
});

streamsRouter.post('/legacy-form', requireAuth, async (req, res) => {
  // expect: missing-body-limit -- formidable's default maxFileSize is 200 MB
  const form = new formidable.IncomingForm();
  const [fields] = await form.parse(req);
  res.json({ fields: Object.keys(fields) });
});
