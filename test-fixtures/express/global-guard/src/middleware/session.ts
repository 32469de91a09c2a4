import type { NextFunction, Request, Response } from 'express';

const sessions = new Map<string, { userId: string }>();

/** Every request past this point belongs to a signed-in user. */
export function requireSession(req: Request, res: Response, next: NextFunction) {
  const sid = req.cookies?.sid as string | undefined;
  const session = sid ? sessions.get(sid) : undefined;
  if (!session) {
    res.status(401).json({ error: 'session expired, sign in again' });
    return;
  }
  res.locals.userId = session.userId;
  next();
}
