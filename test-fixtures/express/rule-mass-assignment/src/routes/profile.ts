import { Router } from 'express';
import _ from 'lodash';
import { z } from 'zod';
import { celebrate, Joi, Segments } from 'celebrate';
import { prisma, User } from '../models.js';

const router = Router();
const ProfileInput = z.object({ name: z.string().max(100), email: z.string().email() });

router.post('/users', async (req, res) => {
  const input = ProfileInput.parse(req.body);
  // expect: mass-assignment -- validated, but the raw body (with any extra keys) is what gets written
  const user = await User.create(req.body);
  res.status(201).json({ id: user.id, name: input.name });
});

router.patch('/me', async (req, res) => {
  const parsed = ProfileInput.partial().safeParse(req.body);
  if (!parsed.success) return res.status(400).json({ issues: parsed.error.issues });
  // expect-none: mass-assignment -- the parsed value is written: zod dropped unknown keys
  const user = await prisma.user.update({ where: { id: req.user!.id }, data: parsed.data });
  res.json({ id: user.id });
});

router.put('/me', async (req, res) => {
  const { name, email } = ProfileInput.parse(req.body);
  // expect-none: mass-assignment -- fields picked one by one
  const user = await prisma.user.update({ where: { id: req.user!.id }, data: { name, email } });
  res.json({ id: user.id });
});

router.put('/me/settings', celebrate({ [Segments.BODY]: Joi.object({ theme: Joi.string().valid('light', 'dark'), locale: Joi.string().max(10) }) }), async (req, res) => {
  // expect-none: mass-assignment -- celebrate (joi) rejects keys the schema does not name
  const settings = await prisma.settings.update({ where: { userId: req.user!.id }, data: req.body });
  res.json(settings);
});

router.patch('/me/account', async (req, res) => {
  const user = await User.findById(req.user!.id);
  if (!user) return res.sendStatus(404);
  // expect: mass-assignment -- merges every key into the loaded document (role, credits…)
  Object.assign(user, req.body);
  await user.save();
  res.json({ id: user.id });
});

router.post('/me/preferences', async (req, res) => {
  const current = await prisma.preferences.findUnique({ where: { userId: req.user!.id } });
  // expect: mass-assignment -- lodash merge of the whole body
  const merged = _.merge(current ?? {}, req.body);
  res.json(merged);
});

router.post('/me/avatar', async (req, res) => {
  // expect-none: mass-assignment -- _.pick keeps only the named keys
  // expect: unvalidated-input -- picked, but never validated
  await prisma.user.update({ where: { id: req.user!.id }, data: _.pick(req.body, ['avatarUrl']) });
  res.sendStatus(204);
});

router.post('/me/invite', async (req, res) => {
  const { role, ...invite } = req.body;
  // expect-none: mass-assignment -- the rest of a destructuring that drops 'role' on purpose
  // expect: unvalidated-input
  await prisma.invitation.create({ data: { ...invite, invitedBy: req.user!.id } });
  res.status(201).json({ ignoredRole: Boolean(role) });
});

router.post('/drafts', async (req, res) => {
  const draft = new User(req.body);
  // expect-none: mass-assignment -- new Model(body) is reported where it is built, not at save()
  await draft.validate();
  res.json({ valid: true });
});

export default router;
