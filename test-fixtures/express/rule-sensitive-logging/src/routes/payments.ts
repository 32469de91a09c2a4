import { Router } from 'express';
import { logger, redact, audit } from '../logger';

export const paymentsRouter = Router();

paymentsRouter.post('/charge', (req, res) => {
  // expect: sensitive-logging -- the whole body of a payment route
  logger.info('charge requested', req.body);
  const { cardNumber, cvc, amount } = req.body;
  // expect-none: sensitive-logging -- only the last four digits
  logger.info({ amount, last4: cardNumber.slice(-4) });
  // expect-none: sensitive-logging -- redacted
  logger.info({ amount, cvc: redact(cvc) });
  const attempt = { amount, card: { number: cardNumber } };
  // expect: sensitive-logging -- a logger named in the config; card data through a local object
  audit.record('charge', attempt);
  res.status(202).json({ amount });
});
