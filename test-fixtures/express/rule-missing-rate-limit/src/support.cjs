const express = require('express');
const { requireAuth } = require('./guards');

const support = express.Router();

// expect: missing-rate-limit -- a bulk import; the fix adds a require of express-rate-limit after the last one
// expect: missing-authz -- a bulk import behind authentication only
support.post('/tickets/bulk-import', requireAuth, (req, res) => {
  res.status(202).json({ queued: Array.isArray(req.body) ? req.body.length : 0 });
});

module.exports = support;
