import express from 'express';
import { requireAuth } from './auth.js';
import orders from './routes/orders.js';
import users from './routes/users.js';

const app = express();
app.use(express.json());
app.use('/api/orders', orders);
app.use(requireAuth);
app.use('/api/users', users);
app.listen(3000);
