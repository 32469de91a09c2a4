import { Router } from 'express';
import debug from 'debug';
import { logger } from '../logger';
import { issueToken, createUser } from '../services';

const log = debug('app:auth');

export const authRouter = Router();

authRouter.post('/login', async (req, res) => {
  const { email, password } = req.body;
  // expect: sensitive-logging
  logger.info({ email, password }, 'login attempt');
  // expect: sensitive-logging -- through a template string
  console.log(`login for ${email} with ${password}`);
  // expect-none: sensitive-logging -- only the length
  logger.debug({ email, passwordLength: password.length });
  const token = await issueToken(email, password);
  // expect: sensitive-logging -- a debug() logger, and the token comes from a call
  log('issued token', token);
  // expect-none: sensitive-logging -- a message about tokens, not a token
  logger.info('token issued');
  res.json({ token });
});

authRouter.post('/register', async (req, res) => {
  // expect: sensitive-logging -- the whole body of a sign-up route holds the new password
  logger.info(req.body);
  const user = await createUser(req.body);
  res.status(201).json({ id: user.id });
});

authRouter.get('/me', (req, res) => {
  // expect: sensitive-logging
  console.log('headers', req.headers);
  // expect: sensitive-logging
  logger.warn({ auth: req.headers.authorization, ua: req.headers['user-agent'] }, 'me called');
  // expect-none: sensitive-logging -- a harmless header
  logger.info({ ua: req.headers['user-agent'] });
  res.json({ ok: true });
});
