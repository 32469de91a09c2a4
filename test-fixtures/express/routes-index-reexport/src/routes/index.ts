import { Router } from 'express';
import health from './health';
import { requireLogin } from '../guard';

export { default as usersRouter } from './users';
export * from './settings';
export { accountRouter as account } from './account';
export { health };

/** The internal API, assembled here and guarded as a whole. */
export const internalApi = Router();
internalApi.use(requireLogin);

// expect-none: missing-auth -- internalApi.use(requireLogin) above
// expect: missing-rate-limit -- an export with no limiter (medium: behind a login)
// expect: missing-authz -- an export behind authentication only
internalApi.post('/exports', (_req, res) => {
  res.status(202).json({ queued: true });
});
