import { Router } from 'express';

const router = Router();

// expect-none: missing-auth -- guarded at the mount through the '#guards' import
router.post('/', (req, res) => {
  res.status(201).json({ sku: String(req.body.sku) });
});

export default router;
