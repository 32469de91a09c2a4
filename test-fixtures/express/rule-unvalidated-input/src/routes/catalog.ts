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

export default router;
