import { Router } from 'express';
import passport from 'passport';
import { prisma } from '../db.js';

const router = Router();
const jwtAuth = passport.authenticate('jwt', { session: false });

router.get('/products/:id', jwtAuth, async (req, res) => {
  // expect-none: missing-ownership-check -- shared catalog data every signed-in user may read
  res.json(await prisma.product.findUnique({ where: { id: req.params.id } }));
});

router.get('/posts/:slug', async (req, res) => {
  // expect-none: missing-ownership-check -- a public page: there is no current user to own anything
  res.json(await prisma.post.findUnique({ where: { slug: req.params.slug } }));
});

router.post('/products/:id/reviews', jwtAuth, async (req, res) => {
  const user = req.user as { id: string };
  // expect-none: missing-ownership-check -- adding one's own review to a shared product
  const product = await prisma.product.findUnique({ where: { id: req.params.id } });
  if (!product) return res.sendStatus(404);
  res.status(201).json(await prisma.review.create({ data: { productId: product.id, authorId: user.id, rating: Number(req.body.rating) } }));
});

export default router;
