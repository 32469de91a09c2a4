import { Router } from 'express';
import { store } from '../store.js';

export const ordersRouter = Router();

// expect-none: missing-auth -- guarded where it is mounted
ordersRouter.get('/', (_req, res) => {
  res.json([...store.orders.values()].filter((o) => o.userId === res.locals.userId));
});

// expect-none: missing-auth -- guarded where it is mounted
ordersRouter.post('/', (req, res) => {
  const order = { id: store.newId(), userId: res.locals.userId as string, totalCents: Number(req.body.totalCents) };
  store.orders.set(order.id, order);
  res.status(201).json(order);
});
