import { Router } from 'express';
import { z } from 'zod';
import { Invoice, Note } from '../models.js';
import { loadInvoice } from '../guards.js';

const router = Router();
const NoteText = z.object({ text: z.string().min(1).max(2000) });

type User = { id: string; _id: string; tenantId: string };

router.get('/invoices/:id', async (req, res) => {
  // expect: missing-ownership-check -- any signed-in user reads any invoice by id
  const invoice = await Invoice.findById(req.params.id);
  if (!invoice) return res.sendStatus(404);
  res.json(invoice);
});

router.get('/invoices/:id/pdf', async (req, res) => {
  const user = req.user as User;
  // expect-none: missing-ownership-check -- the owner is part of the query
  const invoice = await Invoice.findOne({ _id: req.params.id, owner: user._id });
  if (!invoice) return res.sendStatus(404);
  res.type('application/pdf').send(Buffer.from(`invoice ${invoice.id}`));
});

router.patch('/notes/:noteId', async (req, res) => {
  const { noteId } = req.params;
  const { text } = NoteText.parse(req.body);
  // expect: missing-ownership-check -- any signed-in user edits any note
  const note = await Note.findByIdAndUpdate(noteId, { text }, { new: true });
  res.json(note);
});

router.put('/notes/:noteId', async (req, res) => {
  const { text } = NoteText.parse(req.body);
  // expect-none: missing-ownership-check -- loaded, then the author is compared with the caller
  const note = await Note.findById(req.params.noteId);
  if (!note || !note.author?.equals((req.user as User)._id)) return res.sendStatus(404);
  note.text = text;
  await note.save();
  res.json(note);
});

router.delete('/notes/:noteId', async (req, res) => {
  const me = req.user as User;
  const note = await Note.findById(req.params.noteId);
  // expect-none: missing-ownership-check -- an owner comparison answering 403
  if (String(note?.author) !== me.id) return res.sendStatus(403);
  await note!.deleteOne();
  res.sendStatus(204);
});

router.get('/invoices/:id/lines', loadInvoice, async (req, res) => {
  // expect-none: missing-ownership-check -- loadInvoice, on the chain, compares the owner with the caller
  res.json(await Invoice.findById(req.params.id).select('lines'));
});

export default router;
