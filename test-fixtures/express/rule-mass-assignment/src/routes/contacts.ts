import { Router } from 'express';
import { contacts, db, User } from '../models.js';
import { updateContactById } from '../services/contacts.js';

const router = Router();

router.post('/contacts', async (req, res) => {
  const body = req.body;
  // expect: mass-assignment, unvalidated-input -- Drizzle insert of the whole body through a local name
  const [row] = await db.insert(contacts).values(body).returning();
  res.status(201).json(row);
});

router.post('/members', async (req, res) => {
  // expect: mass-assignment, unvalidated-input -- new Model(req.body) then save()
  const member = new User(req.body);
  await member.save();
  res.status(201).json({ id: member.id });
});

router.post('/contacts/cache', async (req, res) => {
  const recent = new Map<string, unknown>();
  // expect-none: mass-assignment -- an in-memory map is not a store of records
  recent.set(req.user!.id, req.body);
  res.sendStatus(204);
});

router.put('/contacts/:id', async (req, res) => {
  // expect-none: mass-assignment, unvalidated-input -- a project helper takes the body; what it writes is not seen from here
  const contact = await updateContactById(req.params.id, req.user!.id, req.body);
  res.json(contact);
});

export default router;
