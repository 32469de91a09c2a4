import express from 'express';
import { securityHeaders } from './security-headers';

// expect-none: missing-security-headers -- headers set by hand in security-headers.ts
const app = express();
app.use(securityHeaders);
app.get('/api/status', (_req, res) => {
  res.json({ ok: true });
});

export default app;
