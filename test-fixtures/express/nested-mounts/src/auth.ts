import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';

interface Claims {
  sub: string;
  orgs: Record<string, 'owner' | 'member'>;
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer\s+/i, '');
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    res.locals.claims = jwt.verify(token, process.env.JWT_SECRET!) as Claims;
    next();
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
  }
}

/** Requires the caller to hold `role` in the organisation named by `:orgId`. */
export function requireOrgRole(role: 'owner' | 'member'): RequestHandler {
  return (req, res, next) => {
    const claims = res.locals.claims as Claims | undefined;
    const held = claims?.orgs[req.params.orgId!];
    if (!held || (role === 'owner' && held !== 'owner')) return res.status(403).json({ error: `requires org role ${role}` });
    next();
  };
}
