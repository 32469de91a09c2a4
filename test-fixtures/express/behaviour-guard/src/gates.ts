import type { NextFunction, Request, Response } from 'express';
import createError from 'http-errors';
import jwt from 'jsonwebtoken';
import { apiKeys } from './keys.js';

/** Only callers holding an API key get through. */
export function gatekeeper(req: Request, res: Response, next: NextFunction) {
  const key = req.headers.authorization;
  if (!key || !apiKeys.has(key)) {
    res.status(401).json({ error: 'a valid API key is required' });
    return;
  }
  next();
}

/** Verification throws on a bad token; the catch turns it into a 401. */
export function staffPass(req: Request, res: Response, next: NextFunction) {
  try {
    res.locals.staff = jwt.verify(String(req.headers['x-access-token']), process.env.STAFF_JWT_SECRET!);
  } catch {
    return res.status(401).json({ error: 'staff token required' });
  }
  next();
}

/** Denies through the error handler instead of answering itself. */
export function bouncer(req: Request, _res: Response, next: NextFunction) {
  if (!req.headers.authorization) return next(createError(401, 'sign in first'));
  next();
}

/** Reads the credential only to record who called; lets everyone through. */
export function auditTrail(req: Request, _res: Response, next: NextFunction) {
  const caller = req.headers.authorization ? 'token' : 'anonymous';
  console.info(`${req.method} ${req.path} by ${caller}`);
  next();
}

/** Denies during maintenance, which has nothing to do with who is calling. */
export function maintenanceWindow(_req: Request, res: Response, next: NextFunction) {
  if (process.env.MAINTENANCE === '1') return res.status(503).json({ error: 'back soon' });
  next();
}
