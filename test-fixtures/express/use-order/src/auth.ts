import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.slice('Bearer '.length);
  if (!token) return res.status(401).end();
  try {
    res.locals.claims = jwt.verify(token, process.env.JWT_SECRET!);
    return next();
  } catch {
    return res.status(401).end();
  }
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.slice('Bearer '.length);
  const claims = token ? (jwt.verify(token, process.env.JWT_SECRET!) as { role?: string }) : undefined;
  if (claims?.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  next();
}
