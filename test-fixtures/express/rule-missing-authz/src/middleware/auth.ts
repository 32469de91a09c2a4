import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export interface SessionUser {
  id: string;
  role: 'member' | 'manager' | 'admin';
  isAdmin: boolean;
  orgId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
  }
}

/** Verifies the bearer token and attaches the user. */
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return res.status(401).json({ error: 'sign in first' });
  try {
    req.user = jwt.verify(header.slice(7), process.env.JWT_SECRET!) as SessionUser;
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
  next();
}

/** Lets only the given roles through. */
export function requireRole(...roles: SessionUser['role'][]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}

/** Permission strings such as 'users:delete', checked against the role's grants. */
export function authorize(permission: string) {
  const grants: Record<string, string[]> = { admin: ['*'], manager: ['reports:export'], member: [] };
  return (req: Request, res: Response, next: NextFunction) => {
    const granted = grants[req.user?.role ?? 'member'] ?? [];
    if (!granted.includes('*') && !granted.includes(permission)) return res.sendStatus(403);
    next();
  };
}
