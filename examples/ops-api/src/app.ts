import cookieParser from 'cookie-parser';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { logger } from './lib/logger.js';
import { requireAuth } from './middleware/auth.js';
import adminRouter from './routes/admin.js';
import authRouter from './routes/auth.js';
import healthRouter from './routes/health.js';
import payrollRouter from './routes/payroll.js';
import reportsRouter from './routes/reports.js';
import ticketsRouter from './routes/tickets.js';
import usersRouter from './routes/users.js';
import webhooksRouter from './routes/webhooks.js';

// RouteGuard missing-security-headers: no helmet() (or equivalent headers) anywhere in the app
export const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 1);

// RouteGuard permissive-cors: reflects any Origin and allows credentials — any website can call the API as the user
app.use(cors({ origin: true, credentials: true }));

// Webhooks read the raw body, so they are mounted before the JSON parser.
app.use('/webhooks', webhooksRouter);

// RouteGuard missing-body-limit: 50 MB JSON bodies invite memory exhaustion (the default 100 KB is plenty here)
app.use(express.json({ limit: '50mb' }));
app.use(cookieParser());

app.use('/health', healthRouter);
app.use('/api/auth', authRouter);
app.use('/api/users', usersRouter);
app.use('/api/payroll', payrollRouter);
app.use('/api/admin', requireAuth, adminRouter);
app.use('/api/reports', reportsRouter);
app.use('/api/tickets', ticketsRouter);

// RouteGuard stack-trace-exposure: error messages and stack traces are sent to the client
app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  logger.error({ err }, 'unhandled error');
  res.status(500).json({ error: err.message, stack: err.stack });
});
