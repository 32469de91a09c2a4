import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

/** Rejects the request unless it carries a valid access token. */
export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return res.status(401).json({ error: 'sign in first' });
  try {
    res.locals.userId = (jwt.verify(token, process.env.JWT_SECRET!) as { sub: string }).sub;
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
  next();
}
