const express = require('express');
const helmet = require('helmet');

function createInternalApp() {
  // expect: missing-security-headers -- created inside a factory, CommonJS
  const internal = express();
  internal.use(helmet());
  internal.get('/internal/health', (_req, res) => res.json({ ok: true }));
  return internal;
}

module.exports = { createInternalApp };
