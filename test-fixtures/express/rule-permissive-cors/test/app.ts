import express from 'express';
import cors from 'cors';

export function buildTestApp() {
  const app = express();
  // expect-none: permissive-cors
  app.use(cors());
  return app;
}
