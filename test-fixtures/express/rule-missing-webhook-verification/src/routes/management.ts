import { Router } from 'express';
import jwt from 'jsonwebtoken';

function requireAuth(req: import('express').Request, res: import('express').Response, next: import('express').NextFunction) {
  try {
    res.locals.user = jwt.verify(String(req.headers.authorization).replace('Bearer ', ''), process.env.JWT_SECRET!);
    next();
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
  }
}

export const managementRouter = Router();

// expect-none: missing-webhook-verification -- registering a webhook URL behind a session is not an intake
managementRouter.post('/webhooks', requireAuth, (req, res) => {
  res.status(201).json({ url: req.body.url });
});

// expect-none: missing-webhook-verification -- under /settings: managing hooks, not receiving them
managementRouter.post('/settings/hooks', requireAuth, (req, res) => {
  res.status(201).json({ url: req.body.url });
});

// expect-none: missing-webhook-verification -- a GET never receives provider deliveries
managementRouter.get('/webhooks/deliveries', requireAuth, (_req, res) => {
  res.json([]);
});
