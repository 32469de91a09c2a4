import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import { requireSession } from './middleware/session.js';

const app = express();
app.use(helmet());
app.use(express.json());
app.use(cookieParser(), requireSession);

// expect-none: missing-auth
app.get('/api/users/me', (_req, res) => {
  res.json({ id: res.locals.userId });
});

// expect-none: missing-auth
app.post('/api/orders', (req, res) => {
  res.status(201).json({ userId: res.locals.userId, items: req.body.items });
});

// expect-none: missing-auth
app.delete('/api/account', (_req, res) => {
  res.sendStatus(204);
});

export default app;
