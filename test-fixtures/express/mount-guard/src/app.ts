import express from 'express';
import { authenticate } from './auth.js';
import api from './routes/api.js';
import devices from './routes/devices.js';
import publicRouter from './routes/public.js';
import team from './routes/team.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());

// A guard in a path-scoped use runs for every request under that path, whichever router answers.
app.use('/api', authenticate, api);
app.use('/public', publicRouter);
app.use('/team', team);
app.use('/mobile/v1', authenticate, devices);
app.use('/mobile/v0', devices);

app.use(['/billing', '/invoices'], authenticate);

// expect-none: missing-auth -- the array mount path covers /billing
app.get('/billing', (_req, res) => {
  res.json({ plan: 'pro' });
});

// expect-none: missing-auth -- and /invoices
app.post('/invoices/:id/pay', (req, res) => {
  res.json({ paid: req.params.id });
});

app.listen(3000);
