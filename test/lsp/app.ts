/**
 * The small Express app the protocol tests run the server on, written to a temp folder per test.
 * Kept here (not in test-fixtures/) because the tests edit it: the fixture test would otherwise
 * have to know about it, and its shape is what the assertions below rely on.
 */
export const AUTH_TS = `import type { NextFunction, Request, Response } from 'express';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.status(401).json({ error: 'unauthorized' });
  next();
}

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req as any).user?.role !== role) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}

export function validate(schema: { parse(x: unknown): unknown }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    req.body = schema.parse(req.body);
    next();
  };
}
`;

export const APP_TS = `import express from 'express';
import { requireAuth } from './auth';
import orders from './routes/orders';
import users from './routes/users';
import admin from './routes/admin';

const app = express();
app.use(express.json());
app.use('/api/orders', orders);
app.use(requireAuth);
app.use('/api/users', users);
app.use('/api/admin', admin);
app.listen(3000);
`;

/** Mounted before the global guard: both routes are public. */
export const ORDERS_TS = `import { Router } from 'express';

const router = Router();

router.get('/', (_req, res) => {
  res.json([]);
});

router.post('/', (req, res) => {
  res.status(201).json({ id: 1, note: String(req.body.note) });
});

export default router;
`;

/** Guarded only by the global \`app.use(requireAuth)\` in app.ts. */
export const USERS_TS = `import { Router } from 'express';

const router = Router();

router.delete('/:id', (req, res) => {
  res.sendStatus(204);
});

export default router;
`;

export const ADMIN_TS = `import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { requireRole, validate } from '../auth';

const router = Router();
const limiter = rateLimit({ windowMs: 60_000, limit: 10 });
const schema = { parse: (x: unknown) => x };

router.post('/reset', requireRole('admin'), validate(schema), limiter, (req, res) => {
  res.json({ ok: true, target: req.body.target });
});

export default router;
`;

export const APP_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'lsp-app', private: true, dependencies: { express: '^5.1.0', 'express-rate-limit': '^7.0.0' } }, null, 2),
  'src/auth.ts': AUTH_TS,
  'src/app.ts': APP_TS,
  'src/routes/orders.ts': ORDERS_TS,
  'src/routes/users.ts': USERS_TS,
  'src/routes/admin.ts': ADMIN_TS,
};
