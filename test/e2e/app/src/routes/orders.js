import { Router } from 'express';

const router = Router();

router.delete('/:id', (req, res) => {
  res.sendStatus(204);
});

export default router;
