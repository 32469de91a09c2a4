import express from 'express';
import { requireAuth } from './auth.js';
import { db } from './db.js';

// expect: missing-security-headers
const app = express();
app.set('trust proxy', 1);
app.use(express.json({ limit: '100kb' }));

// expect-none: missing-auth -- a GET on the public catalogue
app.get('/api/products', async (_req, res) => {
  res.json(await db.product.findMany({ where: { published: true } }));
});

// expect: missing-auth -- 'users' is sensitive even for a GET
app.get('/api/users', async (_req, res) => {
  res.json(await db.user.findMany());
});

// expect: missing-auth
app.post('/api/products', async (req, res) => {
  const product = await db.product.create({ data: { name: String(req.body.name), priceCents: Number(req.body.priceCents) } });
  res.status(201).json(product);
});

// expect: missing-auth
app.put('/api/products/:id', async (req, res) => {
  res.json(await db.product.update({ where: { id: req.params.id }, data: { name: String(req.body.name) } }));
});

// expect: missing-auth
app.patch('/api/products/:id', async (req, res) => {
  res.json(await db.product.update({ where: { id: req.params.id }, data: { published: Boolean(req.body.published) } }));
});

// expect: missing-auth
app.delete('/api/products/:id', async (req, res) => {
  await db.product.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

// expect-none: missing-auth
app.delete('/api/carts/:id', requireAuth, async (req, res) => {
  await db.cart.delete({ where: { id: req.params.id, ownerId: res.locals.user.sub } });
  res.sendStatus(204);
});

// expect-none: missing-auth -- a preflight answer on a public path
app.options('/api/products', (_req, res) => {
  res.set('Allow', 'GET, POST, OPTIONS').sendStatus(204);
});

// expect: missing-auth -- this OPTIONS handler answers with the settings themselves
app.options('/api/settings', async (_req, res) => {
  res.set('Allow', 'GET, PUT').json(await db.setting.findMany());
});

// expect: missing-auth -- HEAD on a user tells anyone whether an account exists
app.head('/api/users/:email', async (req, res) => {
  const user = await db.user.findUnique({ where: { email: req.params.email } });
  res.sendStatus(user ? 200 : 404);
});

// expect-none: missing-auth
app.head('/api/products/:id', async (req, res) => {
  const product = await db.product.findUnique({ where: { id: req.params.id } });
  res.sendStatus(product ? 200 : 404);
});

// expect: missing-auth -- ALL includes the writing methods
app.all('/api/legacy/*splat', async (req, res) => {
  const upstream = await fetch(`https://legacy.internal.example.com${req.path}`, { method: req.method, body: req.method === 'GET' ? undefined : JSON.stringify(req.body) });
  res.status(upstream.status).send(await upstream.text());
});

// expect-none: missing-auth
app.all('/api/v2/*splat', requireAuth, async (req, res) => {
  res.status(501).json({ error: `${req.method} ${req.path} is not implemented yet` });
});

app.listen(Number(process.env.PORT ?? 3000));
