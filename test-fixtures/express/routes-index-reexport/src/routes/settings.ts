import { Router } from 'express';

export const settingsRouter = Router();

// expect: missing-auth -- sensitive with the /api/settings prefix, reached through export *
settingsRouter.get('/', (_req, res) => {
  res.json({ smtpHost: 'smtp.internal', retentionDays: 30 });
});
