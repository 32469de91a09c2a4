import express from 'express';
import * as billing from './routes/billing.js';
import { ordersRouter } from './routes/orders.js';
import usersRouter from './routes/users.js';
import { requireUser } from './middleware/require-user.js';

// expect: missing-security-headers
export const app = express();
app.use(express.json());

app.use('/api/users', usersRouter);
app.use('/api/orders', requireUser, ordersRouter);
app.use('/api/billing', billing.router);

app.listen(3000);
