import { Router } from 'express';
import staffOnly from '../guard.mjs';

const staff = Router();

// expect: missing-auth -- sensitive only with the /api/staff prefix
staff.get('/', (_req, res) => {
  res.json([{ id: 's1', name: 'Ana', phone: '+351 900 000 000' }]);
});

// expect-none: missing-auth
staff.put('/:id/shift', staffOnly, (req, res) => {
  res.json({ id: req.params.id, shift: req.body.shift });
});

export default staff;
