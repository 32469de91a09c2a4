import crypto from 'node:crypto';
import express, { Router } from 'express';
import { Webhooks } from '@octokit/webhooks';
import { signatureMatches } from '../signatures';

const webhooks = new Webhooks({ secret: process.env.GITHUB_WEBHOOK_SECRET! });
export const githubRouter = Router();
githubRouter.use(express.text({ type: 'application/json' }));

// expect-none: missing-webhook-verification -- HMAC compared with crypto.timingSafeEqual
githubRouter.post('/push', (req, res) => {
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET!).update(req.body).digest('hex'));
  const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return res.sendStatus(401);
  res.sendStatus(204);
});

// expect: missing-webhook-verification -- the HMAC is compared with !==, which leaks timing
githubRouter.post('/issues', (req, res) => {
  const digest = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET!).update(req.body).digest('hex');
  if (req.headers['x-hub-signature-256'] !== 'sha256=' + digest) return res.sendStatus(401);
  res.sendStatus(204);
});

// expect-none: missing-webhook-verification -- @octokit/webhooks verifies the signature
githubRouter.post('/releases', async (req, res) => {
  const ok = await webhooks.verify(req.body, String(req.headers['x-hub-signature-256']));
  res.sendStatus(ok ? 204 : 401);
});

// expect: missing-webhook-verification -- the project helper compares with ===; the rule reads it
githubRouter.post('/stars', (req, res) => {
  if (!signatureMatches(req.body, String(req.headers['x-hub-signature-256']))) return res.sendStatus(401);
  res.sendStatus(204);
});
