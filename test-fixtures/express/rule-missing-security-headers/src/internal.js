const express = require('express');

function createInternalApp() {
  // expect: missing-security-headers -- created inside a factory, CommonJS
  const internal = express();
  internal.get('/internal/health', (_req, res) => res.json({ ok: true }));
  return internal;
}

module.exports = { createInternalApp };
