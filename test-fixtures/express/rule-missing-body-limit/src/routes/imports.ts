import express, { Router } from 'express';
import { requireAuth } from '../guards';

export const importsRouter = Router();

// expect-none: missing-body-limit -- authentication runs before the 25 MB parser: only signed-in users can send that much
importsRouter.post('/catalog', requireAuth, express.json({ limit: '25mb' }), (req, res) => {
  res.status(202).json({ items: Array.isArray(req.body) ? req.body.length : 0 });
});

// expect: missing-body-limit -- the parser runs before requireAuth, so anonymous bodies are parsed
importsRouter.post('/feedback', express.json({ limit: '5mb' }), requireAuth, (req, res) => {
  res.status(202).json({ length: JSON.stringify(req.body).length });
});

// expect-none: missing-body-limit -- a small per-route limit
importsRouter.post('/notes', express.json({ limit: '64kb' }), requireAuth, (req, res) => {
  res.status(201).json({ length: JSON.stringify(req.body).length });
});
