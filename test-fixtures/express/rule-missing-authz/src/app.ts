import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { requireAuth, requireRole } from './middleware/auth.js';
import adminRouter from './routes/admin.js';
import backofficeRouter from './routes/backoffice.js';
import projectsRouter from './routes/projects.js';
import accountRouter from './routes/account.js';
import financeRouter from './routes/finance.js';

const app = express();
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, limit: 100 }));
app.use(express.json({ limit: '100kb' }));

// Signed in, but any role: every privileged route under here is reported.
app.use('/api/admin', requireAuth, adminRouter);
// The role check at the mount covers every route of the router.
app.use('/api/backoffice', requireAuth, requireRole('admin'), backofficeRouter);
app.use('/api', requireAuth, projectsRouter);
app.use('/api', requireAuth, accountRouter);
app.use('/api/finance', requireAuth, financeRouter);

export default app;
