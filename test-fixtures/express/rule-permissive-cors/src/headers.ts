import express from 'express';

export const publicRouter = express.Router();

const ALLOWED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);

publicRouter.get('/feed', (req, res) => {
  // expect: permissive-cors
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json([{ id: 1, title: 'Hello' }]);
});

publicRouter.get('/widgets', (req, res) => {
  // expect: permissive-cors
  res.set({ 'Access-Control-Allow-Origin': req.headers.origin, 'Access-Control-Allow-Credentials': 'true' });
  res.json([]);
});

publicRouter.get('/badges', (req, res) => {
  const origin = req.headers.origin;
  if (origin) {
    // expect: permissive-cors
    res.header('Access-Control-Allow-Origin', origin);
  }
  res.json([]);
});

publicRouter.get('/checked', (req, res) => {
  const origin = req.get('origin');
  if (origin && ALLOWED_ORIGINS.has(origin)) {
    // expect-none: permissive-cors
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Vary', 'Origin');
  }
  res.json([]);
});

publicRouter.get('/fixed-origin', (req, res) => {
  // expect-none: permissive-cors
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
  res.json([]);
});

publicRouter.get('/no-cors', (req, res) => {
  // expect-none: permissive-cors
  res.setHeader('Access-Control-Allow-Methods', 'GET');
  res.json([]);
});
