import express from 'express';
import helmet from 'helmet';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import { authRouter } from './auth';

const app = express();
app.use(helmet());
app.use(express.json());
app.use(
  session({
    // expect: hardcoded-secret
    secret: 'keyboard cat',
    resave: false,
    saveUninitialized: false,
  }),
);
// expect: hardcoded-secret
app.use(cookieParser('s1gned-c00kie-key'));
app.use('/auth', authRouter);

export default app;
