import cookieSession from 'cookie-session';
import session from 'express-session';

// expect: insecure-cookie
export const light = cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!], maxAge: 24 * 3600 * 1000, sameSite: 'lax' });

// expect-none: insecure-cookie
export const hardened = cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY!], secure: true, sameSite: 'lax' });

// expect-none: insecure-cookie
export const hardenedSession = session({
  secret: process.env.SESSION_SECRET!,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: 'auto', sameSite: 'lax', maxAge: 3600 * 1000 },
});

// expect: insecure-cookie
export const halfSession = session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, sameSite: 'lax' } });
