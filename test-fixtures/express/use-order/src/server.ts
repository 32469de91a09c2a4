import express from 'express';
import { requireAdmin, requireAuth } from './auth.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());

// expect-none: missing-auth
app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});

// expect: missing-auth -- registered before app.use(requireAuth), so the guard never runs for it
app.post('/api/invites', (req, res) => {
  res.status(201).json({ email: req.body.email });
});

// expect: missing-auth -- same: earlier than the guard
app.get('/api/users', (_req, res) => {
  res.json([]);
});

// A path-scoped guard covers /admin and everything under it, and nothing else.
app.use('/admin', requireAdmin);

// expect-none: missing-auth
app.post('/admin/cache/flush', (_req, res) => {
  res.sendStatus(202);
});

// expect: missing-auth -- /admin-tools is not under /admin
app.post('/admin-tools/reindex', (_req, res) => {
  res.sendStatus(202);
});

app.use(requireAuth);

// expect-none: missing-auth
app.post('/api/projects', (req, res) => {
  res.status(201).json({ name: req.body.name });
});

// expect-none: missing-auth
app.get('/api/users/:id', (req, res) => {
  res.json({ id: req.params.id });
});

app.listen(3000);
