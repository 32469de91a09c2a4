import express from 'express';
import session from 'express-session';
import { requireLogin } from './guard';
import { account, health, internalApi, settingsRouter, usersRouter } from './routes';

// expect: missing-security-headers
const app = express();
app.use(express.json());
// expect: insecure-cookie -- express-session without cookie.secure/sameSite
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));

app.use('/health', health);
app.use('/api/users', requireLogin, usersRouter);
app.use('/api/settings', settingsRouter);
app.use('/api/account', account);
app.use('/internal', internalApi);

export default app;
