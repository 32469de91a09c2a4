import express from 'express';
import helmet from 'helmet';
import passport from 'passport';
import { rateLimit } from 'express-rate-limit';
import invoices from './routes/invoices.js';
import documents from './routes/documents.js';
import catalog from './routes/catalog.js';
import { requireAdmin } from './guards.js';

const app = express();
app.use(helmet());
app.use(rateLimit({ windowMs: 60_000, limit: 300 }));
app.use(express.json({ limit: '100kb' }));
app.use(passport.initialize());

const jwtAuth = passport.authenticate('jwt', { session: false });

app.use('/api', jwtAuth, invoices);
app.use('/api', jwtAuth, documents);
app.use('/api/admin', jwtAuth, requireAdmin, invoices);
app.use('/', catalog);

export default app;
