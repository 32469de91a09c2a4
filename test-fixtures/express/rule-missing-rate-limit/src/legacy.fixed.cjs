const express = require('express');
const rateLimit = require('express-rate-limit');
const bcrypt = require('bcryptjs');
const { users } = require('./db');
const { requireAuth } = require('./guards');

const legacy = express.Router();
const apiLimiter = rateLimit({ windowMs: 60 * 1000, limit: 300 });

const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10, standardHeaders: 'draft-7', legacyHeaders: false });

const webhookLimiter = rateLimit({ windowMs: 60 * 1000, limit: 120, standardHeaders: 'draft-7', legacyHeaders: false });

// expect-none: missing-rate-limit -- apiLimiter is on the route
// expect: missing-authz -- an export behind authentication only
legacy.get('/export', requireAuth, apiLimiter, (_req, res) => {
  res.json([]);
});

// expect: missing-rate-limit -- a CommonJS sign-in; the fix reuses the file's rateLimit binding
legacy.post('/signin', authLimiter, async (req, res) => {
  const user = await users.findByEmail(String(req.body.email));
  const ok = Boolean(user) && (await bcrypt.compare(String(req.body.password), user.passwordHash));
  res.status(ok ? 200 : 401).json({ ok });
});

// expect: missing-rate-limit, missing-webhook-verification -- a webhook intake nobody verifies or limits
legacy.post('/hooks/paddle', webhookLimiter, (req, res) => {
  res.json({ received: req.body.event_type });
});

module.exports = legacy;
