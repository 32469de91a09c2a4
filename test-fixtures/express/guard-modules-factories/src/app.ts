import express from 'express';
import session from 'express-session';
import usersRouter from './routes/users.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }));
app.use('/api/users', usersRouter);

export default app;
