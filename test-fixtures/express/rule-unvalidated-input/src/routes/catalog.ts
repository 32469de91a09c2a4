import { Router } from 'express';
import { z } from 'zod';
import { Product, Profile } from '../db.js';

const router = Router();
const Search = z.object({ q: z.string().max(100), tag: z.string().max(40).optional() });

router.get('/products/search', async (req, res) => {
  // expect: unvalidated-input -- a query-string value as a Mongo filter: ?name[$ne]=x matches everything
  const products = await Product.find({ name: req.query.name }).limit(20);
  res.json(products);
});

router.get('/products/by-tag', async (req, res) => {
  const { q, tag } = Search.parse(req.query);
  // expect-none: unvalidated-input -- parsed by a zod schema first
  res.json(await Product.find({ name: new RegExp(q.replace(/\W/g, ''), 'i'), tags: tag }).limit(20));
});

router.get('/products/cheap', async (req, res) => {
  const max = Number(req.query.max ?? 100);
  // expect-none: unvalidated-input -- coerced to a number: no operator object can get through
  res.json(await Product.find({ price: { $lte: max } }).limit(Number(req.query.limit ?? 20)));
});

router.put('/profile/bio', async (req, res) => {
  // expect: unvalidated-input -- $set with a raw body field
  await Profile.updateOne({ userId: req.user!.id }, { $set: { bio: req.body.bio, website: req.body.website } });
  res.sendStatus(204);
});

router.post('/profile/preview', (req, res) => {
  // expect-none: unvalidated-input -- the body is echoed back, never stored or queried
  res.json({ bio: String(req.body.bio ?? '').slice(0, 500) });
});

router.put('/profile/name', async (req, res) => {
  const name = typeof req.body.name === 'string' ? req.body.name.trim().slice(0, 100) : '';
  // expect-none: unvalidated-input -- type-checked by hand before the write
  await Profile.updateOne({ userId: req.user!.id }, { $set: { name } });
  res.sendStatus(204);
});

router.put('/profile/website', async (req, res) => {
  const { website } = req.body;
  if (typeof website !== 'string' || !/^https:\/\//.test(website)) return res.status(400).json({ error: 'website must be an https URL' });
  // expect-none: unvalidated-input -- a type check that rejects the request guards the value
  await Profile.updateOne({ userId: req.user!.id }, { $set: { website } });
  res.sendStatus(204);
});

router.post('/profile/claim', async (req, res) => {
  // expect: unvalidated-input -- a lookup by a raw body field (medium: a read)
  const other = await Profile.findOne({ website: req.body.website });
  if (!other) return res.sendStatus(404);
  // expect-none: unvalidated-input -- what a query returned is stored data, not client input
  await Profile.updateOne({ userId: req.user!.id }, { $set: { claimedFrom: other.userId } });
  res.sendStatus(204);
});

export default router;
