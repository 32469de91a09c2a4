import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

declare module 'express-serve-static-core' {
  interface Request {
    user?: { id: string };
  }
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return res.status(401).json({ error: 'sign in first' });
  try {
    req.user = jwt.verify(token, process.env.JWT_SECRET!) as { id: string };
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
  next();
}
