import express from 'express';
import session from 'express-session';

export function buildTestApp() {
  const app = express();
  // expect-none: insecure-cookie
  app.use(session({ secret: 'test', resave: false, saveUninitialized: false }));
  return app;
}
