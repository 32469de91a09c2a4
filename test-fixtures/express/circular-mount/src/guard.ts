import type { NextFunction, Request, Response } from 'express';

export function requireToken(req: Request, res: Response, next: NextFunction) {
  if (req.headers.authorization !== `Bearer ${process.env.ADMIN_TOKEN}`) return res.status(401).end();
  next();
}
