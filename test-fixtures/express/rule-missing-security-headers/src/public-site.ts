import express from 'express';
import helmet from 'helmet';

// expect-none: missing-security-headers -- helmet right after creation
const site = express();
site.use(helmet());
site.get('/', (_req, res) => {
  res.send('welcome');
});

export default site;
