const express = require('express');
const { verifySignature, verifySignatureSafely } = require('./verify-signature.cjs');

const router = express.Router();

// expect: missing-webhook-verification -- the required helper (CommonJS destructuring) compares with ===
router.post('/deploy', (req, res) => {
  if (!verifySignature(req)) return res.status(401).send('Invalid signature');
  res.sendStatus(202);
});

// expect-none: missing-webhook-verification -- the required helper uses crypto.timingSafeEqual
router.post('/build', (req, res) => {
  if (!verifySignatureSafely(req)) return res.status(401).send('Invalid signature');
  res.sendStatus(202);
});

module.exports = router;
