import type { RequestHandler } from 'express';
import type { ZodTypeAny } from 'zod';

/** Replaces `req.body` with the parsed value, or answers 400 with the issues. */
export function validateBody(schema: ZodTypeAny): RequestHandler {
  return (req, res, next) => {
    const result = schema.safeParse(req.body);
    if (!result.success) {
      res.status(400).json({ error: 'invalid request body', issues: result.error.issues });
      return;
    }
    req.body = result.data;
    next();
  };
}
