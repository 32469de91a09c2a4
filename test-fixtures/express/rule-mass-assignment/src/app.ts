import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { requireAuth } from './auth.js';
import profile from './routes/profile.js';
import tasks from './routes/tasks.js';
import contacts from './routes/contacts.js';

const app = express();
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, limit: 300 }));
app.use(express.json({ limit: '100kb' }));
app.use('/api', requireAuth, profile);
app.use('/api', requireAuth, tasks);
app.use('/api', requireAuth, contacts);

export default app;
