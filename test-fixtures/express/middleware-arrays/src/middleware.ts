import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { ZodSchema } from 'zod';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.split(' ')[1];
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    res.locals.claims = jwt.verify(token, process.env.JWT_SECRET!);
    next();
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
  }
}

export function requireRole(role: string): RequestHandler {
  return (_req, res, next) => {
    if (res.locals.claims?.role !== role) return res.status(403).json({ error: `${role} only` });
    next();
  };
}

export function validate(schema: ZodSchema): RequestHandler {
  return (req, res, next) => {
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: parsed.error.flatten() });
    req.body = parsed.data;
    next();
  };
}
