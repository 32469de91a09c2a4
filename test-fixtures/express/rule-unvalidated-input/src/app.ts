import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { requireAuth } from './middleware/auth.js';
import tasks from './routes/tasks.js';
import catalog from './routes/catalog.js';
import comments from './routes/comments.js';
import webhooks from './routes/webhooks.js';

const app = express();
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, limit: 300 }));
app.use('/webhooks', webhooks);
app.use(express.json({ limit: '100kb' }));

app.use('/api', requireAuth, tasks);
app.use('/api', requireAuth, catalog);
app.use('/api', requireAuth, comments);

export default app;
