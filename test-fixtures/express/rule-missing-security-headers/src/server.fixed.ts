import express from 'express';
import helmet from 'helmet';

// expect: missing-security-headers
const app = express();
app.use(helmet());
app.use(express.json());

app.get('/api/orders', (_req, res) => {
  res.json([]);
});

// expect-none: missing-security-headers -- mounted in the app above, whose headers apply
const admin = express();
admin.get('/stats', (_req, res) => {
  res.json({ orders: 0 });
});
app.use('/admin', admin);

export default app;
