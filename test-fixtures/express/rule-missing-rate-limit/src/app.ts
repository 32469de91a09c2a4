import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { accountRouter } from './routes/account';
import { aiRouter } from './routes/ai';
import { authRouter } from './routes/auth';
import { filesRouter } from './routes/files';
import { membersRouter } from './routes/members';
import { partnerApi } from './routes/partner-api';
import { recoveryRouter } from './routes/recovery';
import legacy from './legacy.cjs';
import support from './support.cjs';

// expect: missing-security-headers
const app = express();
app.use(express.json());

app.use('/auth', authRouter);
app.use('/account', accountRouter);
app.use('/assistant', aiRouter);
app.use('/files', filesRouter);
app.use('/members', membersRouter);
app.use('/legacy', legacy);
app.use('/support', support);

// A path-scoped limiter: only routes under /recovery get it.
app.use('/recovery', rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 }));
app.use('/recovery', recoveryRouter);

// A global limiter: every route registered after this line is limited, none before it.
app.use(rateLimit({ windowMs: 60 * 1000, limit: 100, standardHeaders: 'draft-7', legacyHeaders: false }));

app.use('/partner', partnerApi);

app.listen(3000);
