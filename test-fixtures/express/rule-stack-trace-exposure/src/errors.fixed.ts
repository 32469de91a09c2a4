import type { NextFunction, Request, Response } from 'express';

export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

export function errorHandler(err: HttpError, req: Request, res: Response, next: NextFunction) {
  const status = err.status || 500;
  // expect: stack-trace-exposure
  console.error(err);
  res.status(status).json({ message: status < 500 ? err.message : 'Internal Server Error' });
}

export function publicErrorHandler(err: HttpError, req: Request, res: Response, next: NextFunction) {
  const status = err.status ?? 500;
  req.log?.error(err);
  // expect-none: stack-trace-exposure
  res.status(status).json({ message: status < 500 ? err.message : 'Internal Server Error' });
}
