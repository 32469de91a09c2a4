import { Router } from 'express';
import { logger } from '../logger';

export const profileRouter = Router();

profileRouter.patch('/', (req, res) => {
  // expect-none: sensitive-logging -- the body of a route that is not about credentials or payments
  logger.info({ body: req.body }, 'profile update');
  const { phoneNumber } = req.body;
  // expect: sensitive-logging -- personal data (medium)
  logger.info(`phone changed to ${phoneNumber}`);
  // expect-none: sensitive-logging -- which fields changed, not their values
  logger.info({ changed: Object.keys(req.body) });
  saveProfile(req.body).catch((err) => {
    // expect-none: sensitive-logging -- the callback's first parameter is an error, not the request
    console.error(err);
  });
  res.json({ ok: true });
});

async function saveProfile(_body: unknown): Promise<void> {}
