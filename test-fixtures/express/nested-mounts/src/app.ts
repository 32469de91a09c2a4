import express from 'express';
import orgs from './routes/orgs.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use('/orgs', orgs);

app.listen(3000);
