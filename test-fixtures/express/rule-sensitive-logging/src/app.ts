import express from 'express';
import helmet from 'helmet';
import { authRouter } from './routes/auth';
import { paymentsRouter } from './routes/payments';
import { profileRouter } from './routes/profile';

const app = express();
app.use(helmet());
app.use(express.json());
app.use((req, res, next) => {
  // expect: sensitive-logging -- the whole request: headers, cookies and body
  console.log('incoming', req);
  // expect-none: sensitive-logging -- method and path only
  console.log(`${req.method} ${req.path}`);
  next();
});
app.use('/auth', authRouter);
app.use('/payments', paymentsRouter);
app.use('/profile', profileRouter);

export default app;
