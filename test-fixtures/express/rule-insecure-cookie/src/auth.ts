import express from 'express';
import { issueToken, sessionStore } from './tokens';

export const authRouter = express.Router();

const baseCookie = { httpOnly: true, secure: true, sameSite: 'strict' as const };

authRouter.post('/login', (req, res) => {
  const token = issueToken(req.body.username);
  // expect: insecure-cookie
  res.cookie('access_token', token);
  res.json({ ok: true });
});

authRouter.post('/refresh', (req, res) => {
  const token = issueToken(req.body.username);
  // expect: insecure-cookie
  res.cookie('refresh', token, { httpOnly: true, maxAge: 7 * 24 * 3600 * 1000 });
  res.json({ ok: true });
});

authRouter.post('/signin', (req, res) => {
  const sid = issueToken(req.body.username);
  sessionStore.set(sid, req.body.username);
  // expect: insecure-cookie
  res.cookie('sid', sid, {
    httpOnly: false,
    secure: true,
    sameSite: 'lax',
  });
  res.json({ ok: true });
});

authRouter.post('/sign-in', (req, res) => {
  const token = issueToken(req.body.username);
  // expect-none: insecure-cookie
  res.cookie('session', token, { ...baseCookie, maxAge: 3600 * 1000 });
  res.json({ ok: true });
});

authRouter.post('/token', (req, res) => {
  const token = issueToken(req.body.username);
  // expect-none: insecure-cookie
  res.cookie('session', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });
  res.json({ ok: true });
});

authRouter.post('/logout', (req, res) => {
  // expect-none: insecure-cookie
  res.cookie('session', '', { maxAge: 0 });
  res.json({ ok: true });
});

authRouter.get('/preferences', (req, res) => {
  // expect-none: insecure-cookie
  res.cookie('theme', 'dark', { maxAge: 365 * 24 * 3600 * 1000 });
  // expect-none: insecure-cookie
  res.cookie('XSRF-TOKEN', issueToken('csrf'), { secure: true, sameSite: 'strict' });
  res.json({ ok: true });
});
