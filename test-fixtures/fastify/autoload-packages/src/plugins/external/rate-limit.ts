import rateLimit from '@fastify/rate-limit';

// Not global: only routes that ask for a limit in `config.rateLimit` get one.
export const autoConfig = () => ({ global: false, max: 100, timeWindow: '1 minute' });

export default rateLimit;
