import { Router } from 'express';
import Joi from 'joi';
import { celebrate, Joi as CJoi, Segments } from 'celebrate';
import { body, validationResult } from 'express-validator';
import { z } from 'zod';
import { pool, prisma } from '../db.js';
import { validateBody } from '../middleware/validate.js';
import { parseReactionInput } from '../validation/reactions.js';

const router = Router();

const CommentInput = z.object({ postId: z.string().uuid(), body: z.string().min(1).max(5000) });
const flagSchema = Joi.object({ reason: Joi.string().valid('spam', 'abuse').required(), note: Joi.string().max(500) });

router.post('/comments', async (req, res) => {
  // expect: unvalidated-input -- raw SQL insert of body fields
  await pool.query('INSERT INTO comments (post_id, author_id, body) VALUES (?, ?, ?)', [req.body.postId, req.user!.id, req.body.body]);
  res.sendStatus(201);
});

router.post('/comments/v2', async (req, res) => {
  const input = CommentInput.parse(req.body);
  // expect-none: unvalidated-input -- zod parse, and the parsed value is written
  await prisma.comment.create({ data: { ...input, authorId: req.user!.id } });
  res.sendStatus(201);
});

router.post('/comments/v3', validateBody(CommentInput), async (req, res) => {
  // expect-none: unvalidated-input -- a project middleware validates the body on the chain
  await prisma.comment.create({ data: { postId: req.body.postId, body: req.body.body, authorId: req.user!.id } });
  res.sendStatus(201);
});

router.post(
  '/comments/:id/replies',
  body('body').isString().isLength({ min: 1, max: 5000 }),
  async (req, res) => {
    const errors = validationResult(req);
    if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
    // expect-none: unvalidated-input -- express-validator chain, enforced with validationResult
    await prisma.reply.create({ data: { commentId: req.params.id, body: req.body.body, authorId: req.user!.id } });
    res.sendStatus(201);
  },
);

router.put('/comments/:id', body('body').isString().isLength({ max: 5000 }), async (req, res) => {
  // expect: unvalidated-input -- the express-validator chain runs, but nobody reads validationResult
  await prisma.comment.update({ where: { id: req.params.id, authorId: req.user!.id }, data: { body: req.body.body } });
  res.sendStatus(204);
});

router.post(
  '/comments/:id/flags',
  celebrate({ [Segments.BODY]: CJoi.object({ reason: CJoi.string().valid('spam', 'abuse').required() }) }),
  async (req, res) => {
    // expect-none: unvalidated-input -- celebrate validates the body on the chain
    await prisma.flag.create({ data: { commentId: req.params.id, reason: req.body.reason, reporterId: req.user!.id } });
    res.sendStatus(201);
  },
);

router.post('/comments/:id/reports', async (req, res) => {
  const { error, value } = flagSchema.validate(req.body);
  if (error) return res.status(400).json({ error: error.message });
  // expect-none: unvalidated-input -- joi validate in the handler, before the write
  await prisma.report.create({ data: { commentId: req.params.id, reason: value.reason, note: value.note, reporterId: req.user!.id } });
  res.sendStatus(201);
});

router.post('/comments/:id/reactions', async (req, res) => {
  const { emoji } = parseReactionInput(req.body);
  // expect-none: unvalidated-input -- a project validation helper (parse…Input) in another file
  await prisma.reaction.create({ data: { commentId: req.params.id, emoji, userId: req.user!.id } });
  res.sendStatus(201);
});

export default router;
