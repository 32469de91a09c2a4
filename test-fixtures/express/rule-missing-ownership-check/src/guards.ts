import type { NextFunction, Request, Response } from 'express';

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const user = req.user as { role?: string } | undefined;
  if (user?.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  next();
}
