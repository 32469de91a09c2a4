import rateLimit from '@fastify/rate-limit';

// Opt-in: only routes with `config.rateLimit` are limited.
export const autoConfig = { global: false, max: 60, timeWindow: '1 minute' };

export default rateLimit;
