import express, { Router } from 'express';
import { z } from 'zod';
import { requireAuth, requireRole, validate } from './middleware.js';

const userSchema = z.object({ email: z.string().email(), name: z.string().min(1) });
const noteSchema = z.object({ text: z.string().max(2000) });
const users = new Map<string, z.infer<typeof userSchema>>();

const adminOnly = [requireAuth, requireRole('admin')];
const router = Router();

// expect-none: missing-auth
router.post('/users', [requireAuth, validate(userSchema)], (req, res) => {
  users.set(crypto.randomUUID(), req.body);
  res.sendStatus(201);
});

// expect: missing-auth -- validation is not authentication
router.put('/users/:id', [validate(userSchema)], (req, res) => {
  users.set(req.params.id, req.body);
  res.sendStatus(204);
});

// expect-none: missing-auth -- the guards come from an array held in a variable
router.delete('/users/:id', adminOnly, (req, res) => {
  users.delete(req.params.id);
  res.sendStatus(204);
});

// expect-none: missing-auth -- the same array, spread
router.patch('/users/:id/role', ...adminOnly, (req, res) => {
  res.json({ id: req.params.id, role: String(req.body.role) });
});

// expect-none: missing-auth -- nested arrays are flattened by Express
router.post('/users/:id/notes', [[requireAuth], validate(noteSchema)], (req, res) => {
  res.status(201).json({ userId: req.params.id, text: req.body.text });
});

// expect: missing-auth -- an empty array guards nothing
router.post('/users/:id/avatar', [], (req, res) => {
  res.status(202).json({ userId: req.params.id });
});

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use('/api', router);
app.listen(3000);
