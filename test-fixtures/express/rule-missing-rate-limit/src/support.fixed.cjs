const express = require('express');
const { requireAuth } = require('./guards');
const { rateLimit } = require('express-rate-limit');

const support = express.Router();

const expensiveLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 30, standardHeaders: 'draft-7', legacyHeaders: false });

// expect: missing-rate-limit -- a bulk import; the fix adds a require of express-rate-limit after the last one
// expect: missing-authz -- a bulk import behind authentication only
support.post('/tickets/bulk-import', expensiveLimiter, requireAuth, (req, res) => {
  res.status(202).json({ queued: Array.isArray(req.body) ? req.body.length : 0 });
});

module.exports = support;
