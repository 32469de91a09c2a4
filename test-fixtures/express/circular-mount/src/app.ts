import express from 'express';
import { docs } from './docs.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use('/docs', docs);

app.listen(3000);
