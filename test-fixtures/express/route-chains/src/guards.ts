import type { NextFunction, Request, Response } from 'express';
import { sessions } from './sessions.js';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const sid = req.headers.authorization?.replace(/^Bearer /, '');
  const session = sid ? sessions.get(sid) : undefined;
  if (!session) return res.status(401).json({ error: 'unauthenticated' });
  res.locals.session = session;
  next();
}
