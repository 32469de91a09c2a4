import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { users, type User } from '../lib/users.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const user = req.session.userId ? users.get(req.session.userId) : undefined;
  if (!user) return res.status(401).json({ error: 'sign in required' });
  res.locals.user = user;
  next();
}

/** A guard factory: `requireRole('admin')` answers 403 unless the signed-in user holds the role. */
export const requireRole =
  (...roles: User['role'][]): RequestHandler =>
  (req, res, next) => {
    const user = req.session.userId ? users.get(req.session.userId) : undefined;
    if (!user) return res.status(401).json({ error: 'sign in required' });
    if (!roles.includes(user.role)) return res.status(403).json({ error: 'forbidden' });
    res.locals.user = user;
    next();
  };

/** Attaches the user when there is one; never turns anyone away. */
export function loadUser(req: Request, res: Response, next: NextFunction) {
  if (req.session.userId) res.locals.user = users.get(req.session.userId);
  next();
}
