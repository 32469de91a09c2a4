import express from 'express';
import helmet from 'helmet';
import { fetchRates } from './clients';

const app = express();
app.use(helmet());

app.get('/legacy', (req, res) => {
  // expect: insecure-transport -- a redirect that downgrades to plain http
  res.redirect(301, 'http://' + req.headers.host + req.originalUrl);
});

app.get('/docs', (req, res) => {
  // expect-none: insecure-transport -- https
  res.redirect('https://docs.acme-payments.io/');
});

app.get('/rates', async (_req, res) => {
  res.json(await fetchRates());
});

export default app;
