import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { requireUser } from './auth';
import { issueAccessToken } from './tokens';
import { denylist } from './denylist';

const app = express();
app.use(helmet());
app.use(express.json());
app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }));

app.post('/auth/login', (req, res) => {
  res.json({ token: issueAccessToken(req.body.username, 'user') });
});

// expect: jwt-misuse
app.post('/auth/logout', requireUser, (req, res) => {
  res.json({ ok: true });
});

// expect-none: jwt-misuse
app.post('/auth/sign-out', requireUser, async (req, res) => {
  await denylist.add(String(req.headers.authorization));
  res.clearCookie('access_token').json({ ok: true });
});

// expect-none: jwt-misuse
app.post('/session/logout', requireUser, (req, res) => {
  res.clearCookie('access_token');
  res.status(204).end();
});

export default app;
