import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const header = req.header('authorization');
  if (!header) return res.status(401).json({ error: 'missing token' });
  try {
    res.locals.user = jwt.verify(header.replace('Bearer ', ''), process.env.JWT_SECRET!);
    next();
  } catch {
    res.status(401).json({ error: 'bad token' });
  }
}
