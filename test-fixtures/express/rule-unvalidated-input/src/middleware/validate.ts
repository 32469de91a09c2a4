import type { NextFunction, Request, Response } from 'express';
import type { ZodType } from 'zod';

/** Replaces req.body with the parsed value, or answers 400. */
export function validateBody(schema: ZodType) {
  return (req: Request, res: Response, next: NextFunction) => {
    const result = schema.safeParse(req.body);
    if (!result.success) return res.status(400).json({ error: 'invalid body', issues: result.error.issues });
    req.body = result.data;
    next();
  };
}
