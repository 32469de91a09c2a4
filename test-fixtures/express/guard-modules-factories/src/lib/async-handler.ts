import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Forwards a rejected promise to the error handler. */
export const asyncHandler =
  (fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };
