import { Router } from 'express';
import { openai } from '../lib/openai';
import { requireAuth } from '../guards';

export const aiRouter = Router();

// expect: missing-rate-limit -- each call spends paid model tokens (client wrapped in lib/openai)
aiRouter.post('/summaries', requireAuth, async (req, res) => {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: String(req.body.text) }] });
  res.json({ summary: completion.choices[0]?.message.content });
});

// expect-none: missing-rate-limit -- listing saved summaries calls no model
aiRouter.get('/summaries', requireAuth, (_req, res) => {
  res.json([]);
});
