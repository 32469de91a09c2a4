import { Router } from 'express';

export const paymentsRouter = Router();

// expect: missing-auth, missing-webhook-verification -- no webhook in the path, but it dispatches on Stripe event types; anyone can post it
paymentsRouter.post('/notify', (req, res) => {
  switch (req.body.type) {
    case 'invoice.paid':
      res.json({ paid: true });
      return;
    case 'customer.subscription.deleted':
      res.json({ cancelled: true });
      return;
    default:
      res.sendStatus(204);
  }
});
