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

export default router;
