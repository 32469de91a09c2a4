import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import { config } from '../config.js';

export type Role = 'MEMBER' | 'DISPATCHER' | 'FINANCE' | 'ADMIN';

export interface AuthUser {
  id: string;
  role: Role;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

/** Accepts `Authorization: Bearer <access token>` and attaches the caller to `req.user`. */
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    res.status(401).json({ error: 'missing bearer token' });
    return;
  }
  try {
    const claims = jwt.verify(header.slice('Bearer '.length), config.jwtSecret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    req.user = { id: String(claims.sub), role: claims.role as Role };
    next();
  } catch {
    res.status(401).json({ error: 'invalid or expired token' });
  }
}

/** Must run after requireAuth. Answers 403 unless the caller holds one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user || !roles.includes(req.user.role)) {
      res.status(403).json({ error: `requires role ${roles.join(' or ')}` });
      return;
    }
    next();
  };
}
