import express from 'express';

// A test app: what it answers ships nowhere.
export function buildTestApp() {
  const app = express();
  app.get('/boom', (req, res) => {
    try {
      throw new Error('boom');
    } catch (err) {
      // expect-none: stack-trace-exposure
      res.status(500).send(err.stack);
    }
  });
  return app;
}
