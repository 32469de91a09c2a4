import type { NextFunction, Request, Response } from 'express';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export function requireLogin(req: Request, res: Response, next: NextFunction) {
  if (!req.session.userId) {
    res.status(401).json({ error: 'please sign in' });
    return;
  }
  next();
}
