import { Router } from 'express';

const publicRouter = Router();

// expect-none: missing-auth
publicRouter.get('/articles', (_req, res) => {
  res.json([{ slug: 'hello', title: 'Hello' }]);
});

// expect: missing-auth -- nothing guards the /public mount
publicRouter.post('/articles', (req, res) => {
  res.status(201).json({ slug: req.body.slug });
});

export default publicRouter;
