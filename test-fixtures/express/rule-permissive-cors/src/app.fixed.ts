import express from 'express';
import helmet from 'helmet';
import cors from 'cors';
import { partnerCors, trustedCors } from './cors-options';
import { publicRouter } from './headers';

const app = express();
app.use(helmet());

// expect: permissive-cors
app.use(cors({ origin: (process.env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean) }));

// expect-none: permissive-cors
app.use('/partners', partnerCors);

// expect-none: permissive-cors
app.use('/trusted', trustedCors);

app.use('/public', publicRouter);

app.get('/products', (req, res) => {
  res.json([{ id: 1, name: 'Lamp' }]);
});

export default app;

app.use(
  express.static('public', {
    setHeaders: (res) => {
      // expect-none: permissive-cors -- static assets (fonts, images) are meant to be shared
      res.setHeader('Access-Control-Allow-Origin', '*');
    },
  }),
);
