import { rateLimit } from 'express-rate-limit';
import { Ratelimit } from '@upstash/ratelimit';

export const otpLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 });

export const magicLinkLimit = new Ratelimit({ redis: undefined as never, limiter: Ratelimit.slidingWindow(5, '10 m') });
