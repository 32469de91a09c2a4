import express from 'express';
import staff from './routes/staff.mjs';

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use('/api/staff', staff);

// expect-none: missing-auth
app.get('/api/shifts/open', (_req, res) => {
  res.json([{ day: 'monday', slots: 2 }]);
});

app.listen(3000);
