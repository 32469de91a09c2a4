import { clerkMiddleware, getAuth, requireAuth } from '@clerk/express';
import express from 'express';
import { notes } from './notes.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use(clerkMiddleware());

// expect-none: missing-auth
app.post('/api/notes', requireAuth(), (req, res) => {
  const { userId } = getAuth(req);
  const note = { id: crypto.randomUUID(), ownerId: userId!, text: String(req.body.text) };
  notes.set(note.id, note);
  res.status(201).json(note);
});

// expect-none: missing-auth -- the handler asks Clerk and answers 401 itself
app.patch('/api/notes/:id', (req, res) => {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).json({ error: 'sign in' });
  const note = notes.get(req.params.id);
  if (!note || note.ownerId !== userId) return res.sendStatus(404);
  note.text = String(req.body.text);
  res.json(note);
});

// expect: missing-auth -- clerkMiddleware() reads the session but blocks nobody
app.delete('/api/notes/:id', (req, res) => {
  notes.delete(req.params.id);
  res.sendStatus(204);
});

app.listen(3000);
