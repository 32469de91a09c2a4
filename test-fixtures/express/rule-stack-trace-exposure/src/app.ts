import express from 'express';
import helmet from 'helmet';
import { ZodError, z } from 'zod';
import { db } from './db';
import { errorHandler } from './errors';

const app = express();
app.use(helmet());

app.get('/products/:id', async (req, res) => {
  try {
    res.json(await db.findProduct(req.params.id));
  } catch (err) {
    // expect: stack-trace-exposure
    res.status(500).send(err.stack);
  }
});

app.get('/catalog', async (req, res) => {
  try {
    res.json(await db.listOrders());
  } catch (error) {
    // expect: stack-trace-exposure
    res.status(500).json({ success: false, message: error.message });
  }
});

app.get('/catalog/search', async (req, res) => {
  try {
    res.json(await db.listOrders());
  } catch (e) {
    // expect: stack-trace-exposure
    return res.json({ error: e });
  }
});

app.get('/catalog/all', (req, res) => {
  db.listOrders()
    .then((rows) => res.json(rows))
    // expect: stack-trace-exposure
    .catch((reason) => res.status(500).json({ reason: String(reason) }));
});

const Query = z.object({ q: z.string().min(2) });

app.get('/catalog/find', async (req, res) => {
  try {
    const { q } = Query.parse(req.query);
    res.json({ q });
  } catch (err) {
    if (err instanceof ZodError) {
      // expect-none: stack-trace-exposure
      return res.status(400).json({ error: err.message, issues: err.issues });
    }
    console.error(err);
    // expect-none: stack-trace-exposure
    res.status(500).json({ error: 'Internal Server Error' });
  }
});

app.get('/catalog/debug', async (req, res) => {
  try {
    res.json(await db.listOrders());
  } catch (err) {
    // expect-none: stack-trace-exposure
    res.status(500).json({
      error: 'Internal Server Error',
      ...(process.env.NODE_ENV !== 'production' && { stack: err.stack }),
    });
  }
});

app.get('/catalog/dev', async (req, res) => {
  try {
    res.json(await db.listOrders());
  } catch (err) {
    if (process.env.NODE_ENV === 'development') {
      // expect-none: stack-trace-exposure
      return res.status(500).send(err.stack);
    }
    // expect-none: stack-trace-exposure
    res.sendStatus(500);
  }
});

app.use(errorHandler);

export default app;
