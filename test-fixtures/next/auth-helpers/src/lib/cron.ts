import { timingSafeEqual } from 'node:crypto';

export class ApiError extends Error {
  constructor(readonly code: 'unauthorized' | 'bad_request', message: string) {
    super(message);
  }
}

/** Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. */
async function verifyCronSecret(req: Request): Promise<void> {
  const header = req.headers.get('authorization') ?? '';
  const expected = `Bearer ${process.env.CRON_SECRET}`;
  if (header.length !== expected.length || !timingSafeEqual(Buffer.from(header), Buffer.from(expected))) {
    throw new ApiError('unauthorized', 'Invalid cron secret');
  }
}

type CronHandler = (req: Request) => Promise<Response>;

/** Runs a cron job: only Vercel Cron, holding the secret, gets through. */
export const withCron = (handler: CronHandler) => async (req: Request) => {
  await verifyCronSecret(req);
  return handler(req);
};

/** Times a job; checks nothing. */
export const withTiming = (handler: CronHandler) => async (req: Request) => {
  const started = Date.now();
  const res = await handler(req);
  console.info('job took', Date.now() - started, 'ms');
  return res;
};
