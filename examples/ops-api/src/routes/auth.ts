import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { Router } from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { config } from '../config.js';
import { logger } from '../lib/logger.js';
import { prisma } from '../lib/prisma.js';
import { accountLimiter } from '../middleware/rate-limit.js';
import { validateBody } from '../middleware/validate.js';

const router = Router();

const registerSchema = z.object({
  email: z.string().email(),
  name: z.string().min(1).max(100),
  password: z.string().min(12).max(200),
});

function issueAccessToken(user: { id: string; role: string }): string {
  return jwt.sign({ sub: user.id, role: user.role }, config.jwtSecret, { algorithm: 'HS256', expiresIn: config.accessTokenTtl });
}

// RouteGuard missing-rate-limit: a password check with no limiter — unlimited guessing
router.post('/login', async (req, res) => {
  // RouteGuard sensitive-logging: the whole body, password included, goes to the logs
  logger.info({ body: req.body }, 'login attempt');
  const user = await prisma.user.findUnique({ where: { email: String(req.body.email) } });
  if (!user || !(await bcrypt.compare(String(req.body.password), user.passwordHash))) {
    res.status(401).json({ error: 'wrong email or password' });
    return;
  }
  const token = issueAccessToken(user);
  // RouteGuard sensitive-logging: a live access token printed to stdout
  console.log('token', token);
  // RouteGuard insecure-cookie: no httpOnly, secure or sameSite on the session cookie
  res.cookie('session', token);
  res.json({ token, user: { id: user.id, name: user.name, role: user.role } });
});

router.post('/register', accountLimiter, validateBody(registerSchema), async (req, res) => {
  const { email, name, password } = req.body as z.infer<typeof registerSchema>;
  const user = await prisma.user.create({ data: { email, name, passwordHash: await bcrypt.hash(password, 12) } });
  res.status(201).json({ id: user.id });
});

router.post('/password-reset', accountLimiter, validateBody(z.object({ email: z.string().email() })), async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (user) {
    const token = randomBytes(32).toString('hex');
    await prisma.passwordReset.create({
      data: { userId: user.id, tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 30 * 60 * 1000) },
    });
    // Delivery by e-mail happens in the notifications worker.
  }
  // Same answer whether or not the account exists.
  res.sendStatus(202);
});

router.post('/refresh', async (req, res) => {
  const current = String(req.body.token ?? '');
  try {
    // RouteGuard jwt-misuse: ignoreExpiration lets an expired (or stolen, long-dead) token mint new ones
    const claims = jwt.verify(current, config.jwtSecret, { ignoreExpiration: true }) as jwt.JwtPayload;
    res.json({ token: issueAccessToken({ id: String(claims.sub), role: String(claims.role) }) });
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
});

// RouteGuard jwt-misuse: logout neither clears the cookie nor revokes the token, so a copied token keeps working.
router.post('/logout', (_req, res) => {
  res.sendStatus(204);
});

export default router;
