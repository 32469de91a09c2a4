import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    res.status(401).json({ error: 'missing bearer token' });
    return;
  }
  try {
    res.locals.user = jwt.verify(header.slice('Bearer '.length), process.env.JWT_SECRET!);
    next();
  } catch {
    res.status(401).json({ error: 'invalid or expired token' });
  }
}
