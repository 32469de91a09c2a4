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

const config = { env: process.env.NODE_ENV ?? 'development' };

export function jwtErrorHandler(err: HttpError, req: Request, res: Response, next: NextFunction) {
  if (err.name === 'UnauthorizedError') {
    // expect-none: stack-trace-exposure -- a known error kind, written for clients
    return res.status(err.status).send({ message: err.message });
  }
  next(err);
}

export function lastErrorHandler(err: HttpError, req: Request, res: Response, next: NextFunction) {
  res.status(err.status || 500);
  // expect: stack-trace-exposure
  console.error(err);
  res.json({ errors: { message: ((err.status || 500) < 500 ? err.message : 'Internal Server Error') || 'Unexpected error' } });
}

export function boilerplateErrorHandler(err: HttpError & { expose?: boolean }, req: Request, res: Response, next: NextFunction) {
  const response = {
    code: err.status,
    message: err.expose ? err.message : 'Internal Server Error',
    stack: err.stack,
  };
  if (config.env !== 'development') {
    delete response.stack;
  }
  res.status(err.status);
  // expect-none: stack-trace-exposure -- the stack is deleted outside development
  res.json(response);
}

export function devStackHandler(err: HttpError & { isPublic?: boolean }, req: Request, res: Response, next: NextFunction) {
  // expect-none: stack-trace-exposure
  res.status(err.status).json({
    message: err.isPublic ? err.message : 'Internal Server Error',
    stack: config.env === 'development' ? err.stack : undefined,
  });
}

export function stringErrorHandler(err: string | HttpError, req: Request, res: Response, next: NextFunction) {
  if (typeof err === 'string') {
    const statusCode = err.endsWith('not found') ? 404 : 400;
    // expect-none: stack-trace-exposure -- a 4xx answer either way
    return res.status(statusCode).json({ message: err });
  }
  next(err);
}
