import rateLimit from 'express-rate-limit';

/** Sign-up and password-reset requests: 5 per IP per 15 minutes. */
export const accountLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
});

/** Expensive endpoints (uploads, report generation). */
export const heavyLimiter = rateLimit({
  windowMs: 60 * 1000,
  limit: 10,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
});
