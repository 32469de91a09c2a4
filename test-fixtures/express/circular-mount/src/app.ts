import express from 'express';
import { docs } from './docs.js';

const app = express();
app.use(express.json());
app.use('/docs', docs);

app.listen(3000);
