import { Router } from 'express';
import { body, validationResult } from 'express-validator';
import { Task } from '../models.js';

const router = Router();

router.post('/tasks', body('title').isString().isLength({ max: 200 }), body('done').isBoolean(), async (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
  // expect: mass-assignment -- express-validator checks two fields but lets every other key through
  const task = await Task.create(req.body);
  res.status(201).json(task);
});

router.put('/tasks/:id', body('title').isString(), body('done').isBoolean(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.sendStatus(400);
  // expect: mass-assignment -- a spread keeps every key the client sent
  const task = await Task.findOneAndUpdate({ _id: req.params.id, owner: req.user!.id }, { ...req.body, owner: req.user!.id }, { new: true });
  res.json(task);
});

export default router;
